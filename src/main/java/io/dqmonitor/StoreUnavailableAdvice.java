package io.dqmonitor;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API while a store is out of reach (Redis behind {@code /api/changes}, PostgreSQL behind {@code /api/violations}):
 * 503, which says "try again later", instead of a 500 that says the request or the service is broken.
 */
@RestControllerAdvice
class StoreUnavailableAdvice {

    @ExceptionHandler(DataAccessResourceFailureException.class)
    ProblemDetail storeUnavailable(DataAccessResourceFailureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "a store dq-monitor reads from is out of reach; try again later");
        problem.setTitle("Store unavailable");
        return problem;
    }
}

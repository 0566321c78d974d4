package io.dqmonitor.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} to a request that carries credentials from a client address whose failed
 * authentications the {@link LoginThrottle} holds back, before any authentication filter checks them. Requests
 * without credentials pass: they cost no hashing, and the status and probes must stay reachable.
 */
final class ThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final DeniedRequests denied;

    ThrottleFilter(LoginThrottle throttle, DeniedRequests denied) {
        this.throttle = throttle;
        this.denied = denied;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            Duration wait = throttle.wait(request.getRemoteAddr());
            if (!wait.isZero()) {
                denied.throttled(request, response, wait);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

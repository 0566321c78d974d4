package io.dqmonitor.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refused request: answered as problem details like the API's other errors (401 with the challenges the
 * caller can answer, 403), counted by reason, and logged with who and what, never a password or a token.
 */
final class DeniedRequests implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(DeniedRequests.class);
    static final String REALM = "dq-monitor";

    private final JsonMapper json;
    private final AccessMetrics metrics;
    private final LoginThrottle throttle;
    private final List<String> challenges;

    /** {@code challenges}: the {@code WWW-Authenticate} values of a request that sent no credentials. */
    DeniedRequests(JsonMapper json, AccessMetrics metrics, LoginThrottle throttle, boolean basic, boolean bearer) {
        this.json = json;
        this.metrics = metrics;
        this.throttle = throttle;
        this.challenges = Stream.of(basic ? "Basic realm=\"" + REALM + "\"" : null,
                bearer ? "Bearer realm=\"" + REALM + "\"" : null).filter(Objects::nonNull).toList();
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        AccessMetrics.Reason reason = reason(failure);
        metrics.denied(reason);
        if (reason != AccessMetrics.Reason.NO_CREDENTIALS) {
            throttle.failed(request.getRemoteAddr());
        }
        String detail = switch (reason) {
            case NO_CREDENTIALS -> "Authentication is required: send HTTP basic credentials or a bearer token";
            case INVALID_TOKEN -> "The bearer token is not valid: " + failure.getMessage();
            default -> "Bad credentials";
        };
        log.warn("Refused {} {} from {} ({}{}): {}", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), reason.label(), basicUser(request), printable(failure.getMessage()));
        if (reason == AccessMetrics.Reason.INVALID_TOKEN) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + failure.getMessage().replace('"', '\'') + "\"");
        } else {
            challenges.forEach(challenge -> response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
        }
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        metrics.denied(AccessMetrics.Reason.MISSING_ROLE);
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String who = caller == null ? "?" : printable(caller.getName());
        log.warn("Refused {} {} to {} from {} (missing_role; has {})", request.getMethod(), request.getRequestURI(),
                who, request.getRemoteAddr(), caller == null ? "[]" : caller.getAuthorities());
        write(request, response, HttpStatus.FORBIDDEN, "Your roles do not allow " + request.getMethod() + " "
                + request.getRequestURI());
    }

    private static AccessMetrics.Reason reason(AuthenticationException failure) {
        if (failure instanceof InsufficientAuthenticationException) {
            return AccessMetrics.Reason.NO_CREDENTIALS;
        }
        if (failure instanceof OAuth2AuthenticationException) {
            return AccessMetrics.Reason.INVALID_TOKEN;
        }
        return AccessMetrics.Reason.BAD_CREDENTIALS;
    }

    /** {@code , user 'name'} of a basic attempt: the name only, the password is never decoded into a string. */
    private static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "";
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
            int colon = 0;
            while (colon < decoded.length && decoded[colon] != ':') {
                colon++;
            }
            return ", user '" + printable(new String(decoded, 0, colon, StandardCharsets.UTF_8)) + "'";
        } catch (IllegalArgumentException e) {
            return ", undecodable basic credentials";
        }
    }

    /**
     * A client address held back by the {@link LoginThrottle}: 429 with {@code Retry-After}, counted, not logged (a
     * flood would flood the log), and its credentials never checked.
     */
    void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        metrics.denied(AccessMetrics.Reason.THROTTLED);
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications from this address: "
                + "try again in " + seconds + " s");
    }

    /** A name from a request as a log line may show it: control characters (a forged line break) as '?'. */
    static String printable(String text) {
        return text == null ? null : text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }
}

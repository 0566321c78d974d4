package io.dqmonitor.security;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code dq_access_denied_total{reason}}: every refused request, each reason from zero. */
@Component
class AccessMetrics {

    /** Why a request was refused; the label values of the counter. */
    enum Reason {
        /** A protected endpoint called without credentials. */
        NO_CREDENTIALS,
        /** A wrong user name or password. */
        BAD_CREDENTIALS,
        /** A bearer token that is expired, not signed by the issuer's key, or otherwise not valid. */
        INVALID_TOKEN,
        /** Authenticated, without the role the endpoint needs. */
        MISSING_ROLE,
        /** Credentials from an address with too many failed authentications: 429, not checked. */
        THROTTLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, Counter> denied = new EnumMap<>(Reason.class);

    AccessMetrics(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            denied.put(reason, Counter.builder("dq.access.denied")
                    .description("HTTP requests refused: failed authentications (401), missing roles (403) and "
                            + "throttled attempts (429)")
                    .tag("reason", reason.label()).register(registry));
        }
    }

    void denied(Reason reason) {
        denied.get(reason).increment();
    }
}

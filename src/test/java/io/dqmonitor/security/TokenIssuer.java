package io.dqmonitor.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer for tests: a locally generated RSA key whose public half is served over HTTP as a JWK set, behind
 * OpenID discovery ({@code /.well-known/openid-configuration}), the way an identity provider publishes it. dq-monitor
 * finds the key from {@link #issuer()} alone and checks signature, issuer and expiry as it would in production.
 */
public final class TokenIssuer implements AutoCloseable {

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey stranger;

    public TokenIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("dq-test-key").generate();
        // another key with the same id: a token it signs is rejected for its signature alone
        stranger = new RSAKeyGenerator(2048).keyID("dq-test-key").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange,
                "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/jwks\","
                        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/jwks", exchange -> json(exchange, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    /** For a static field: a test class cannot start without its issuer. */
    public static TokenIssuer startQuietly() {
        try {
            return new TokenIssuer();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("could not start the test token issuer", e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A token for {@code subject} with these roles in the {@code roles} claim, valid for {@code lifetime} from now. */
    public String token(String subject, List<String> roles, Duration lifetime) throws JOSEException {
        return sign(key, subject, roles, Instant.now().plus(lifetime));
    }

    /** The audience (aud) of every token but {@link #forAudience}'s: dq-monitor's, as the tests configure it. */
    public static final String AUDIENCE = "dq-monitor";

    /** A valid token the same issuer minted for another client, with dq-monitor's role names. */
    public String forAudience(String audience, String subject, List<String> roles) throws JOSEException {
        return sign(key, subject, roles, Instant.now().plus(Duration.ofHours(1)), audience);
    }

    /** A token that expired an hour ago: beyond any clock skew a validator allows. */
    public String expired(String subject, List<String> roles) throws JOSEException {
        return sign(key, subject, roles, Instant.now().minus(Duration.ofHours(1)));
    }

    /** A token in every other way valid, signed by a key the issuer does not publish. */
    public String signedByAnotherKey(String subject, List<String> roles) throws JOSEException {
        return sign(stranger, subject, roles, Instant.now().plus(Duration.ofHours(1)));
    }

    private String sign(RSAKey signer, String subject, List<String> roles, Instant expiry) throws JOSEException {
        return sign(signer, subject, roles, expiry, AUDIENCE);
    }

    private String sign(RSAKey signer, String subject, List<String> roles, Instant expiry, String audience)
            throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(expiry.minus(Duration.ofHours(2)))).expirationTime(Date.from(expiry))
                .claim("roles", roles).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

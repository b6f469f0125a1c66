package io.mooring.server.connectivity;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.CallerClaims;
import io.mooring.server.testing.MutableClock;
import io.mooring.tunnel.RequestDecoder;
import io.mooring.tunnel.RequestHead;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Proxy credentials: which tokens admit a request, and how long an admission is taken on trust, by the proxy and by
 * one application connection.
 */
class ProxyAuthorizationTest {
    private static final UUID SUBACCOUNT = UUID.randomUUID();

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    /** Tokens here are "offering.expiry", the expiry in milliseconds since the epoch: "connectivity.1796637600000". */
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        String[] parts = token.split("\\.", 2);
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (!clock.instant().isBefore(expiresAt)) {
            throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("binding")
                .issuedAt(expiresAt.minusSeconds(3600))
                .expiresAt(expiresAt)
                .claim(CallerClaims.PRINCIPAL_TYPE, Caller.PrincipalType.SERVICE_BINDING.claimValue())
                .claim(
                        CallerClaims.EXTERNAL_ATTRIBUTES,
                        Map.of(
                                CallerClaims.GLOBAL_ACCOUNT_ID,
                                        UUID.randomUUID().toString(),
                                CallerClaims.SUBACCOUNT_ID, SUBACCOUNT.toString(),
                                CallerClaims.SERVICE_INSTANCE_ID,
                                        UUID.randomUUID().toString(),
                                CallerClaims.SERVICE_OFFERING, parts[0]))
                .build();
    };

    private final ProxyAuthorization authorization = new ProxyAuthorization(verifier, clock);

    /** A request to the proxy with {@code header} as its Proxy-Authorization (none when null), read as the proxy reads it. */
    private static RequestHead request(@Nullable String header) {
        EmbeddedChannel channel = new EmbeddedChannel(RequestDecoder.trusted(8192, 65536));
        String credential = header == null ? "" : "Proxy-Authorization: " + header + "\r\n";
        channel.writeInbound(Unpooled.copiedBuffer(
                "GET http://backend:8080/ HTTP/1.1\r\nHost: backend:8080\r\n" + credential + "\r\n",
                StandardCharsets.ISO_8859_1));
        RequestHead request = channel.readInbound();
        channel.finishAndReleaseAll();
        return request;
    }

    private String bearer(String offering, Duration validFor) {
        return "Bearer " + offering + "." + clock.instant().plus(validFor).toEpochMilli();
    }

    @Test
    void aTokenOfAConnectivityBindingShouldAdmitItsSubaccountAndBeVerifiedOnce() {
        String header = bearer("connectivity", Duration.ofHours(1));

        assertThat(authorization.connectivitySubaccount(header)).contains(SUBACCOUNT);
        assertThat(authorization.connectivitySubaccount(header)).contains(SUBACCOUNT);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void tokensOfOtherServicesAndOtherSchemesShouldNotBeAdmitted() {
        assertThat(authorization.connectivitySubaccount(bearer("destination", Duration.ofHours(1))))
                .isEmpty();
        assertThat(authorization.connectivitySubaccount(
                        "Basic connectivity." + clock.instant().plusSeconds(60).toEpochMilli()))
                .isEmpty();
        assertThat(authorization.connectivitySubaccount(null)).isEmpty();
    }

    @Test
    void anAdmissionShouldEndWithItsTokenAndAfterFiveMinutesAtTheLatest() {
        ProxyAuthorization.Admission shortLived = authorization
                .admit(bearer("connectivity", Duration.ofMinutes(2)))
                .orElseThrow();
        ProxyAuthorization.Admission longLived =
                authorization.admit(bearer("connectivity", Duration.ofHours(1))).orElseThrow();

        clock.advance(Duration.ofMinutes(2));
        assertThat(authorization.holds(shortLived)).isFalse();
        assertThat(authorization.holds(longLived)).isTrue();

        clock.advance(Duration.ofMinutes(3));
        assertThat(authorization.holds(longLived)).isFalse();
    }

    @Test
    void aConnectionShouldReuseItsAdmissionWhileTheSameHeaderHoldsAndReadItAgainAfterwards() {
        ConnectionCredential connection = new ConnectionCredential(authorization);
        String header = bearer("connectivity", Duration.ofHours(1));
        assertThat(connection.admit(request(header))).isNotNull();
        int verified = verifications.get();

        for (int i = 0; i < 3; i++) {
            assertThat(connection.admit(request(header))).isNotNull();
        }
        assertThat(verifications).as("the same header again").hasValue(verified);

        String another = bearer("connectivity", Duration.ofHours(2));
        assertThat(another).hasSameSizeAs(header);
        assertThat(connection.admit(request(another))).isNotNull();
        assertThat(verifications).as("another header of the same length").hasValue(++verified);
        header = another;

        clock.advance(ProxyAuthorization.REMEMBERED);
        assertThat(connection.admit(request(header)))
                .as("after five minutes, verified again")
                .isNotNull();
        assertThat(verifications).hasValue(verified + 1);
    }

    @Test
    void aConnectionShouldRefuseItsTokenOnceItExpiresAndAnotherHeaderShouldBeReadAfresh() {
        ConnectionCredential connection = new ConnectionCredential(authorization);
        String header = bearer("connectivity", Duration.ofMinutes(1));
        assertThat(connection.admit(request(header))).isNotNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(connection.admit(request(header))).as("an expired token").isNull();

        assertThat(connection.admit(request(bearer("destination", Duration.ofHours(1)))))
                .as("another service's token on the same connection")
                .isNull();
        assertThat(connection.admit(request(null))).isNull();
        assertThat(connection.admit(request(bearer("connectivity", Duration.ofHours(1)))))
                .isNotNull();
    }
}

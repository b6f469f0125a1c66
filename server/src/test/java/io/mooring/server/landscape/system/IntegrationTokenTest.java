package io.mooring.server.landscape.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IntegrationTokenTest {
    private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant EXPIRES = CREATED.plus(Duration.ofMinutes(10));

    @Test
    void refusalAtWhenOpenAndBeforeExpiryShouldBeNone() {
        assertThat(token(null, null).refusalAt(EXPIRES.minusNanos(1000))).isEqualTo(IntegrationToken.Refusal.NONE);
    }

    @Test
    void refusalAtExpiryInstantShouldBeExpired() {
        assertThat(token(null, null).refusalAt(EXPIRES)).isEqualTo(IntegrationToken.Refusal.EXPIRED);
    }

    @Test
    void refusalWhenUsedShouldBeUsedEvenAfterExpiry() {
        assertThat(token(CREATED.plusSeconds(5), null).refusalAt(EXPIRES.plusSeconds(60)))
                .isEqualTo(IntegrationToken.Refusal.USED);
    }

    @Test
    void refusalWhenSupersededShouldBeSuperseded() {
        assertThat(token(null, CREATED.plusSeconds(5)).refusalAt(CREATED.plusSeconds(6)))
                .isEqualTo(IntegrationToken.Refusal.SUPERSEDED);
    }

    @Test
    void isWellFormedShouldAcceptOnlyPrefixAndFortyThreeUrlSafeCharacters() {
        assertThat(IntegrationTokens.isWellFormed("mit_" + "a".repeat(43))).isTrue();
        assertThat(IntegrationTokens.isWellFormed("mit_" + "a".repeat(42))).isFalse();
        assertThat(IntegrationTokens.isWellFormed("mit_" + "a".repeat(42) + "="))
                .isFalse();
        assertThat(IntegrationTokens.isWellFormed("tok_" + "a".repeat(43))).isFalse();
    }

    private static IntegrationToken token(Instant usedAt, Instant supersededAt) {
        return new IntegrationToken(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "hash",
                CREATED,
                EXPIRES,
                usedAt,
                supersededAt);
    }
}

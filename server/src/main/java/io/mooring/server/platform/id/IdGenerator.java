package io.mooring.server.platform.id;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Makes version 7 UUIDs (RFC 9562): time-ordered, so that keys sort by creation and index pages stay warm,
 * and random enough in their remaining 74 bits to be unguessable.
 */
@Component
public final class IdGenerator {
    private final Clock clock;
    private final SecureRandom random;

    public IdGenerator(Clock clock, SecureRandom random) {
        this.clock = requireNonNull(clock, "clock");
        this.random = requireNonNull(random, "random");
    }

    public UUID newId() {
        long millis = clock.millis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}

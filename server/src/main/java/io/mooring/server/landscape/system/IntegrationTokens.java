package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.id.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Makes integration tokens: 256 random bits behind a recognisable prefix, handed out once, stored as a hash,
 * valid for a configurable time (10 minutes by default).
 */
@Component
class IntegrationTokens {
    static final String PREFIX = "mit_";
    private static final Pattern FORMAT = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    private final SystemStore store;
    private final Secrets secrets;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration validity;

    IntegrationTokens(SystemStore store, Secrets secrets, IdGenerator ids, Clock clock, MooringProperties properties) {
        this.store = requireNonNull(store, "store");
        this.secrets = requireNonNull(secrets, "secrets");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
        this.validity = properties.tokens().integrationTokenValidity();
    }

    static boolean isWellFormed(String token) {
        return FORMAT.matcher(token).matches();
    }

    /** The first token of a system just registered. */
    IssuedToken issueFirst(UUID globalAccountId, UUID systemId) {
        return insert(globalAccountId, systemId, clock.instant());
    }

    /** A new token for the system that supersedes its open ones; call with the system row locked. */
    IssuedToken issue(UUID globalAccountId, UUID systemId) {
        Instant now = clock.instant();
        store.supersedeOpenTokens(systemId, now);
        return insert(globalAccountId, systemId, now);
    }

    private IssuedToken insert(UUID globalAccountId, UUID systemId, Instant now) {
        String value = secrets.newSecret(PREFIX);
        Instant expiresAt = now.plus(validity);
        store.insertToken(new IntegrationToken(
                ids.newId(), systemId, globalAccountId, Secrets.hash(value), now, expiresAt, null, null));
        return new IssuedToken(value, expiresAt);
    }

    /** A token as handed to the administrator, once. */
    record IssuedToken(String token, Instant expiresAt) {}
}

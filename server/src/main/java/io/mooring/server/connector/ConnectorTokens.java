package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.config.MooringProperties;
import io.mooring.server.platform.crypto.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Makes connectors' one-time pairing tokens under the integration tokens' rules: 256 random bits behind a
 * recognisable prefix, shown once, stored as a hash, valid for {@code mooring.tokens.integration-token-validity}.
 */
@Component
class ConnectorTokens {
    static final String PREFIX = "mct_";
    private static final Pattern FORMAT = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    private final Secrets secrets;
    private final Duration validity;

    ConnectorTokens(Secrets secrets, MooringProperties properties) {
        this.secrets = requireNonNull(secrets, "secrets");
        this.validity = properties.tokens().integrationTokenValidity();
    }

    static boolean isWellFormed(String token) {
        return FORMAT.matcher(token).matches();
    }

    NewToken issue(Instant now) {
        String value = secrets.newSecret(PREFIX);
        return new NewToken(value, Secrets.hash(value), now.plus(validity));
    }

    /** A token as made: the value for the administrator, once, and what is stored of it. */
    record NewToken(String value, String hash, Instant expiresAt) {}
}

package io.mooring.server.platform.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Mooring's settings under the {@code mooring} prefix; every one has a default that works out of the box. */
@ConfigurationProperties("mooring")
public record MooringProperties(
        @DefaultValue Tokens tokens,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Requests requests,
        @DefaultValue Login login,
        @DefaultValue Pairing pairing) {

    /** Lifetimes of the tokens Mooring issues, and their issuer: the token endpoint's URL, as in XSUAA. */
    public record Tokens(
            @DefaultValue("1h") Duration accessTokenValidity,
            @DefaultValue("10m") Duration integrationTokenValidity,

            @DefaultValue("http://localhost:8080/oauth/token")
            String issuer) {}

    /** What the first start creates when the database holds no global account yet. */
    public record Bootstrap(
            @DefaultValue("Default Global Account") String globalAccountName,
            @DefaultValue("admin") String adminUsername,
            @Nullable String adminPassword,
            @Nullable String passwordFile) {}

    /** Limits on what one request may carry. */
    public record Requests(@DefaultValue("1MB") DataSize maxBodySize) {}

    /** How many password and client-secret attempts one user name and one client address get per minute. */
    public record Login(
            @DefaultValue("10") int attemptsPerMinutePerName,
            @DefaultValue("60") int attemptsPerMinutePerAddress) {}

    /** What paired systems receive. */
    public record Pairing(@DefaultValue("365d") Duration certificateValidity) {}
}

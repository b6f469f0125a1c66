package io.mooring.server.landscape.system;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An external system registered in a global account, as stored and as the API shows it. */
public record LandscapeSystem(
        UUID id,
        UUID globalAccountId,
        String name,
        String type,
        @Nullable String description,
        @Nullable String communicationScenarioGroup,
        SystemStatus status,
        @Nullable String statusReason,
        @Nullable String systemNumber,
        @Nullable String baseUrl,
        @Nullable String notificationUrl,
        boolean discovered,
        @Nullable CredentialType credentialType,
        @Nullable String certificateSerial,
        @Nullable Instant certificateExpiresAt,
        Map<String, String> labels,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant registeredAt,
        long version) {
    public LandscapeSystem {
        labels = Map.copyOf(labels);
    }

    /** This system in another status, with the reason for it, changed at {@code now}. */
    public LandscapeSystem withStatus(SystemStatus newStatus, @Nullable String reason, Instant now) {
        return new LandscapeSystem(
                id,
                globalAccountId,
                name,
                type,
                description,
                communicationScenarioGroup,
                newStatus,
                reason,
                systemNumber,
                baseUrl,
                notificationUrl,
                discovered,
                credentialType,
                certificateSerial,
                certificateExpiresAt,
                labels,
                createdAt,
                now,
                registeredAt,
                version + 1);
    }

    /** What a paired system received to authenticate to Mooring. */
    public enum CredentialType {
        CLIENT_CERTIFICATE,
        CLIENT_CREDENTIALS
    }
}

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

    /**
     * A system just registered or discovered: Pending, unpaired, version 1. A discovered system knows its system
     * number and base URL already.
     */
    public static LandscapeSystem pending(
            UUID id,
            UUID globalAccountId,
            String name,
            SystemType type,
            @Nullable String description,
            @Nullable String communicationScenarioGroup,
            @Nullable String systemNumber,
            @Nullable String baseUrl,
            Map<String, String> labels,
            Instant now) {
        return new LandscapeSystem(
                id,
                globalAccountId,
                name,
                type.code(),
                description,
                communicationScenarioGroup,
                SystemStatus.PENDING,
                null,
                systemNumber,
                baseUrl,
                null,
                systemNumber != null,
                null,
                null,
                null,
                labels,
                now,
                now,
                null,
                1);
    }

    /** This system with other descriptive fields (what administrators and discovery may change), at {@code now}. */
    public LandscapeSystem withDetails(
            String newName,
            @Nullable String newDescription,
            @Nullable String newBaseUrl,
            Map<String, String> newLabels,
            Instant now) {
        return new LandscapeSystem(
                id,
                globalAccountId,
                newName,
                type,
                newDescription,
                communicationScenarioGroup,
                status,
                statusReason,
                systemNumber,
                newBaseUrl,
                notificationUrl,
                discovered,
                credentialType,
                certificateSerial,
                certificateExpiresAt,
                newLabels,
                createdAt,
                now,
                registeredAt,
                version + 1);
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

package io.mooring.server.landscape.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Request bodies of the System Landscape APIs; fields are nullable so that services report what is missing. */
public final class SystemRequests {
    private SystemRequests() {}

    /** Registration of a new system. */
    public record NewSystem(
            @Nullable String name,
            @Nullable String type,
            @Nullable String description,
            @Nullable String communicationScenarioGroup,
            @Nullable Map<String, String> labels) {}

    /** Fields of a system to change; absent fields stay as they are, present labels replace all labels. */
    public record SystemChange(
            @Nullable String name,
            @Nullable String description,
            @Nullable Map<String, String> labels) {}

    /** A custom system type. */
    public record NewSystemType(
            @Nullable String code,
            @Nullable String displayName,
            @Nullable Set<Environment> environments,
            @Nullable Boolean pairingRequiredForFormation) {}

    /** What an external system presents to pair: its token and its own data. */
    public record Pairing(
            @Nullable String token,
            @Nullable String systemNumber,
            @Nullable String baseUrl,
            @Nullable String notificationUrl,
            @Nullable String csr) {}

    /** Systems found by auto-discovery, to be imported idempotently by system number. */
    public record Discovery(@Nullable List<DiscoveredSystem> systems) {}

    /** One discovered system. */
    public record DiscoveredSystem(
            @Nullable String systemNumber,
            @Nullable String name,
            @Nullable String type,
            @Nullable String description,
            @Nullable String baseUrl,
            @Nullable Map<String, String> labels) {}
}

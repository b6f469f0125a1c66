package io.mooring.server.landscape.formation;

import io.mooring.server.landscape.formation.rule.FormationRule;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The request bodies of the formation API. */
public final class FormationRequests {
    private FormationRequests() {}

    public record NewFormationType(
            @Nullable String code,
            @Nullable String displayName,
            @Nullable String description,
            @Nullable List<FormationRule> rules,
            @Nullable List<FormationEffect> effects) {}

    /** A formation to create, with the systems it starts with (which must keep the type's rules together). */
    public record NewFormation(
            @Nullable String name,
            @Nullable String type,
            @Nullable List<UUID> systemIds) {}

    public record FormationChange(@Nullable String name) {}

    public record NewAssignment(@Nullable UUID systemId) {}

    /**
     * What a participant reports about a notification it accepted: {@code READY}, {@code CONFIG_PENDING} (still
     * working), or {@code ERROR} with what went wrong.
     */
    public record StatusReport(
            @Nullable String state, @Nullable String error) {}
}

package io.mooring.server.landscape.entitlement;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A service plan assigned to a system, with the amount of it when the plan is counted. */
public record EntitlementAssignment(
        UUID id,
        UUID systemId,
        String service,
        String plan,
        @Nullable Integer amount,
        Instant createdAt) {

    /** How deregistration names it. */
    String describe() {
        return "entitlement '" + service + "/" + plan + "'";
    }
}

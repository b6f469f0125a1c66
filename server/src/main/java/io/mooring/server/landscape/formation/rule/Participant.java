package io.mooring.server.landscape.formation.rule;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the rules see of a system.
 *
 * @param registered whether the system finished pairing (status Registered)
 * @param pairingRequiredForFormation what the system type catalog says: must it be Registered before it joins
 */
public record Participant(
        UUID id,
        String name,
        String type,
        @Nullable String scenarioGroup,
        boolean registered,
        boolean pairingRequiredForFormation) {}

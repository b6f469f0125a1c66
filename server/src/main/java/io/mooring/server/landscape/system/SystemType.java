package io.mooring.server.landscape.system;

import java.util.Set;

/**
 * A kind of system that can be registered: SAP's catalog or a custom type of one global account.
 *
 * @param pairingRequiredForFormation whether a system of this type must be Registered before it joins a formation
 * @param scenarioGroups whether systems of this type choose a communication scenario group (S/4HANA Cloud)
 */
public record SystemType(
        String code,
        String displayName,
        Set<Environment> environments,
        boolean pairingRequiredForFormation,
        boolean scenarioGroups,
        boolean custom) {
    public SystemType {
        environments = Set.copyOf(environments);
    }
}

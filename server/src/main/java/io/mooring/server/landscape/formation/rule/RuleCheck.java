package io.mooring.server.landscape.formation.rule;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A proposed change of one formation, as the rules judge it.
 *
 * @param membersAfter the formation's systems as they would be after the change (empty after a delete)
 * @param joining the systems the change adds
 * @param leaving the systems the change removes
 * @param otherFormationsOfType for each joining system, the names of the other formations of the same type it is
 *     already in
 */
public record RuleCheck(
        Operation operation,
        List<Participant> membersAfter,
        List<Participant> joining,
        List<Participant> leaving,
        Map<UUID, List<String>> otherFormationsOfType) {
    public RuleCheck {
        membersAfter = List.copyOf(membersAfter);
        joining = List.copyOf(joining);
        leaving = List.copyOf(leaving);
        otherFormationsOfType = Map.copyOf(otherFormationsOfType);
    }

    List<String> otherFormationsOf(Participant system) {
        return otherFormationsOfType.getOrDefault(system.id(), List.of());
    }
}

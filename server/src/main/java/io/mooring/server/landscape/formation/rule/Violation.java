package io.mooring.server.landscape.formation.rule;

import java.util.List;
import java.util.UUID;

/**
 * One rule that a change would break.
 *
 * @param rule the rule's kind
 * @param description what the rule demands
 * @param message what is wrong and how to fix it
 * @param systems the systems that break it; empty when the formation as a whole does
 */
public record Violation(String rule, String description, String message, List<SystemReference> systems) {
    public Violation {
        systems = List.copyOf(systems);
    }

    static Violation of(FormationRule rule, String message, List<Participant> offending) {
        return new Violation(
                rule.kind(),
                rule.description(),
                message,
                offending.stream()
                        .map(p -> new SystemReference(p.id(), p.name()))
                        .toList());
    }

    /** A system named in a violation. */
    public record SystemReference(UUID id, String name) {}
}

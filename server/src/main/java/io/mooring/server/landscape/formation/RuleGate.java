package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.rule.FormationRule;
import io.mooring.server.landscape.formation.rule.FormationRules;
import io.mooring.server.landscape.formation.rule.Operation;
import io.mooring.server.landscape.formation.rule.Participant;
import io.mooring.server.landscape.formation.rule.RuleCheck;
import io.mooring.server.landscape.formation.rule.Violation;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.landscape.system.SystemDirectory;
import io.mooring.server.landscape.system.SystemStatus;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Evaluates a formation type's rules before a change and refuses the change with every violation at once. Runs in
 * the change's transaction, after the formation and the joining systems are locked, so that what it reads stays
 * true until the change commits.
 */
@Component
class RuleGate {
    private final FormationStore store;
    private final SystemDirectory systems;

    RuleGate(FormationStore store, SystemDirectory systems) {
        this.store = requireNonNull(store, "store");
        this.systems = requireNonNull(systems, "systems");
    }

    /**
     * @param membersAfter the formation's systems after the change: for joins, members on their way out still count
     *     (they have not left yet); for leaves, they no longer do. Either way the rules judge on the safe side.
     */
    void check(
            Formation formation,
            FormationType type,
            Operation operation,
            List<LandscapeSystem> membersAfter,
            List<LandscapeSystem> joining,
            List<LandscapeSystem> leaving) {
        Map<String, Boolean> pairingRequired = new HashMap<>();
        Function<LandscapeSystem, Participant> participant = system -> new Participant(
                system.id(),
                system.name(),
                system.type(),
                system.communicationScenarioGroup(),
                system.status() == SystemStatus.REGISTERED,
                pairingRequired.computeIfAbsent(
                        system.type(), t -> systems.pairingRequiredForFormation(formation.globalAccountId(), t)));
        Map<UUID, List<String>> otherFormations = new HashMap<>();
        if (type.rules().stream().anyMatch(rule -> rule instanceof FormationRule.OneFormationPerSystem)) {
            for (LandscapeSystem system : joining) {
                otherFormations.put(
                        system.id(),
                        store.formationsOfTypeHolding(
                                formation.globalAccountId(), type.code(), system.id(), formation.id()));
            }
        }
        RuleCheck check = new RuleCheck(
                operation,
                membersAfter.stream().map(participant).toList(),
                joining.stream().map(participant).toList(),
                leaving.stream().map(participant).toList(),
                otherFormations);
        List<Violation> violations = FormationRules.evaluate(type.rules(), check);
        if (!violations.isEmpty()) {
            throw MooringProblem.of(
                            ProblemType.FORMATION_RULES_VIOLATED,
                            (violations.size() == 1
                                            ? "A rule of '" + type.displayName() + "' forbids this: "
                                            : violations.size() + " rules of '" + type.displayName()
                                                    + "' forbid this: ")
                                    + String.join(
                                            " ",
                                            violations.stream()
                                                    .map(Violation::message)
                                                    .toList()))
                    .with("violations", violations);
        }
    }
}

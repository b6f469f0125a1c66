package io.mooring.server.landscape.formation.rule;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.mooring.server.platform.problem.MooringProblem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule of a formation type: one of a closed set of kinds, each with its parameters, stored with the type as
 * JSON ({@code {"kind": "system-count", "systemType": "TASK_CENTER", "maximum": 1}}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FormationRule.AllowedSystemTypes.class, name = FormationRule.ALLOWED_SYSTEM_TYPES),
    @JsonSubTypes.Type(
            value = FormationRule.OneFormationPerSystem.class,
            name = FormationRule.ONE_FORMATION_PER_SYSTEM),
    @JsonSubTypes.Type(value = FormationRule.SystemCount.class, name = FormationRule.SYSTEM_COUNT),
    @JsonSubTypes.Type(value = FormationRule.RequiredScenarioGroup.class, name = FormationRule.REQUIRED_SCENARIO_GROUP),
    @JsonSubTypes.Type(
            value = FormationRule.RegisteredBeforeJoining.class,
            name = FormationRule.REGISTERED_BEFORE_JOINING)
})
public sealed interface FormationRule {
    String ALLOWED_SYSTEM_TYPES = "allowed-system-types";
    String ONE_FORMATION_PER_SYSTEM = "at-most-one-formation-per-system";
    String SYSTEM_COUNT = "system-count";
    String REQUIRED_SCENARIO_GROUP = "required-scenario-group";
    String REGISTERED_BEFORE_JOINING = "registered-before-joining";

    /** The rule's kind, as named in the {@code kind} property. */
    @JsonIgnore
    String kind();

    /** What the rule demands, in words. */
    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    String description();

    /** The violations of this rule by a change; empty when the change keeps the rule. */
    List<Violation> check(RuleCheck check);

    /** The system types the rule speaks of, so that a type can be checked for them when it is defined. */
    @JsonIgnore
    List<String> referencedSystemTypes();

    /** Only systems of these types may join. */
    record AllowedSystemTypes(List<String> systemTypes) implements FormationRule {
        public AllowedSystemTypes {
            systemTypes = nonEmpty(systemTypes, "systemTypes");
        }

        @Override
        public String kind() {
            return ALLOWED_SYSTEM_TYPES;
        }

        @Override
        public String description() {
            return "Only systems of the types " + systemTypes + " may join.";
        }

        @Override
        public List<Violation> check(RuleCheck check) {
            List<Participant> offending = check.joining().stream()
                    .filter(system -> !systemTypes.contains(system.type()))
                    .toList();
            return offendingSystems(
                    this, offending, " not of an allowed type; formations of this type take only " + systemTypes + ".");
        }

        @Override
        public List<String> referencedSystemTypes() {
            return systemTypes;
        }
    }

    /** A system of this type is in at most one formation of the rule's formation type. */
    record OneFormationPerSystem(String systemType) implements FormationRule {
        public OneFormationPerSystem {
            systemType = nonBlank(systemType, "systemType");
        }

        @Override
        public String kind() {
            return ONE_FORMATION_PER_SYSTEM;
        }

        @Override
        public String description() {
            return "A system of type " + systemType + " is in at most one formation of this type.";
        }

        @Override
        public List<Violation> check(RuleCheck check) {
            List<Violation> violations = new ArrayList<>();
            for (Participant system : check.joining()) {
                List<String> others = check.otherFormationsOf(system);
                if (system.type().equals(systemType) && !others.isEmpty()) {
                    violations.add(Violation.of(
                            this,
                            "'" + system.name() + "' is already in formation " + quoted(others)
                                    + "; remove it from there first.",
                            List.of(system)));
                }
            }
            return violations;
        }

        @Override
        public List<String> referencedSystemTypes() {
            return List.of(systemType);
        }
    }

    /** A formation holds at least {@code minimum} and at most {@code maximum} systems of this type. */
    record SystemCount(
            String systemType,
            @Nullable Integer minimum,
            @Nullable Integer maximum) implements FormationRule {
        public SystemCount {
            systemType = nonBlank(systemType, "systemType");
            if (minimum == null && maximum == null) {
                throw MooringProblem.invalidInput("A system-count rule needs a minimum, a maximum or both.");
            }
            if (minimum != null && minimum < 0 || maximum != null && maximum < 0) {
                throw MooringProblem.invalidInput("A system-count rule's minimum and maximum cannot be negative.");
            }
            if (minimum != null && maximum != null && minimum > maximum) {
                throw MooringProblem.invalidInput("A system-count rule's minimum (" + minimum
                        + ") is larger than its maximum (" + maximum + ").");
            }
        }

        @Override
        public String kind() {
            return SYSTEM_COUNT;
        }

        @Override
        public String description() {
            if (minimum == null) {
                return "A formation holds at most " + maximum + " " + plural(maximum) + " of type " + systemType + ".";
            }
            if (maximum == null) {
                return "A formation holds at least " + minimum + " " + plural(minimum) + " of type " + systemType + ".";
            }
            return "A formation holds between " + minimum + " and " + maximum + " systems of type " + systemType + ".";
        }

        @Override
        public List<Violation> check(RuleCheck check) {
            if (check.operation() == Operation.DELETE) {
                return List.of();
            }
            long count = check.membersAfter().stream()
                    .filter(system -> system.type().equals(systemType))
                    .count();
            if (maximum != null && count > maximum) {
                List<Participant> joining = ofType(check.joining());
                return List.of(Violation.of(
                        this,
                        "The formation would hold " + count + " systems of type " + systemType
                                + " but may hold at most " + maximum + "; " + names(joining) + " cannot join.",
                        joining));
            }
            if (minimum != null && count < minimum) {
                List<Participant> leaving = ofType(check.leaving());
                return List.of(Violation.of(
                        this,
                        "The formation would hold " + count + " " + plural(count) + " of type " + systemType
                                + " but needs at least " + minimum
                                + (leaving.isEmpty()
                                        ? "; add more."
                                        : "; " + names(leaving)
                                                + " cannot leave. Delete the formation with its members instead."),
                        leaving));
            }
            return List.of();
        }

        @Override
        public List<String> referencedSystemTypes() {
            return List.of(systemType);
        }

        private List<Participant> ofType(List<Participant> systems) {
            return systems.stream()
                    .filter(system -> system.type().equals(systemType))
                    .toList();
        }
    }

    /** Systems of this type may join only when registered with this communication scenario group. */
    record RequiredScenarioGroup(String systemType, String scenarioGroup) implements FormationRule {
        public RequiredScenarioGroup {
            systemType = nonBlank(systemType, "systemType");
            scenarioGroup = nonBlank(scenarioGroup, "scenarioGroup");
        }

        @Override
        public String kind() {
            return REQUIRED_SCENARIO_GROUP;
        }

        @Override
        public String description() {
            return "Systems of type " + systemType + " must be registered with the communication scenario group '"
                    + scenarioGroup + "'.";
        }

        @Override
        public List<Violation> check(RuleCheck check) {
            List<Participant> offending = check.joining().stream()
                    .filter(system -> system.type().equals(systemType))
                    .filter(system -> !scenarioGroup.equals(system.scenarioGroup()))
                    .toList();
            return offendingSystems(
                    this,
                    offending,
                    " not registered with '" + scenarioGroup + "'; register the system again with that group.");
        }

        @Override
        public List<String> referencedSystemTypes() {
            return List.of(systemType);
        }
    }

    /**
     * Systems must be Registered before they join: those of the listed types, or, with no types listed, those whose
     * system type requires pairing before a formation (S/4HANA Cloud, SuccessFactors, ...).
     */
    record RegisteredBeforeJoining(List<String> systemTypes) implements FormationRule {
        public RegisteredBeforeJoining {
            systemTypes = systemTypes == null ? List.of() : List.copyOf(systemTypes);
        }

        @Override
        public String kind() {
            return REGISTERED_BEFORE_JOINING;
        }

        @Override
        public String description() {
            return systemTypes.isEmpty()
                    ? "Systems whose type requires pairing must be Registered before they join."
                    : "Systems of the types " + systemTypes + " must be Registered before they join.";
        }

        @Override
        public List<Violation> check(RuleCheck check) {
            List<Participant> offending = check.joining().stream()
                    .filter(this::applies)
                    .filter(system -> !system.registered())
                    .toList();
            return offendingSystems(
                    this, offending, " not Registered yet; complete pairing with the integration token first.");
        }

        @Override
        public List<String> referencedSystemTypes() {
            return systemTypes;
        }

        private boolean applies(Participant system) {
            return systemTypes.isEmpty() ? system.pairingRequiredForFormation() : systemTypes.contains(system.type());
        }
    }

    /**
     * No violation when no system offends; otherwise one that names them all: "'A' is ..." or "'A', 'B' are ...",
     * followed by {@code complaint}.
     */
    private static List<Violation> offendingSystems(FormationRule rule, List<Participant> offending, String complaint) {
        if (offending.isEmpty()) {
            return List.of();
        }
        String subject = names(offending) + (offending.size() == 1 ? " is" : " are");
        return List.of(Violation.of(rule, subject + complaint, offending));
    }

    private static String names(List<Participant> systems) {
        return String.join(
                ", ", systems.stream().map(system -> "'" + system.name() + "'").toList());
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(name -> "'" + name + "'").toList());
    }

    private static String plural(long count) {
        return count == 1 ? "system" : "systems";
    }

    private static String nonBlank(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw MooringProblem.invalidInput("The rule's '" + field + "' is required.");
        }
        return value;
    }

    private static List<String> nonEmpty(@Nullable List<String> values, String field) {
        if (values == null || values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw MooringProblem.invalidInput("The rule's '" + field + "' needs at least one system type.");
        }
        return List.copyOf(values);
    }
}

package io.mooring.server.landscape.formation.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.server.landscape.formation.FormationTypeCatalog;
import io.mooring.server.landscape.formation.rule.Violation.SystemReference;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class FormationRuleTest {
    private static final String TASK_CENTER = "TASK_CENTER";
    private static final String S4 = "S4HANA_CLOUD";
    private static final String ALL_SCENARIOS = "All Communication Scenarios";
    private static final TypeReference<List<FormationRule>> RULES = new TypeReference<>() {};

    /** The rules of the built-in "Integration with SAP Task Center" type, as FormationTypeCatalog defines them. */
    /** The rules of "Integration with SAP Task Center", as the catalog defines them. */
    private static final List<FormationRule> TASK_CENTER_RULES = FormationTypeCatalog.builtInTypes().stream()
            .filter(type -> type.code().equals(FormationTypeCatalog.TASK_CENTER_INTEGRATION))
            .findFirst()
            .orElseThrow()
            .rules();

    private final Participant taskCenter = system("task-center", TASK_CENTER, null, true, false);
    private final Participant otherTaskCenter = system("task-center-2", TASK_CENTER, null, true, false);
    private final Participant s4 = system("s4", S4, ALL_SCENARIOS, true, true);
    private final Participant commerce = system("commerce", "COMMERCE_CLOUD", null, false, false);

    @Test
    void allowedSystemTypesWhenJoiningSystemsAreOfListedTypesShouldPass() {
        FormationRule rule = new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER, S4));

        assertThat(rule.check(create(taskCenter, s4))).isEmpty();
    }

    @Test
    void allowedSystemTypesWhenSystemOfOtherTypeJoinsShouldNameOnlyThatSystem() {
        FormationRule rule = new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER, S4));

        List<Violation> violations = rule.check(create(taskCenter, commerce, s4));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("allowed-system-types");
            assertThat(violation.description()).isEqualTo(rule.description());
            assertThat(violation.systems()).containsExactly(reference(commerce));
            assertThat(violation.message()).contains("'commerce' is not of an allowed type");
        });
    }

    @Test
    void allowedSystemTypesWhenSeveralSystemsOfOtherTypesJoinShouldNameThemInOneViolation() {
        Participant successFactors = system("sf", "SUCCESSFACTORS", null, true, true);
        FormationRule rule = new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER));

        List<Violation> violations = rule.check(create(commerce, taskCenter, successFactors));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.systems()).containsExactly(reference(commerce), reference(successFactors));
            assertThat(violation.message()).contains("'commerce', 'sf' are not of an allowed type");
        });
    }

    @Test
    void allowedSystemTypesShouldJudgeOnlyJoiningSystems() {
        FormationRule rule = new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER));

        assertThat(rule.check(assign(List.of(commerce), taskCenter))).isEmpty();
        assertThat(rule.check(unassign(List.of(commerce), taskCenter))).isEmpty();
    }

    @Test
    void oneFormationPerSystemWhenSystemOfTheTypeIsInAnotherFormationShouldNameItAndTheFormation() {
        FormationRule rule = new FormationRule.OneFormationPerSystem(TASK_CENTER);
        RuleCheck check = assign(List.of(s4), taskCenter, Map.of(taskCenter.id(), List.of("Finance")));

        assertThat(rule.check(check)).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("at-most-one-formation-per-system");
            assertThat(violation.systems()).containsExactly(reference(taskCenter));
            assertThat(violation.message()).contains("'task-center' is already in formation 'Finance'");
        });
    }

    @Test
    void oneFormationPerSystemWhenSystemIsInNoOtherFormationShouldPass() {
        FormationRule rule = new FormationRule.OneFormationPerSystem(TASK_CENTER);

        assertThat(rule.check(assign(List.of(s4), taskCenter, Map.of(taskCenter.id(), List.of()))))
                .isEmpty();
        assertThat(rule.check(assign(List.of(s4), taskCenter, Map.of()))).isEmpty();
    }

    @Test
    void oneFormationPerSystemShouldLetSystemsOfOtherTypesBeInSeveralFormations() {
        FormationRule rule = new FormationRule.OneFormationPerSystem(TASK_CENTER);

        assertThat(rule.check(assign(List.of(taskCenter), s4, Map.of(s4.id(), List.of("Finance", "Sales")))))
                .isEmpty();
    }

    @Test
    void oneFormationPerSystemWhenSeveralFoundersAreElsewhereShouldReportEachOnItsOwn() {
        FormationRule rule = new FormationRule.OneFormationPerSystem(TASK_CENTER);
        RuleCheck check = new RuleCheck(
                Operation.CREATE,
                List.of(taskCenter, otherTaskCenter, s4),
                List.of(taskCenter, otherTaskCenter, s4),
                List.of(),
                Map.of(
                        taskCenter.id(), List.of("Finance"),
                        otherTaskCenter.id(), List.of("Sales", "Finance"),
                        s4.id(), List.of("Finance")));

        List<Violation> violations = rule.check(check);

        assertThat(violations)
                .extracting(Violation::systems)
                .containsExactly(List.of(reference(taskCenter)), List.of(reference(otherTaskCenter)));
        assertThat(violations.get(1).message()).contains("'Sales', 'Finance'");
    }

    @Test
    void systemCountWhenMaximumIsReachedButNotPassedShouldPass() {
        FormationRule rule = new FormationRule.SystemCount(TASK_CENTER, null, 1);

        assertThat(rule.check(assign(List.of(s4, commerce), taskCenter))).isEmpty();
    }

    @Test
    void systemCountWhenMaximumIsPassedShouldNameTheJoiningSystemsOfItsType() {
        FormationRule rule = new FormationRule.SystemCount(TASK_CENTER, null, 1);

        List<Violation> violations = rule.check(create(taskCenter, s4, otherTaskCenter));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("system-count");
            assertThat(violation.systems()).containsExactly(reference(taskCenter), reference(otherTaskCenter));
            assertThat(violation.message()).contains("would hold 2 systems of type TASK_CENTER");
        });
    }

    @Test
    void systemCountWhenAnExistingMemberMakesTheJoinerOneTooManyShouldNameOnlyTheJoiner() {
        FormationRule rule = new FormationRule.SystemCount(TASK_CENTER, null, 1);

        assertThat(rule.check(assign(List.of(taskCenter), otherTaskCenter)))
                .singleElement()
                .extracting(Violation::systems)
                .isEqualTo(List.of(reference(otherTaskCenter)));
    }

    @Test
    void systemCountWithMaximumZeroShouldRefuseEverySystemOfItsType() {
        FormationRule rule = new FormationRule.SystemCount(TASK_CENTER, 0, 0);

        assertThat(rule.check(create(s4))).isEmpty();
        assertThat(rule.check(create(s4, taskCenter))).hasSize(1);
    }

    @Test
    void systemCountWhenUnassignFallsBelowMinimumShouldNameTheLeavingSystemOfItsType() {
        FormationRule rule = new FormationRule.SystemCount(S4, 1, null);

        List<Violation> violations = rule.check(unassign(List.of(taskCenter), s4));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.systems()).containsExactly(reference(s4));
            assertThat(violation.message()).contains("needs at least 1", "'s4' cannot leave");
        });
    }

    @Test
    void systemCountWhenUnassignKeepsTheMinimumShouldPass() {
        Participant otherS4 = system("s4-2", S4, ALL_SCENARIOS, true, true);
        FormationRule rule = new FormationRule.SystemCount(S4, 1, null);

        assertThat(rule.check(unassign(List.of(otherS4), s4))).isEmpty();
        assertThat(rule.check(unassign(List.of(s4), taskCenter))).isEmpty();
    }

    @Test
    void systemCountWhenCreateHasTooFewShouldReportTheFormationWithoutNamingSystems() {
        FormationRule rule = new FormationRule.SystemCount(S4, 2, 3);

        List<Violation> violations = rule.check(create(s4, taskCenter));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.systems()).isEmpty();
            assertThat(violation.message()).contains("would hold 1 system of type S4HANA_CLOUD", "add more");
        });
    }

    @Test
    void systemCountShouldIgnoreDelete() {
        FormationRule rule = new FormationRule.SystemCount(S4, 1, 1);
        RuleCheck delete = new RuleCheck(Operation.DELETE, List.of(), List.of(), List.of(s4, taskCenter), Map.of());
        RuleCheck deleteWithBrokenCounts =
                new RuleCheck(Operation.DELETE, List.of(s4, s4, s4), List.of(s4), List.of(), Map.of());

        assertThat(rule.check(delete)).isEmpty();
        assertThat(rule.check(deleteWithBrokenCounts)).isEmpty();
    }

    @Test
    void requiredScenarioGroupWhenSystemOfTheTypeJoinsWithOtherOrNoGroupShouldNameIt() {
        Participant wrongGroup = system("s4-wrong", S4, "Other Scenarios", true, true);
        Participant noGroup = system("s4-none", S4, null, true, true);
        FormationRule rule = new FormationRule.RequiredScenarioGroup(S4, ALL_SCENARIOS);

        List<Violation> violations = rule.check(create(s4, wrongGroup, noGroup));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("required-scenario-group");
            assertThat(violation.systems()).containsExactly(reference(wrongGroup), reference(noGroup));
        });
    }

    @Test
    void requiredScenarioGroupShouldIgnoreOtherTypesAndStayingMembers() {
        Participant wrongGroup = system("s4-wrong", S4, "Other Scenarios", true, true);
        FormationRule rule = new FormationRule.RequiredScenarioGroup(S4, ALL_SCENARIOS);

        assertThat(rule.check(create(taskCenter, commerce, s4))).isEmpty();
        assertThat(rule.check(assign(List.of(wrongGroup), taskCenter))).isEmpty();
    }

    @Test
    void registeredBeforeJoiningWithoutTypesShouldApplyToSystemsThatRequirePairing() {
        Participant unregisteredS4 = system("s4-new", S4, ALL_SCENARIOS, false, true);
        FormationRule rule = new FormationRule.RegisteredBeforeJoining(List.of());

        List<Violation> violations = rule.check(create(unregisteredS4, commerce, s4));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.rule()).isEqualTo("registered-before-joining");
            assertThat(violation.systems()).containsExactly(reference(unregisteredS4));
            assertThat(violation.message()).contains("'s4-new' is not Registered yet");
        });
    }

    @Test
    void registeredBeforeJoiningWithTypesShouldApplyToThoseTypesWhateverTheirPairingNeeds() {
        Participant unregisteredTaskCenter = system("task-center-new", TASK_CENTER, null, false, false);
        Participant unregisteredS4 = system("s4-new", S4, ALL_SCENARIOS, false, true);
        FormationRule rule = new FormationRule.RegisteredBeforeJoining(List.of(TASK_CENTER));

        assertThat(rule.check(create(unregisteredTaskCenter, unregisteredS4)))
                .singleElement()
                .extracting(Violation::systems)
                .isEqualTo(List.of(reference(unregisteredTaskCenter)));
    }

    @Test
    void registeredBeforeJoiningShouldIgnoreStayingMembersAndTreatNoTypesAsEmpty() {
        Participant unregisteredS4 = system("s4-new", S4, ALL_SCENARIOS, false, true);
        FormationRule.RegisteredBeforeJoining rule = new FormationRule.RegisteredBeforeJoining(null);

        assertThat(rule.systemTypes()).isEmpty();
        assertThat(rule.check(assign(List.of(unregisteredS4), taskCenter))).isEmpty();
    }

    @Test
    void evaluateShouldReportEveryBrokenRuleAtOnceInRuleOrder() {
        Participant s4Elsewhere = system("s4-new", S4, "Other Scenarios", false, true);
        RuleCheck check = new RuleCheck(
                Operation.CREATE,
                List.of(taskCenter, otherTaskCenter, s4Elsewhere, commerce),
                List.of(taskCenter, otherTaskCenter, s4Elsewhere, commerce),
                List.of(),
                Map.of(taskCenter.id(), List.of("Finance")));

        List<Violation> violations = FormationRules.evaluate(TASK_CENTER_RULES, check);

        assertThat(violations)
                .extracting(Violation::rule)
                .containsExactly(
                        "allowed-system-types",
                        "at-most-one-formation-per-system",
                        "system-count",
                        "required-scenario-group",
                        "registered-before-joining");
        assertThat(violations)
                .extracting(Violation::systems)
                .containsExactly(
                        List.of(reference(commerce)),
                        List.of(reference(taskCenter)),
                        List.of(reference(taskCenter), reference(otherTaskCenter)),
                        List.of(reference(s4Elsewhere)),
                        List.of(reference(s4Elsewhere)));
    }

    @Test
    void evaluateWhenChangeKeepsEveryRuleShouldReportNothing() {
        assertThat(FormationRules.evaluate(TASK_CENTER_RULES, create(taskCenter, s4)))
                .isEmpty();
        assertThat(FormationRules.evaluate(List.of(), create(commerce))).isEmpty();
    }

    @Test
    void systemCountWhenBoundsAreMissingNegativeOrCrossedShouldBeRefused() {
        assertInvalid(() -> new FormationRule.SystemCount(TASK_CENTER, null, null));
        assertInvalid(() -> new FormationRule.SystemCount(TASK_CENTER, 2, 1));
        assertInvalid(() -> new FormationRule.SystemCount(TASK_CENTER, -1, null));
        assertInvalid(() -> new FormationRule.SystemCount(TASK_CENTER, null, -1));
        assertInvalid(() -> new FormationRule.SystemCount(" ", 0, 1));
    }

    @Test
    void systemCountWhenBoundsAreEqualOrZeroShouldBeAccepted() {
        assertThat(new FormationRule.SystemCount(TASK_CENTER, 1, 1).description())
                .isEqualTo("A formation holds between 1 and 1 systems of type TASK_CENTER.");
        assertThat(new FormationRule.SystemCount(TASK_CENTER, 0, null).description())
                .isEqualTo("A formation holds at least 0 systems of type TASK_CENTER.");
        assertThat(new FormationRule.SystemCount(TASK_CENTER, null, 1).description())
                .isEqualTo("A formation holds at most 1 system of type TASK_CENTER.");
    }

    @Test
    void rulesWhenSystemTypesOrGroupAreBlankShouldBeRefused() {
        assertInvalid(() -> new FormationRule.AllowedSystemTypes(List.of()));
        assertInvalid(() -> new FormationRule.AllowedSystemTypes(null));
        assertInvalid(() -> new FormationRule.AllowedSystemTypes(List.of(TASK_CENTER, "")));
        assertInvalid(() -> new FormationRule.OneFormationPerSystem(""));
        assertInvalid(() -> new FormationRule.OneFormationPerSystem(null));
        assertInvalid(() -> new FormationRule.RequiredScenarioGroup(S4, " "));
        assertInvalid(() -> new FormationRule.RequiredScenarioGroup("", ALL_SCENARIOS));
    }

    @Test
    void allowedSystemTypesShouldKeepACopyOfItsTypes() {
        List<String> types = new ArrayList<>(List.of(TASK_CENTER));
        FormationRule.AllowedSystemTypes rule = new FormationRule.AllowedSystemTypes(types);

        types.add(S4);

        assertThat(rule.systemTypes()).containsExactly(TASK_CENTER);
    }

    @Test
    void jsonShouldNameEachRuleByItsKind() {
        String json = JsonMapper.builder().build().writerFor(RULES).writeValueAsString(TASK_CENTER_RULES);

        assertThat(json)
                .contains(
                        "\"kind\":\"allowed-system-types\"",
                        "\"kind\":\"at-most-one-formation-per-system\"",
                        "\"kind\":\"system-count\"",
                        "\"kind\":\"required-scenario-group\"",
                        "\"kind\":\"registered-before-joining\"",
                        "\"description\":\"A formation holds at most 1 system of type TASK_CENTER.\"")
                .doesNotContain("referencedSystemTypes");
    }

    @Test
    void jsonShouldReadWhatItWroteEvenWhenUnknownPropertiesAreRefused() {
        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<FormationRule> rules = new ArrayList<>(TASK_CENTER_RULES);
        rules.add(new FormationRule.SystemCount(S4, 1, 3));
        rules.add(new FormationRule.RegisteredBeforeJoining(List.of(S4, "SUCCESSFACTORS")));

        String json = strict.writerFor(RULES).writeValueAsString(rules);
        List<FormationRule> read = strict.readerFor(RULES).readValue(json);

        assertThat(json).contains("\"description\"");
        assertThat(read).isEqualTo(rules);
    }

    @Test
    void jsonShouldReadARuleWrittenByHand() {
        String json = "[{\"kind\": \"system-count\", \"systemType\": \"TASK_CENTER\", \"maximum\": 1}]";

        List<FormationRule> read = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readerFor(RULES)
                .readValue(json);

        assertThat(read).containsExactly(new FormationRule.SystemCount(TASK_CENTER, null, 1));
    }

    private static void assertInvalid(ThrowingCallable construction) {
        assertThatThrownBy(construction)
                .isInstanceOfSatisfying(
                        MooringProblem.class,
                        problem -> assertThat(problem.problemType()).isEqualTo(ProblemType.INVALID_INPUT));
    }

    private static Participant system(
            String name, String type, @Nullable String scenarioGroup, boolean registered, boolean pairingRequired) {
        return new Participant(
                UUID.nameUUIDFromBytes(name.getBytes()), name, type, scenarioGroup, registered, pairingRequired);
    }

    private static SystemReference reference(Participant system) {
        return new SystemReference(system.id(), system.name());
    }

    private static RuleCheck create(Participant... founders) {
        return new RuleCheck(Operation.CREATE, List.of(founders), List.of(founders), List.of(), Map.of());
    }

    private static RuleCheck assign(List<Participant> members, Participant joining) {
        return assign(members, joining, Map.of());
    }

    private static RuleCheck assign(
            List<Participant> members, Participant joining, Map<UUID, List<String>> otherFormations) {
        List<Participant> after = new ArrayList<>(members);
        after.add(joining);
        return new RuleCheck(Operation.ASSIGN, after, List.of(joining), List.of(), otherFormations);
    }

    private static RuleCheck unassign(List<Participant> staying, Participant leaving) {
        return new RuleCheck(Operation.UNASSIGN, staying, List.of(), List.of(leaving), Map.of());
    }
}

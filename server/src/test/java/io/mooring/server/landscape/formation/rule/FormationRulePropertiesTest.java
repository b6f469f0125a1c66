package io.mooring.server.landscape.formation.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.server.landscape.formation.FormationTypeCatalog;
import io.mooring.server.landscape.formation.rule.Violation.SystemReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * Plays random sequences of creates, assigns, unassigns and deletes against an in-memory landscape of formations of
 * one type, building each {@link RuleCheck} as the formation services do, and compares the rules' verdicts with an
 * oracle that judges the resulting landscape as a whole, from the rules' parameters alone. Leaves take effect at once
 * here: the services' members still on their way out are not modelled.
 */
class FormationRulePropertiesTest {
    private static final String TASK_CENTER = "TASK_CENTER";
    private static final String S4 = "S4HANA_CLOUD";
    private static final String SUCCESSFACTORS = "SUCCESSFACTORS";
    private static final String COMMERCE = "COMMERCE_CLOUD";
    private static final List<String> TYPES = List.of(TASK_CENTER, S4, SUCCESSFACTORS, COMMERCE);
    /** The system types that the built-in catalog makes pair before they join a formation. */
    private static final Set<String> PAIRING_REQUIRED = Set.of(S4, SUCCESSFACTORS);

    private static final String ALL_SCENARIOS = "All Communication Scenarios";
    private static final String OTHER_SCENARIOS = "Sales Scenarios";
    private static final String CHANGES = "changes";

    /** The rules of the built-in "Integration with SAP Task Center" type, as FormationTypeCatalog defines them. */
    /** The rules of "Integration with SAP Task Center", as the catalog defines them. */
    private static final List<FormationRule> TASK_CENTER_RULES = FormationTypeCatalog.builtInTypes().stream()
            .filter(type -> type.code().equals(FormationTypeCatalog.TASK_CENTER_INTEGRATION))
            .findFirst()
            .orElseThrow()
            .rules();

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyAcceptedChangeShouldLeaveEveryFormationWithinEveryRule(@ForAll("scenarios") Scenario scenario) {
        play(scenario, (change, violations, landscape) -> {
            if (violations.isEmpty()) {
                assertThat(brokenRules(scenario.rules(), landscape))
                        .as("rules broken after accepting %s", change.step())
                        .isEmpty();
            }
        });
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void changeShouldBeRefusedByExactlyTheRulesItsResultWouldBreak(@ForAll("scenarios") Scenario scenario) {
        play(scenario, (change, violations, landscape) -> {
            Statistics.label(CHANGES)
                    .collect(change.check().operation(), violations.isEmpty() ? "accepted" : "refused");
            assertThat(violations.stream()
                            .map(violation -> violation.rule() + ": " + violation.description())
                            .distinct())
                    .as("rules refusing %s", change.check())
                    .containsExactlyInAnyOrderElementsOf(brokenRules(scenario.rules(), change.after()).stream()
                            .map(rule -> rule.kind() + ": " + rule.description())
                            .distinct()
                            .toList());
        });
        // Floors far below the usual counts (hundreds, and about 15 refused unassigns), so that the run shows it
        // exercised both verdicts of every operation without failing by chance.
        Statistics.label(CHANGES).coverage(coverage -> {
            for (Operation operation : List.of(Operation.CREATE, Operation.ASSIGN, Operation.UNASSIGN)) {
                coverage.check(operation, "accepted").count(count -> count >= 50);
            }
            coverage.check(Operation.CREATE, "refused").count(count -> count >= 50);
            coverage.check(Operation.ASSIGN, "refused").count(count -> count >= 50);
            coverage.check(Operation.UNASSIGN, "refused").count(count -> count > 0);
            coverage.check(Operation.DELETE, "accepted").count(count -> count >= 20);
        });
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void violationShouldNameOnlySystemsThatTheChangeAddsOrRemoves(@ForAll("scenarios") Scenario scenario) {
        play(scenario, (change, violations, landscape) -> {
            Set<SystemReference> joining = references(change.check().joining());
            Set<SystemReference> joiningOrLeaving = new LinkedHashSet<>(joining);
            joiningOrLeaving.addAll(references(change.check().leaving()));
            for (Violation violation : violations) {
                if (violation.rule().equals(FormationRule.SYSTEM_COUNT)) {
                    assertThat(joiningOrLeaving).as("%s", violation).containsAll(violation.systems());
                } else {
                    assertThat(violation.systems()).as("%s", violation).isNotEmpty();
                    assertThat(joining).as("%s", violation).containsAll(violation.systems());
                }
            }
        });
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<FormationRule>> rules = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(TASK_CENTER_RULES)),
                Tuple.of(3, rule().list().ofMaxSize(5)));
        return Combinators.combine(pool(), rules, steps()).as(Scenario::new);
    }

    private static Arbitrary<List<Participant>> pool() {
        Arbitrary<SystemSpec> system = Combinators.combine(
                        Arbitraries.of(TYPES),
                        Arbitraries.of(ALL_SCENARIOS, OTHER_SCENARIOS).injectNull(0.2),
                        Arbitraries.of(true, false))
                .as(SystemSpec::new);
        return system.list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .withSizeDistribution(RandomDistribution.uniform())
                .map(specs -> IntStream.range(0, specs.size())
                        .mapToObj(i -> specs.get(i).participant(i))
                        .toList());
    }

    private static Arbitrary<FormationRule> rule() {
        Arbitrary<String> type = Arbitraries.of(TYPES);
        Arbitrary<List<String>> types =
                Arbitraries.subsetOf(TYPES).map(set -> set.stream().sorted().toList());
        Arbitrary<FormationRule> systemCount = Combinators.combine(
                        type,
                        Arbitraries.integers().between(0, 2).injectNull(0.2),
                        Arbitraries.integers().between(0, 3).injectNull(0.5))
                .filter((t, min, max) -> (min != null || max != null) && (min == null || max == null || min <= max))
                .as(FormationRule.SystemCount::new);
        return Arbitraries.frequencyOf(
                Tuple.of(1, types.filter(list -> !list.isEmpty()).map(FormationRule.AllowedSystemTypes::new)),
                Tuple.of(1, type.map(FormationRule.OneFormationPerSystem::new)),
                Tuple.of(3, systemCount),
                Tuple.of(
                        1,
                        Combinators.combine(type, Arbitraries.of(ALL_SCENARIOS, OTHER_SCENARIOS))
                                .as(FormationRule.RequiredScenarioGroup::new)),
                Tuple.of(1, types.map(FormationRule.RegisteredBeforeJoining::new)));
    }

    private static Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 15);
        return Arbitraries.<Step>frequencyOf(
                        Tuple.of(3, index.list().ofMaxSize(3).map(Step.Create::new)),
                        Tuple.of(6, Combinators.combine(index, index).as(Step.Assign::new)),
                        Tuple.of(4, Combinators.combine(index, index).as(Step.Unassign::new)),
                        Tuple.of(1, index.map(Step.Delete::new)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(30)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    /** Plays the steps; the observer sees every change the rules were asked about, after the model took it or not. */
    private static void play(Scenario scenario, Observer observer) {
        Landscape landscape = new Landscape(scenario.rules(), scenario.pool());
        for (Step step : scenario.steps()) {
            Optional<Change> change = landscape.propose(step);
            if (change.isPresent()) {
                List<Violation> violations =
                        FormationRules.evaluate(scenario.rules(), change.get().check());
                if (violations.isEmpty()) {
                    landscape.formations = change.get().after();
                }
                observer.observe(change.get(), violations, landscape.formations);
            }
        }
    }

    /** The oracle: the rules that some formation of the landscape breaks, judged from the rules' parameters. */
    private static List<FormationRule> brokenRules(
            List<FormationRule> rules, Map<String, List<Participant>> formations) {
        return rules.stream().filter(rule -> !keeps(rule, formations)).toList();
    }

    private static boolean keeps(FormationRule rule, Map<String, List<Participant>> formations) {
        return switch (rule) {
            case FormationRule.AllowedSystemTypes allowed ->
                members(formations).allMatch(system -> allowed.systemTypes().contains(system.type()));
            case FormationRule.OneFormationPerSystem one ->
                members(formations)
                                .filter(system -> system.type().equals(one.systemType()))
                                .count()
                        == members(formations)
                                .filter(system -> system.type().equals(one.systemType()))
                                .map(Participant::id)
                                .distinct()
                                .count();
            case FormationRule.SystemCount count ->
                formations.values().stream().allMatch(members -> {
                    long held = members.stream()
                            .filter(system -> system.type().equals(count.systemType()))
                            .count();
                    return (count.minimum() == null || held >= count.minimum())
                            && (count.maximum() == null || held <= count.maximum());
                });
            case FormationRule.RequiredScenarioGroup group ->
                members(formations)
                        .filter(system -> system.type().equals(group.systemType()))
                        .allMatch(system -> group.scenarioGroup().equals(system.scenarioGroup()));
            case FormationRule.RegisteredBeforeJoining registered ->
                members(formations)
                        .filter(system -> registered.systemTypes().isEmpty()
                                ? PAIRING_REQUIRED.contains(system.type())
                                : registered.systemTypes().contains(system.type()))
                        .allMatch(Participant::registered);
        };
    }

    private static Stream<Participant> members(Map<String, List<Participant>> formations) {
        return formations.values().stream().flatMap(List::stream);
    }

    private static Set<SystemReference> references(List<Participant> systems) {
        Set<SystemReference> references = new LinkedHashSet<>();
        systems.forEach(system -> references.add(new SystemReference(system.id(), system.name())));
        return references;
    }

    record Scenario(List<Participant> pool, List<FormationRule> rules, List<Step> steps) {}

    record SystemSpec(String type, @Nullable String scenarioGroup, boolean registered) {
        Participant participant(int number) {
            return new Participant(
                    new UUID(0, number),
                    "system-" + number,
                    type,
                    scenarioGroup,
                    registered,
                    PAIRING_REQUIRED.contains(type));
        }
    }

    /** A change to try; indexes pick formations and systems modulo how many there are at that moment. */
    sealed interface Step {
        record Create(List<Integer> founders) implements Step {}

        record Assign(int formation, int system) implements Step {}

        record Unassign(int formation, int member) implements Step {}

        record Delete(int formation) implements Step {}
    }

    /** A change as the rules judge it, with the formations as they would be after it. */
    record Change(Step step, RuleCheck check, Map<String, List<Participant>> after) {}

    @FunctionalInterface
    interface Observer {
        void observe(Change change, List<Violation> violations, Map<String, List<Participant>> landscape);
    }

    /** Formations of one type by name, each with its members; a change is applied only when the rules allow it. */
    private static final class Landscape {
        private final List<Participant> pool;
        private final boolean onePerSystemRule;
        private Map<String, List<Participant>> formations = new LinkedHashMap<>();
        private int founded;

        Landscape(List<FormationRule> rules, List<Participant> pool) {
            this.pool = pool;
            this.onePerSystemRule = rules.stream().anyMatch(FormationRule.OneFormationPerSystem.class::isInstance);
        }

        Optional<Change> propose(Step step) {
            if (!(step instanceof Step.Create) && formations.isEmpty()) {
                return Optional.empty();
            }
            return switch (step) {
                case Step.Create create -> Optional.of(create(create));
                case Step.Assign assign -> assign(assign);
                case Step.Unassign unassign -> unassign(unassign);
                case Step.Delete delete -> Optional.of(delete(delete));
            };
        }

        private Change create(Step.Create step) {
            List<Participant> founders = step.founders().stream()
                    .map(i -> pool.get(i % pool.size()))
                    .distinct()
                    .toList();
            String name = "formation-" + founded++;
            Map<String, List<Participant>> after = new LinkedHashMap<>(formations);
            after.put(name, founders);
            RuleCheck check =
                    new RuleCheck(Operation.CREATE, founders, founders, List.of(), otherFormations(name, founders));
            return new Change(step, check, after);
        }

        private Optional<Change> assign(Step.Assign step) {
            String name = pick(step.formation());
            Participant system = pool.get(step.system() % pool.size());
            List<Participant> members = formations.get(name);
            if (members.contains(system)) {
                return Optional.empty(); // assigning a member again is no change, and the service checks no rules
            }
            List<Participant> membersAfter = new ArrayList<>(members);
            membersAfter.add(system);
            RuleCheck check = new RuleCheck(
                    Operation.ASSIGN, membersAfter, List.of(system), List.of(), otherFormations(name, List.of(system)));
            return Optional.of(new Change(step, check, with(name, membersAfter)));
        }

        private Optional<Change> unassign(Step.Unassign step) {
            String name = pick(step.formation());
            List<Participant> members = formations.get(name);
            if (members.isEmpty()) {
                return Optional.empty();
            }
            Participant leaving = members.get(step.member() % members.size());
            List<Participant> staying =
                    members.stream().filter(system -> system != leaving).toList();
            RuleCheck check = new RuleCheck(Operation.UNASSIGN, staying, List.of(), List.of(leaving), Map.of());
            return Optional.of(new Change(step, check, with(name, staying)));
        }

        private Change delete(Step.Delete step) {
            String name = pick(step.formation());
            Map<String, List<Participant>> after = new LinkedHashMap<>(formations);
            after.remove(name);
            RuleCheck check = new RuleCheck(Operation.DELETE, List.of(), List.of(), formations.get(name), Map.of());
            return new Change(step, check, after);
        }

        /** What RuleGate reads from the store, and only when the type has an at-most-one-formation rule. */
        private Map<UUID, List<String>> otherFormations(String formation, List<Participant> joining) {
            if (!onePerSystemRule) {
                return Map.of();
            }
            Map<UUID, List<String>> others = new LinkedHashMap<>();
            for (Participant system : joining) {
                others.put(
                        system.id(),
                        formations.entrySet().stream()
                                .filter(entry -> !Objects.equals(entry.getKey(), formation))
                                .filter(entry -> entry.getValue().contains(system))
                                .map(Map.Entry::getKey)
                                .toList());
            }
            return others;
        }

        private Map<String, List<Participant>> with(String name, List<Participant> members) {
            Map<String, List<Participant>> after = new LinkedHashMap<>(formations);
            after.put(name, List.copyOf(members));
            return after;
        }

        private String pick(int index) {
            return List.copyOf(formations.keySet()).get(index % formations.size());
        }
    }
}

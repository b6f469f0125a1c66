package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.FormationViews.AssignmentError;
import io.mooring.server.landscape.formation.FormationViews.AssignmentView;
import io.mooring.server.landscape.formation.FormationViews.FormationStatus;
import io.mooring.server.landscape.formation.FormationViews.FormationView;
import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.landscape.system.SystemDirectory;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.security.Caller;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Reads formations and their members, and shows formations with their aggregated status. */
@Component
class Members {
    private final FormationStore store;
    private final SystemDirectory systems;

    Members(FormationStore store, SystemDirectory systems) {
        this.store = requireNonNull(store, "store");
        this.systems = requireNonNull(systems, "systems");
    }

    /** The caller's account's formation with this id; 404 when there is none. */
    Formation find(Caller caller, UUID id) {
        return store.find(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("Formation", id));
    }

    /** Like {@link #find}, and locks the formation until the transaction ends: every change of it starts here. */
    Formation lock(Caller caller, UUID id) {
        return store.lock(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("Formation", id));
    }

    /** The formation's members in the order they joined. */
    List<Member> of(Formation formation) {
        List<Assignment> assignments = store.assignments(formation.id());
        Map<UUID, LandscapeSystem> byId = systems(
                formation.globalAccountId(),
                assignments.stream().map(Assignment::systemId).toList());
        return assignments.stream()
                .filter(a -> byId.containsKey(a.systemId()))
                .map(a -> new Member(a, byId.get(a.systemId())))
                .toList();
    }

    /** The formation with its members and their status. */
    FormationView view(Formation formation, @Nullable FormationType type) {
        List<Member> shown = of(formation);
        List<AssignmentView> assignments = shown.stream()
                .map(m -> assignment(formation, type, m.assignment(), m.system()))
                .toList();
        List<AssignmentError> errors = shown.stream()
                .filter(m -> m.assignment().state().failed())
                .map(m -> new AssignmentError(
                        m.system().id(),
                        m.system().name(),
                        m.assignment().state(),
                        Objects.requireNonNullElse(m.assignment().error(), "failed")))
                .toList();
        return new FormationView(
                formation.id(),
                formation.name(),
                formation.type(),
                formation.lifecycle(),
                status(
                        formation,
                        shown.stream().map(m -> m.assignment().state()).toList()),
                errors,
                assignments,
                shown.size(),
                formation.createdAt(),
                formation.updatedAt(),
                formation.version());
    }

    /** A page of formations, each with its status from counts of its assignment states, without members. */
    List<FormationView> summaries(List<Formation> formations) {
        Map<UUID, Map<AssignmentState, Integer>> counts =
                store.stateCounts(formations.stream().map(Formation::id).toList());
        return formations.stream()
                .map(f -> {
                    Map<AssignmentState, Integer> states = counts.getOrDefault(f.id(), Map.of());
                    return new FormationView(
                            f.id(),
                            f.name(),
                            f.type(),
                            f.lifecycle(),
                            status(f, List.copyOf(states.keySet())),
                            List.of(),
                            null,
                            states.values().stream().mapToInt(Integer::intValue).sum(),
                            f.createdAt(),
                            f.updatedAt(),
                            f.version());
                })
                .toList();
    }

    AssignmentView assignment(
            Formation formation, @Nullable FormationType type, Assignment assignment, LandscapeSystem system) {
        return new AssignmentView(
                assignment.id(),
                formation.id(),
                system.id(),
                system.name(),
                system.type(),
                assignment.state(),
                assignment.error(),
                type == null ? List.of() : type.scenariosFor(system.type()),
                assignment.createdAt(),
                assignment.updatedAt());
    }

    private static FormationStatus status(Formation formation, Collection<AssignmentState> states) {
        if (states.stream().anyMatch(AssignmentState::failed)) {
            return FormationStatus.ERROR;
        }
        if (formation.lifecycle() == Formation.Lifecycle.DELETING
                || states.stream().anyMatch(state -> state != AssignmentState.READY)) {
            return FormationStatus.IN_PROGRESS;
        }
        return FormationStatus.READY;
    }

    private Map<UUID, LandscapeSystem> systems(UUID globalAccountId, List<UUID> ids) {
        return systems.find(globalAccountId, ids).stream()
                .collect(Collectors.toMap(LandscapeSystem::id, Function.identity()));
    }
}

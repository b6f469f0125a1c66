package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.FormationViews.AssignmentView;
import io.mooring.server.landscape.formation.FormationViews.FormationView;
import io.mooring.server.landscape.formation.FormationViews.NotificationView;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import io.mooring.server.platform.web.ETags;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Formations of the caller's global account and their members. Changes that must tell participants answer 202
 * while the notifications are on their way; the formation's status shows when they are through.
 */
@RestController
@RequestMapping("/api/v1/formations")
@RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR})
class FormationController {
    private final Formations formations;
    private final Memberships memberships;

    FormationController(Formations formations, Memberships memberships) {
        this.formations = requireNonNull(formations, "formations");
        this.memberships = requireNonNull(memberships, "memberships");
    }

    @PostMapping
    ResponseEntity<FormationView> create(Caller caller, @RequestBody FormationRequests.NewFormation request) {
        FormationView formation = formations.create(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/formations/" + formation.id()))
                .eTag(ETags.of(formation.version()))
                .body(formation);
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    Page<FormationView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return formations.list(caller, type, PageRequest.of(limit, cursor, 2));
    }

    @GetMapping("/{id}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    ResponseEntity<FormationView> get(Caller caller, @PathVariable UUID id) {
        FormationView formation = formations.get(caller, id);
        return ResponseEntity.ok().eTag(ETags.of(formation.version())).body(formation);
    }

    @PatchMapping("/{id}")
    ResponseEntity<FormationView> rename(
            Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody FormationRequests.FormationChange change) {
        FormationView formation = formations.rename(caller, id, change, ETags.version(ifMatch, "formation"));
        return ResponseEntity.ok().eTag(ETags.of(formation.version())).body(formation);
    }

    /** 204 when the formation is gone; 202 with the formation while its members are still being told. */
    @DeleteMapping("/{id}")
    ResponseEntity<FormationView> delete(
            Caller caller, @PathVariable UUID id, @RequestParam(defaultValue = "false") boolean unassignMembers) {
        return formations
                .delete(caller, id, unassignMembers)
                .map(formation -> ResponseEntity.accepted().body(formation))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/{id}/resynchronization")
    ResponseEntity<FormationView> resynchronize(Caller caller, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(formations.resynchronize(caller, id));
    }

    /** 201 for a new member, 200 when the system was a member already (a failed join is retried). */
    @PostMapping("/{id}/assignments")
    ResponseEntity<AssignmentView> assign(
            Caller caller, @PathVariable UUID id, @RequestBody FormationRequests.NewAssignment request) {
        Memberships.Assigned assigned = memberships.assign(caller, id, request);
        if (!assigned.created()) {
            return ResponseEntity.ok(assigned.assignment());
        }
        return ResponseEntity.created(URI.create("/api/v1/formations/" + id + "/assignments/"
                        + assigned.assignment().systemId()))
                .body(assigned.assignment());
    }

    @GetMapping("/{id}/assignments")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    List<AssignmentView> assignments(Caller caller, @PathVariable UUID id) {
        return memberships.assignments(caller, id);
    }

    @GetMapping("/{id}/assignments/{systemId}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    AssignmentView assignment(Caller caller, @PathVariable UUID id, @PathVariable UUID systemId) {
        return memberships.assignment(caller, id, systemId);
    }

    /** 204 when the system has left; 202 with its assignment while the participants are being told. */
    @DeleteMapping("/{id}/assignments/{systemId}")
    ResponseEntity<AssignmentView> unassign(Caller caller, @PathVariable UUID id, @PathVariable UUID systemId) {
        Optional<AssignmentView> leaving = memberships.unassign(caller, id, systemId);
        return leaving.map(assignment -> ResponseEntity.accepted().body(assignment))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/{id}/notifications")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    List<NotificationView> notifications(Caller caller, @PathVariable UUID id) {
        return memberships.notifications(caller, id);
    }
}

package io.mooring.server.landscape.entitlement;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Entitlement configurations of the caller's global account's systems. */
@RestController
@RequestMapping("/api/v1/entitlement-assignments")
@RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
class EntitlementController {
    private final Entitlements entitlements;

    EntitlementController(Entitlements entitlements) {
        this.entitlements = requireNonNull(entitlements, "entitlements");
    }

    @PostMapping
    ResponseEntity<EntitlementAssignment> assign(
            Caller caller, @RequestBody Entitlements.NewEntitlementAssignment request) {
        EntitlementAssignment assignment = entitlements.assign(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/entitlement-assignments/" + assignment.id()))
                .body(assignment);
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.VIEWER})
    List<EntitlementAssignment> list(Caller caller, @RequestParam(required = false) @Nullable UUID systemId) {
        return entitlements.list(caller, systemId);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable UUID id) {
        entitlements.remove(caller, id);
        return ResponseEntity.noContent().build();
    }
}

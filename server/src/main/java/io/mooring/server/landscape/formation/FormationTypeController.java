package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The formation types of the caller's global account, with their rules; custom types are defined here. */
@RestController
@RequestMapping("/api/v1/formation-types")
@RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR})
class FormationTypeController {
    private final FormationTypeCatalog catalog;

    FormationTypeController(FormationTypeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog");
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    List<FormationType> list(Caller caller) {
        return catalog.types(caller.globalAccountId());
    }

    @GetMapping("/{code}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    FormationType get(Caller caller, @PathVariable String code) {
        return catalog.find(caller.globalAccountId(), code)
                .orElseThrow(() -> MooringProblem.notFound("Formation type", code));
    }

    @PostMapping
    ResponseEntity<FormationType> define(Caller caller, @RequestBody FormationRequests.NewFormationType request) {
        FormationType type = catalog.defineCustomType(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/formation-types/" + type.code()))
                .body(type);
    }

    @DeleteMapping("/{code}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String code) {
        catalog.deleteCustomType(caller, code);
        return ResponseEntity.noContent().build();
    }
}

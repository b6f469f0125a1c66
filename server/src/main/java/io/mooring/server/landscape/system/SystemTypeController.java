package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

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

/** The system types catalog of the caller's global account, and its custom types. */
@RestController
@RequestMapping("/api/v1/system-types")
class SystemTypeController {
    private final SystemTypeCatalog catalog;

    SystemTypeController(SystemTypeCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog");
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    List<SystemType> list(Caller caller) {
        return catalog.types(caller.globalAccountId());
    }

    @PostMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR})
    ResponseEntity<SystemType> define(Caller caller, @RequestBody SystemRequests.NewSystemType request) {
        SystemType type = catalog.defineCustomType(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/system-types/" + type.code()))
                .body(type);
    }

    @DeleteMapping("/{code}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR})
    ResponseEntity<Void> delete(Caller caller, @PathVariable String code) {
        catalog.deleteCustomType(caller, code);
        return ResponseEntity.noContent().build();
    }
}

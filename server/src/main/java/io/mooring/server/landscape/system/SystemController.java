package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import io.mooring.server.platform.web.ETags;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import java.net.URI;
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

/** Systems of the caller's global account: register, list, read, change, display token, deregister, import. */
@RestController
@RequestMapping("/api/v1/systems")
@RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR})
class SystemController {
    private final SystemRegistry registry;
    private final Deregistration deregistration;
    private final DiscoveryImport discovery;

    SystemController(SystemRegistry registry, Deregistration deregistration, DiscoveryImport discovery) {
        this.registry = requireNonNull(registry, "registry");
        this.deregistration = requireNonNull(deregistration, "deregistration");
        this.discovery = requireNonNull(discovery, "discovery");
    }

    @PostMapping
    ResponseEntity<SystemRegistry.Registration> register(Caller caller, @RequestBody SystemRequests.NewSystem request) {
        SystemRegistry.Registration registration = registry.register(caller, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/systems/" + registration.system().id()))
                .eTag(etag(registration.system()))
                .body(registration);
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    Page<LandscapeSystem> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable SystemStatus status,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        String labelKey = label == null ? null : label.split("=", 2)[0];
        String labelValue = label == null || !label.contains("=") ? null : label.split("=", 2)[1];
        return registry.list(
                caller, new SystemQuery(type, status, name, labelKey, labelValue), PageRequest.of(limit, cursor, 2));
    }

    @GetMapping("/{id}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SYSTEM_LANDSCAPE_ADMINISTRATOR, Role.VIEWER})
    ResponseEntity<LandscapeSystem> get(Caller caller, @PathVariable UUID id) {
        LandscapeSystem system = registry.get(caller, id);
        return ResponseEntity.ok().eTag(etag(system)).body(system);
    }

    @PatchMapping("/{id}")
    ResponseEntity<LandscapeSystem> update(
            Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody SystemRequests.SystemChange change) {
        LandscapeSystem system = registry.update(caller, id, change, ETags.version(ifMatch, "system"));
        return ResponseEntity.ok().eTag(etag(system)).body(system);
    }

    /** SAP's "Display token": a new integration token while the system is Pending, replacing the previous one. */
    @PostMapping("/{id}/integration-token")
    IntegrationTokens.IssuedToken newToken(Caller caller, @PathVariable UUID id) {
        return registry.newToken(caller, id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> deregister(Caller caller, @PathVariable UUID id) {
        deregistration.deregister(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/discovery")
    DiscoveryImport.ImportResult importDiscovered(Caller caller, @RequestBody SystemRequests.Discovery request) {
        return discovery.importSystems(caller, request);
    }

    private static String etag(LandscapeSystem system) {
        return ETags.of(system.version());
    }
}

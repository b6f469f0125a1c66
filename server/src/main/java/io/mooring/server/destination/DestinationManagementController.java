package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.destination.query.DestinationFilter;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.ManagesDestinations;
import io.mooring.server.platform.security.ReadsDestinations;
import io.mooring.server.platform.web.ETags;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Destinations for the cockpit and the CLI, at subaccount level or in a destination service instance. Views never
 * show secrets; a change that leaves a secret out keeps it.
 */
@RestController
@RequestMapping({
    "/api/v1/subaccounts/{subaccountId}/destinations",
    "/api/v1/subaccounts/{subaccountId}/service-instances/{instanceId}/destinations"
})
class DestinationManagementController {
    private final ManagedOwners owners;
    private final Destinations destinations;
    private final ConnectionCheck connectionCheck;

    DestinationManagementController(ManagedOwners owners, Destinations destinations, ConnectionCheck connectionCheck) {
        this.owners = requireNonNull(owners, "owners");
        this.destinations = requireNonNull(destinations, "destinations");
        this.connectionCheck = requireNonNull(connectionCheck, "connectionCheck");
    }

    @GetMapping
    @ReadsDestinations
    List<DestinationView> list(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @RequestParam(required = false) @Nullable String filter) {
        return destinations
                .list(
                        owners.ownerOf(caller, subaccountId, instanceId),
                        filter == null || filter.isBlank() ? null : DestinationFilter.parse(filter))
                .stream()
                .map(DestinationView::of)
                .toList();
    }

    @PostMapping
    @ManagesDestinations
    ResponseEntity<DestinationView> create(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @RequestBody Map<String, Object> body) {
        StoredDestination created = destinations.create(caller, owners.ownerOf(caller, subaccountId, instanceId), body);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{name}")
                .buildAndExpand(created.name())
                .toUri();
        return ResponseEntity.created(location)
                .eTag(ETags.of(created.version()))
                .body(DestinationView.of(created));
    }

    @GetMapping("/{name}")
    @ReadsDestinations
    ResponseEntity<DestinationView> get(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @PathVariable String name) {
        StoredDestination destination = destinations.get(owners.ownerOf(caller, subaccountId, instanceId), name);
        return ResponseEntity.ok().eTag(ETags.of(destination.version())).body(DestinationView.of(destination));
    }

    @PutMapping("/{name}")
    @ManagesDestinations
    ResponseEntity<DestinationView> update(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody Map<String, Object> body) {
        StoredDestination updated = destinations.updateKeepingSecrets(
                caller,
                owners.ownerOf(caller, subaccountId, instanceId),
                name,
                body,
                ETags.version(ifMatch, "destination"));
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(DestinationView.of(updated));
    }

    @DeleteMapping("/{name}")
    @ManagesDestinations
    ResponseEntity<Void> delete(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        destinations.delete(
                caller, owners.ownerOf(caller, subaccountId, instanceId), name, ETags.version(ifMatch, "destination"));
        return ResponseEntity.noContent().build();
    }

    /** Tries the destination as an application would, and tells whether it answered, how and how fast. */
    @PostMapping("/{name}/connection-check")
    @ManagesDestinations
    ConnectionCheck.Result check(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @PathVariable String name) {
        return connectionCheck.check(destinations.get(owners.ownerOf(caller, subaccountId, instanceId), name));
    }
}

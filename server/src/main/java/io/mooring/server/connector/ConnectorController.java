package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connector registrations of a subaccount: each is created with a one-time pairing token, shown once, and shows its
 * certificate and live tunnel session from then on.
 */
@RestController
@RequestMapping("/api/v1/subaccounts/{subaccountId}/connectors")
class ConnectorController {
    private final Connectors connectors;

    ConnectorController(Connectors connectors) {
        this.connectors = requireNonNull(connectors, "connectors");
    }

    @PostMapping
    @ManagesConnectors
    ResponseEntity<IssuedToken> create(
            Caller caller, @PathVariable UUID subaccountId, @RequestBody ConnectorRequests.NewConnector request) {
        IssuedToken created = connectors.create(caller, subaccountId, request);
        return ResponseEntity.created(URI.create("/api/v1/subaccounts/" + subaccountId + "/connectors/"
                        + created.connector().id()))
                .body(created);
    }

    @GetMapping
    @ReadsConnectors
    List<ConnectorView> list(Caller caller, @PathVariable UUID subaccountId) {
        return connectors.list(caller, subaccountId);
    }

    @GetMapping("/{connectorId}")
    @ReadsConnectors
    ConnectorView get(Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID connectorId) {
        return connectors.get(caller, subaccountId, connectorId);
    }

    /** A new one-time pairing token that replaces the previous one, for a connector that must pair again. */
    @PostMapping("/{connectorId}/token")
    @ManagesConnectors
    ResponseEntity<IssuedToken> newToken(
            Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID connectorId) {
        return ResponseEntity.status(HttpStatus.CREATED).body(connectors.newToken(caller, subaccountId, connectorId));
    }

    @DeleteMapping("/{connectorId}")
    @ManagesConnectors
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID subaccountId, @PathVariable UUID connectorId) {
        connectors.delete(caller, subaccountId, connectorId);
        return ResponseEntity.noContent().build();
    }
}

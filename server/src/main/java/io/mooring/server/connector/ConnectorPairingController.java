package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.PublicEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Where connectors pair with their one-time token and renew their certificate, receiving a certificate each time. */
@RestController
class ConnectorPairingController {
    private final ConnectorPairing pairing;
    private final ConnectorRenewal renewal;

    ConnectorPairingController(ConnectorPairing pairing, ConnectorRenewal renewal) {
        this.pairing = requireNonNull(pairing, "pairing");
        this.renewal = requireNonNull(renewal, "renewal");
    }

    @PostMapping("/api/v1/connector-pairing")
    @ResponseStatus(HttpStatus.CREATED)
    @PublicEndpoint("connectors authenticate with their one-time pairing token in the body")
    Paired pair(@RequestBody ConnectorRequests.Pairing request) {
        return pairing.pair(request);
    }

    @PostMapping("/api/v1/connector-certificates/renewal")
    @PublicEndpoint("connectors authenticate with their current certificate and a signature by its key in the body")
    Paired renew(@RequestBody ConnectorRequests.Renewal request) {
        return renewal.renew(request);
    }
}

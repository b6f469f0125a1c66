package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.problem.Problems;
import io.mooring.server.platform.security.PublicEndpoint;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Where external systems redeem their integration token and receive credentials. */
@RestController
class PairingController {
    private final PairingService pairing;

    PairingController(PairingService pairing) {
        this.pairing = requireNonNull(pairing, "pairing");
    }

    @PostMapping("/api/v1/pairing")
    @PublicEndpoint("external systems authenticate with their one-time integration token in the body")
    PairingService.Paired pair(@RequestBody SystemRequests.Pairing request) {
        return pairing.pair(request);
    }

    @ExceptionHandler(PairingService.PairingFailure.class)
    ResponseEntity<ProblemDetail> failed(PairingService.PairingFailure failure) {
        return Problems.response(failure.problem());
    }
}

package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.ManagesDestinations;
import io.mooring.server.platform.security.ReadsDestinations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Certificates for destinations, for the cockpit and the CLI; views show names and types, never contents. */
@RestController
@RequestMapping({
    "/api/v1/subaccounts/{subaccountId}/destination-certificates",
    "/api/v1/subaccounts/{subaccountId}/service-instances/{instanceId}/destination-certificates"
})
class CertificateManagementController {
    private final ManagedOwners owners;
    private final Certificates certificates;

    CertificateManagementController(ManagedOwners owners, Certificates certificates) {
        this.owners = requireNonNull(owners, "owners");
        this.certificates = requireNonNull(certificates, "certificates");
    }

    @GetMapping
    @ReadsDestinations
    List<CertificateView> list(
            Caller caller, @PathVariable UUID subaccountId, @PathVariable(required = false) @Nullable UUID instanceId) {
        return certificates.list(owners.ownerOf(caller, subaccountId, instanceId), null).stream()
                .map(CertificateView::of)
                .toList();
    }

    @PostMapping
    @ManagesDestinations
    ResponseEntity<CertificateView> upload(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @RequestBody Map<String, Object> body) {
        Certificate created = certificates.create(caller, owners.ownerOf(caller, subaccountId, instanceId), body);
        return ResponseEntity.status(HttpStatus.CREATED).body(CertificateView.of(created));
    }

    @DeleteMapping("/{name}")
    @ManagesDestinations
    ResponseEntity<Void> delete(
            Caller caller,
            @PathVariable UUID subaccountId,
            @PathVariable(required = false) @Nullable UUID instanceId,
            @PathVariable String name) {
        certificates.delete(caller, owners.ownerOf(caller, subaccountId, instanceId), name);
        return ResponseEntity.noContent().build();
    }

    /** A certificate without its content. */
    record CertificateView(String name, String type, long version, Instant createdAt) {
        static CertificateView of(Certificate certificate) {
            return new CertificateView(
                    certificate.name(), certificate.type(), certificate.version(), certificate.createdAt());
        }
    }
}

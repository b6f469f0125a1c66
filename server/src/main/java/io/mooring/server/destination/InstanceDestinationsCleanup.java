package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.servicebinding.ServiceInstance;
import io.mooring.server.servicebinding.ServiceInstanceListener;
import org.springframework.stereotype.Component;

/** A deleted service instance takes its destinations and certificates with it, as in SAP's service. */
@Component
class InstanceDestinationsCleanup implements ServiceInstanceListener {
    private final Destinations destinations;
    private final Certificates certificates;

    InstanceDestinationsCleanup(Destinations destinations, Certificates certificates) {
        this.destinations = requireNonNull(destinations, "destinations");
        this.certificates = requireNonNull(certificates, "certificates");
    }

    @Override
    public void instanceDeleted(ServiceInstance instance) {
        DestinationOwner owner =
                DestinationOwner.instance(instance.globalAccountId(), instance.subaccountId(), instance.id());
        destinations.deleteOwner(owner);
        certificates.deleteOwner(owner);
    }
}

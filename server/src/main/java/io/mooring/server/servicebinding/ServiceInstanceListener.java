package io.mooring.server.servicebinding;

/** Told, inside the deleting transaction, that a service instance goes, so that what it owns goes with it. */
public interface ServiceInstanceListener {
    void instanceDeleted(ServiceInstance instance);
}

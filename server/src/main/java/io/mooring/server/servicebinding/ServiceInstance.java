package io.mooring.server.servicebinding;

import java.time.Instant;
import java.util.UUID;

/** A service instance in a subaccount: the owner of instance-level destinations and of bindings. */
public record ServiceInstance(
        UUID id, UUID globalAccountId, UUID subaccountId, ServiceOffering offering, String name, Instant createdAt) {
    public String plan() {
        return ServiceOffering.PLAN;
    }
}

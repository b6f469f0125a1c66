package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where destinations and certificates are kept: a subaccount, or a service instance in it. Instance-level entries
 * are found first, so that an instance can override a subaccount destination of the same name.
 */
public record DestinationOwner(
        UUID globalAccountId, UUID subaccountId, @Nullable UUID instanceId) {
    public DestinationOwner {
        requireNonNull(globalAccountId, "globalAccountId");
        requireNonNull(subaccountId, "subaccountId");
    }

    public static DestinationOwner subaccount(UUID globalAccountId, UUID subaccountId) {
        return new DestinationOwner(globalAccountId, subaccountId, null);
    }

    public static DestinationOwner instance(UUID globalAccountId, UUID subaccountId, UUID instanceId) {
        return new DestinationOwner(globalAccountId, subaccountId, instanceId);
    }

    /** The key that owns the entries: the instance's id at instance level, else the subaccount's. */
    public UUID ownerId() {
        return instanceId != null ? instanceId : subaccountId;
    }

    /** The subaccount this owner belongs to, as an owner: itself at subaccount level. */
    public DestinationOwner subaccountLevel() {
        return isInstanceLevel() ? subaccount(globalAccountId, subaccountId) : this;
    }

    public boolean isInstanceLevel() {
        return instanceId != null;
    }

    public String describe() {
        return isInstanceLevel() ? "service instance " + instanceId : "subaccount " + subaccountId;
    }
}

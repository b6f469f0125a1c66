package io.mooring.server.destination;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.AccountService;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.servicebinding.ServiceInstance;
import io.mooring.server.servicebinding.ServiceInstances;
import io.mooring.server.servicebinding.ServiceOffering;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The owner a management path names, checked to be in the caller's global account. */
@Component
class ManagedOwners {
    private final AccountService accounts;
    private final ServiceInstances instances;

    ManagedOwners(AccountService accounts, ServiceInstances instances) {
        this.accounts = requireNonNull(accounts, "accounts");
        this.instances = requireNonNull(instances, "instances");
    }

    DestinationOwner ownerOf(Caller caller, UUID subaccountId, @Nullable UUID instanceId) {
        UUID subaccount = accounts.subaccount(caller, subaccountId).id();
        if (instanceId == null) {
            return DestinationOwner.subaccount(caller.globalAccountId(), subaccount);
        }
        ServiceInstance instance = instances.instance(caller, subaccount, instanceId);
        if (instance.offering() != ServiceOffering.DESTINATION) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    "Service instance '" + instance.name() + "' is a "
                            + instance.offering().label() + " instance; destinations belong to destination instances.");
        }
        return DestinationOwner.instance(caller.globalAccountId(), subaccount, instanceId);
    }
}

package io.mooring.server.destination;

import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.BoundService;
import io.mooring.server.platform.security.Caller;

/** Where the caller of the SAP-compatible API keeps its destinations: its binding's instance and subaccount. */
final class BoundCallers {
    private static final String DESTINATION = "destination";
    private static final String SUBACCOUNT_LEVEL = "subaccount";

    private BoundCallers() {}

    /** The caller's service instance, as the owner of instance-level entries. */
    static DestinationOwner instanceOf(Caller caller) {
        BoundService bound = caller.bound()
                .filter(service -> service.offering().equals(DESTINATION))
                .orElseThrow(() -> MooringProblem.of(
                        ProblemType.FORBIDDEN,
                        "The Destination API takes tokens of a destination service binding; get one with the "
                                + "binding's clientid and clientsecret from POST /oauth/token."));
        return DestinationOwner.instance(caller.globalAccountId(), bound.subaccountId(), bound.instanceId());
    }

    /** The owner a collection path names: {@code subaccount...} or {@code instance...}. */
    static DestinationOwner ownerOf(Caller caller, String collection) {
        DestinationOwner instance = instanceOf(caller);
        return collection.startsWith(SUBACCOUNT_LEVEL) ? instance.subaccountLevel() : instance;
    }
}

package io.mooring.server.landscape.system;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.problem.MooringProblem;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Systems as other parts of the landscape see them: formations and entitlements read and lock the systems they
 * group, inside their own transactions.
 */
@Service
public class SystemDirectory {
    private final SystemStore store;
    private final SystemTypeCatalog types;

    SystemDirectory(SystemStore store, SystemTypeCatalog types) {
        this.store = requireNonNull(store, "store");
        this.types = requireNonNull(types, "types");
    }

    /**
     * Locks these systems of the account until the transaction ends, so that a deregistration cannot pass while
     * they are being grouped; ids the account does not hold are left out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LandscapeSystem> lock(UUID globalAccountId, Collection<UUID> ids) {
        return store.lockAll(globalAccountId, ids);
    }

    /** Locks one system of the account like {@link #lock(UUID, Collection)}; 404 when the account has none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public LandscapeSystem lock(UUID globalAccountId, UUID id) {
        return store.lockAll(globalAccountId, List.of(id)).stream()
                .findFirst()
                .orElseThrow(() -> MooringProblem.notFound("System", id));
    }

    /** These systems of the account, without labels; ids the account does not hold are left out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<LandscapeSystem> find(UUID globalAccountId, Collection<UUID> ids) {
        return store.findAll(globalAccountId, ids);
    }

    /** Whether the catalog says systems of this type must be Registered before they join a formation. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean pairingRequiredForFormation(UUID globalAccountId, String type) {
        return types.find(globalAccountId, type)
                .map(SystemType::pairingRequiredForFormation)
                .orElse(true);
    }
}

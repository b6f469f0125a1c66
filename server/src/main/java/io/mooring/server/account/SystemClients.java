package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.crypto.Secrets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** OAuth client credentials for paired systems: issued at pairing, revoked at deregistration. */
@Service
public class SystemClients {
    private static final String PREFIX = "mooring-system-";

    private final IdentityStore store;
    private final Secrets secrets;
    private final Clock clock;

    SystemClients(IdentityStore store, Secrets secrets, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.secrets = requireNonNull(secrets, "secrets");
        this.clock = requireNonNull(clock, "clock");
    }

    /** New client credentials for a system; the secret is returned once and only its hash is kept. */
    @Transactional(propagation = Propagation.MANDATORY)
    public IssuedClient issue(UUID globalAccountId, UUID systemId, String systemName) {
        String clientId = PREFIX + systemId;
        String secret = secrets.newSecret("");
        store.insertClient(new IdentityStore.StoredClient(
                clientId,
                globalAccountId,
                IdentityStore.OwnerType.SYSTEM,
                systemId,
                Secrets.hash(secret),
                "Paired system " + systemName,
                Set.of(),
                clock.instant()));
        return new IssuedClient(clientId, secret);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void revoke(UUID globalAccountId, UUID systemId) {
        store.deleteClients(globalAccountId, IdentityStore.OwnerType.SYSTEM, systemId);
    }

    /** Client credentials as handed to a system once. */
    public record IssuedClient(String clientId, String clientSecret) {}
}

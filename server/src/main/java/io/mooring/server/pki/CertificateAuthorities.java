package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mooring's named certificate authorities beside the systems CA, such as the connectors CA: each is created on first
 * use, stored in the database so that every replica signs with the same one, and kept in memory from then on.
 *
 * <p>Certificates are dated by the machine's real clock, not by the application's {@link Clock}: TLS stacks check
 * them against the real time, so a certificate dated by a shifted clock (as in tests) would not be valid yet.
 */
@Service
public class CertificateAuthorities {
    private final CertificateAuthorityStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate ownTransaction;
    private final Map<String, CertificateAuthority> loaded = new ConcurrentHashMap<>();

    CertificateAuthorities(
            CertificateAuthorityStore store, SecureRandom random, PlatformTransactionManager transactions) {
        this.store = requireNonNull(store, "store");
        this.clock = Clock.systemUTC();
        this.random = requireNonNull(random, "random");
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The authority stored under {@code name}, created with a new root named {@code commonName} if there is none.
     * The common name only matters the first time, when the root is made.
     */
    public CertificateAuthority authority(String name, String commonName) {
        requireNonNull(name, "name");
        requireNonNull(commonName, "commonName");
        CertificateAuthority current = loaded.get(name);
        return current != null
                ? current
                : loaded.computeIfAbsent(name, key -> new CertificateAuthority(loadOrCreate(key, commonName), clock));
    }

    /** In a transaction of its own: a CA created here must outlive a request that fails and rolls back. */
    private CaMaterial loadOrCreate(String name, String commonName) {
        return requireNonNull(ownTransaction.execute(status -> store.find(name).orElseGet(() -> {
            store.insertIfAbsent(name, CertificateAuthority.generate(commonName, clock, random), clock.instant());
            return store.find(name).orElseThrow();
        })));
    }
}

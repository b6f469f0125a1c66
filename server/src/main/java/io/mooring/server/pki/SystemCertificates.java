package io.mooring.server.pki;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues client certificates to paired systems from Mooring's "systems" CA, which the first pairing creates. The
 * CA key is stored as PEM in the database (encryption at rest arrives with the Tink key setup).
 */
@Service
public class SystemCertificates {
    private static final String CA_NAME = "systems";

    private final CertificateAuthorityStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate ownTransaction;
    private volatile CertificateAuthority authority;

    SystemCertificates(
            CertificateAuthorityStore store,
            Clock clock,
            SecureRandom random,
            PlatformTransactionManager transactions) {
        this.store = requireNonNull(store, "store");
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = requireNonNull(clock, "clock");
        this.random = requireNonNull(random, "random");
    }

    /** A client certificate for the CSR's key, naming the system and its global account; never the CSR's subject. */
    public IssuedCertificate issue(
            CertificateSigningRequest csr, String systemId, String globalAccountId, Duration validity) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, systemId)
                .addRDN(BCStyle.OU, "Mooring Systems")
                .addRDN(BCStyle.O, globalAccountId)
                .build();
        return authority().sign(csr, subject, validity);
    }

    /** The CA certificate that systems and their peers trust, as PEM. */
    public String caCertificatePem() {
        return authority().certificatePem();
    }

    private CertificateAuthority authority() {
        CertificateAuthority current = authority;
        if (current == null) {
            synchronized (this) {
                current = authority;
                if (current == null) {
                    current = new CertificateAuthority(loadOrCreate(), clock);
                    authority = current;
                }
            }
        }
        return current;
    }

    /** In a transaction of its own: a CA created here must outlive a pairing that fails and rolls back. */
    private CaMaterial loadOrCreate() {
        return requireNonNull(ownTransaction.execute(status -> store.find(CA_NAME)
                .orElseGet(() -> {
                    store.insertIfAbsent(
                            CA_NAME,
                            CertificateAuthority.generate("Mooring Systems CA", clock, random),
                            clock.instant());
                    return store.find(CA_NAME).orElseThrow();
                })));
    }
}

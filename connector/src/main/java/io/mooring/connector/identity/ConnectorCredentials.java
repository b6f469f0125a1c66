package io.mooring.connector.identity;

import io.mooring.connector.config.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The connector's identity in its data folder: its private key (owner-only, never sent anywhere), the certificate
 * Mooring issued for it, and Mooring's connectors CA, the only one the tunnel trusts.
 */
public record ConnectorCredentials(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
    private static final String KEY_FILE = "connector-key.pem";
    private static final String CERTIFICATE_FILE = "connector-certificate.pem";
    private static final String CA_FILE = "mooring-ca.pem";

    public static Optional<ConnectorCredentials> load(Path dataDir) {
        Path key = dataDir.resolve(KEY_FILE);
        Path certificate = dataDir.resolve(CERTIFICATE_FILE);
        Path ca = dataDir.resolve(CA_FILE);
        if (!Files.exists(key) || !Files.exists(certificate) || !Files.exists(ca)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConnectorCredentials(
                    Pem.privateKey(Files.readString(key)),
                    Pem.certificate(Files.readString(certificate)),
                    Pem.certificate(Files.readString(ca))));
        } catch (IOException e) {
            throw new UncheckedIOException("The connector's credentials in " + dataDir + " cannot be read", e);
        }
    }

    /** Writes all three files, each replaced atomically; the key is readable by its owner only. */
    public void save(Path dataDir) {
        write(dataDir.resolve(KEY_FILE), Pem.write(key));
        write(dataDir.resolve(CERTIFICATE_FILE), Pem.write(certificate));
        write(dataDir.resolve(CA_FILE), Pem.write(ca));
    }

    public Instant expiresAt() {
        return certificate.getNotAfter().toInstant();
    }

    /** True when less than a third of the certificate's lifetime is left. */
    public boolean dueForRenewal(Instant now) {
        Instant issued = certificate.getNotBefore().toInstant();
        Duration lifetime = Duration.between(issued, expiresAt());
        return Duration.between(now, expiresAt()).compareTo(lifetime.dividedBy(3)) < 0;
    }

    private static void write(Path file, String content) {
        try {
            OwnerOnlyFiles.writeAtomically(file, content.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}

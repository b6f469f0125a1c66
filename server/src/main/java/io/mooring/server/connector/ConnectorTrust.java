package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.pki.CertificateAuthorities;
import io.mooring.server.pki.CertificateAuthority;
import io.mooring.server.pki.CertificateSigningRequest;
import io.mooring.server.pki.IssuedCertificate;
import io.mooring.server.platform.config.MooringProperties;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;
import org.springframework.stereotype.Component;

/**
 * Mooring's connectors CA, which connectors pin and the tunnel endpoint alone trusts: it issues connectors' client
 * certificates and the tunnel endpoint's server certificate. It is a CA of its own, not the systems CA, so that no
 * system certificate ever opens a tunnel.
 */
@Component
public class ConnectorTrust {
    static final String ORGANIZATION = "Mooring Connectors";
    static final String CONNECTOR_URI_PREFIX = "mooring:connector:";
    private static final String CA_NAME = "connectors";
    private static final String CA_COMMON_NAME = "Mooring Connectors CA";
    private static final Pattern HOST_NAME =
            Pattern.compile("[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

    private final CertificateAuthorities authorities;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration clientValidity;

    ConnectorTrust(CertificateAuthorities authorities, SecureRandom random, MooringProperties properties) {
        this.authorities = requireNonNull(authorities, "authorities");
        // Dated by the real clock, as the CA's certificates are: the TLS stacks that check them use the real time.
        this.clock = Clock.systemUTC();
        this.random = requireNonNull(random, "random");
        this.clientValidity = properties.connectivity().connectorCertificateValidity();
    }

    /** The connectors CA's certificate: the tunnel endpoint's only trust anchor for client certificates. */
    public X509Certificate caCertificate() {
        return authority().certificate();
    }

    /**
     * A new key and a server certificate for it from the connectors CA, for the tunnel endpoint to present. Nothing
     * is stored: each call makes a new key, which lives as long as the caller keeps it. The certificate names the
     * given host names and IP addresses, and always {@code localhost} and {@code 127.0.0.1}; it is valid as long as
     * the CA is, since connectors pin the CA and the key never leaves memory.
     */
    public ServerIdentity tunnelServerIdentity(List<String> hostNames) {
        CertificateAuthority authority = authority();
        List<String> hosts = hosts(hostNames);
        List<GeneralName> names =
                hosts.stream().map(ConnectorTrust::alternativeName).toList();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, hosts.getFirst())
                .build();
        KeyPair key = newP256KeyPair();
        Duration validity = Duration.between(
                clock.instant(), authority.certificate().getNotAfter().toInstant());
        IssuedCertificate issued =
                authority.issue(key.getPublic(), subject, names, CertificateAuthority.Purpose.TLS_SERVER, validity);
        return new ServerIdentity(key.getPrivate(), List.of(issued.certificate(), authority.certificate()));
    }

    /**
     * A client certificate for the CSR's key that names the registration: {@code CN=<location or "default">,
     * OU=<subaccount>, O=Mooring Connectors} and the URI {@code mooring:connector:<id>}.
     */
    IssuedCertificate issueClientCertificate(CertificateSigningRequest csr, ConnectorRegistration registration) {
        // Most general first, as X.500 orders names: RFC 2253 and Java print it as CN=..,OU=..,O=Mooring Connectors.
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, registration.subaccountId().toString())
                .addRDN(BCStyle.CN, registration.locationName())
                .build();
        GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, connectorUri(registration.id()));
        return authority()
                .issue(csr.publicKey(), subject, List.of(uri), CertificateAuthority.Purpose.TLS_CLIENT, clientValidity);
    }

    String caCertificatePem() {
        return authority().certificatePem();
    }

    static String connectorUri(UUID connectorId) {
        return CONNECTOR_URI_PREFIX + connectorId;
    }

    private CertificateAuthority authority() {
        return authorities.authority(CA_NAME, CA_COMMON_NAME);
    }

    // The given names first, in their order, then localhost and 127.0.0.1; each once, IPv6 without brackets.
    private static List<String> hosts(List<String> hostNames) {
        Set<String> hosts = new LinkedHashSet<>();
        Stream.concat(hostNames.stream(), Stream.of("localhost", "127.0.0.1"))
                .map(host -> host.strip().replaceAll("^\\[(.*)]$", "$1").toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty())
                .forEach(hosts::add);
        return List.copyOf(hosts);
    }

    private static GeneralName alternativeName(String host) {
        if (IPAddress.isValid(host)) {
            return new GeneralName(GeneralName.iPAddress, host);
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException(
                    "'" + host + "' is neither a host name nor an IP address; check mooring.connectivity.tunnel.host");
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private KeyPair newP256KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime makes EC P-256 keys", e);
        }
    }

    /** The tunnel endpoint's key and its certificate chain, leaf first, then the connectors CA. */
    public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
        public ServerIdentity {
            requireNonNull(key, "key");
            chain = List.copyOf(chain);
        }

        // The record's default would print whatever the key's toString reveals.
        @Override
        public String toString() {
            return "ServerIdentity[chain="
                    + chain.stream()
                            .map(certificate ->
                                    certificate.getSubjectX500Principal().getName())
                            .toList() + ", key=<redacted>]";
        }
    }
}

package io.mooring.server.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final CaMaterial MATERIAL =
            CertificateAuthority.generate("Mooring Test CA", CLOCK, new SecureRandom());
    private static final Duration VALIDITY = Duration.ofDays(90);
    private static final X500Name SUBJECT = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, "sys-0001")
            .addRDN(BCStyle.O, "acct-0042")
            .addRDN(BCStyle.OU, "Mooring Systems")
            .build();
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";

    private final CertificateAuthority authority = new CertificateAuthority(MATERIAL, CLOCK);

    @Test
    void generateShouldCreateSelfSignedCertificateThatVerifiesWithItsOwnKey() {
        X509Certificate root = MATERIAL.certificate();

        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=Mooring Test CA");
        assertThatCode(() -> root.verify(root.getPublicKey())).doesNotThrowAnyException();
    }

    @Test
    void generateShouldUseAnEcP256KeySignedWithSha256WithEcdsa() {
        X509Certificate root = MATERIAL.certificate();

        ECPublicKey key = (ECPublicKey) root.getPublicKey();

        assertThat(key.getParams().getOrder().bitLength()).isEqualTo(256);
        assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void generateShouldMakeACaWithCriticalBasicConstraintsAndKeyUsage() {
        X509Certificate root = MATERIAL.certificate();

        assertThat(root.getBasicConstraints()).isNotNegative();
        assertThat(root.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    }

    @Test
    void generateShouldAllowOnlyCertificateAndCrlSigning() {
        boolean[] keyUsage = MATERIAL.certificate().getKeyUsage();

        // Indexes per RFC 5280: 5 is keyCertSign and 6 is cRLSign.
        assertThat(keyUsage).containsExactly(false, false, false, false, false, true, true, false, false);
    }

    @Test
    void generateShouldIncludeASubjectKeyIdentifier() {
        assertThat(MATERIAL.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId()))
                .isNotNull();
    }

    @Test
    void generateShouldBeValidForTenYearsFromFiveMinutesAgo() {
        X509Certificate root = MATERIAL.certificate();

        assertThat(root.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-03-01T11:55:00Z"));
        assertThat(root.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-03-01T12:00:00Z"));
    }

    @Test
    void signWhenCsrIsValidShouldIssueClientCertificateForItsKey() throws Exception {
        KeyPair keyPair = TestCsrs.ec("secp256r1");

        IssuedCertificate issued = authority.sign(csr(keyPair), SUBJECT, VALIDITY);

        assertThat(issued.certificate().getPublicKey().getEncoded())
                .isEqualTo(keyPair.getPublic().getEncoded());
    }

    @Test
    void signShouldIssueCertificateThatVerifiesWithTheCaPublicKey() throws Exception {
        X509Certificate certificate = issueForEcKey();

        assertThatCode(() -> certificate.verify(MATERIAL.certificate().getPublicKey()))
                .doesNotThrowAnyException();
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void signShouldIssueCertificateThatPkixValidatesAgainstTheCa() throws Exception {
        X509Certificate certificate = issueForEcKey();
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(MATERIAL.certificate(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW));
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));

        assertThatCode(() -> CertPathValidator.getInstance("PKIX").validate(path, parameters))
                .doesNotThrowAnyException();
    }

    @Test
    void signShouldUseTheCallersSubjectNotTheCsrs() throws Exception {
        X509Certificate certificate = issueForEcKey();

        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("OU=Mooring Systems,O=acct-0042,CN=sys-0001");
    }

    @Test
    void signShouldNameTheCaAsIssuer() throws Exception {
        X509Certificate certificate = issueForEcKey();

        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(MATERIAL.certificate().getSubjectX500Principal());
    }

    @Test
    void signShouldAllowClientAuthenticationOnly() throws Exception {
        assertThat(issueForEcKey().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    }

    @Test
    void signShouldNotMakeACa() throws Exception {
        X509Certificate certificate = issueForEcKey();

        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
    }

    @Test
    void signWhenKeyIsEcShouldAllowDigitalSignatureOnly() throws Exception {
        assertThat(issueForEcKey().getKeyUsage())
                .containsExactly(true, false, false, false, false, false, false, false, false);
    }

    @Test
    void signWhenKeyIsRsaShouldAlsoAllowKeyEncipherment() throws Exception {
        X509Certificate certificate =
                authority.sign(csr(TestCsrs.rsa(2048)), SUBJECT, VALIDITY).certificate();

        assertThat(certificate.getKeyUsage())
                .containsExactly(true, false, true, false, false, false, false, false, false);
    }

    @Test
    void signShouldComputeTheValidityFromTheClock() throws Exception {
        IssuedCertificate issued = authority.sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY);

        assertThat(issued.certificate().getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(issued.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(VALIDITY));
        assertThat(issued.notAfter()).isEqualTo(NOW.plus(VALIDITY));
    }

    @Test
    void signWhenClockHasMillisecondsShouldReportTheNotAfterInTheCertificate() throws Exception {
        Clock clock = Clock.fixed(NOW.plusMillis(750), ZoneOffset.UTC);

        IssuedCertificate issued =
                new CertificateAuthority(MATERIAL, clock).sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY);

        assertThat(issued.notAfter())
                .isEqualTo(issued.certificate().getNotAfter().toInstant());
    }

    @Test
    void signShouldUseRandomPositive128BitSerialNumbers() throws Exception {
        var csr = csr(TestCsrs.ec("secp256r1"));

        IssuedCertificate first = authority.sign(csr, SUBJECT, VALIDITY);
        IssuedCertificate second = authority.sign(csr, SUBJECT, VALIDITY);

        assertThat(first.certificate().getSerialNumber().bitLength()).isEqualTo(128);
        assertThat(first.certificate().getSerialNumber())
                .isNotEqualTo(second.certificate().getSerialNumber());
    }

    @Test
    void serialNumberHexShouldBeTheCertificatesSerialNumber() throws Exception {
        IssuedCertificate issued = authority.sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY);

        assertThat(issued.serialNumberHex()).matches("[0-9a-f]{32}");
        assertThat(issued.serialNumberHex())
                .isEqualTo(issued.certificate().getSerialNumber().toString(16));
    }

    @Test
    void signShouldPointTheAuthorityKeyIdentifierAtTheCa() throws Exception {
        var issued = new JcaX509CertificateHolder(issueForEcKey());
        var ca = new JcaX509CertificateHolder(MATERIAL.certificate());

        var authorityKeyId = AuthorityKeyIdentifier.fromExtensions(issued.getExtensions());
        var caKeyId = SubjectKeyIdentifier.fromExtensions(ca.getExtensions());

        assertThat(authorityKeyId.getKeyIdentifierOctets()).isEqualTo(caKeyId.getKeyIdentifier());
    }

    @Test
    void signShouldIncludeASubjectKeyIdentifier() throws Exception {
        var issued = new JcaX509CertificateHolder(issueForEcKey());

        assertThat(SubjectKeyIdentifier.fromExtensions(issued.getExtensions())).isNotNull();
    }

    @Test
    void signWhenValidityIsNotPositiveShouldBeRejected() throws Exception {
        var csr = csr(TestCsrs.ec("secp256r1"));

        assertThatThrownBy(() -> authority.sign(csr, SUBJECT, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validity must be positive");
    }

    @Test
    void signWhenSubjectIsEmptyShouldBeRejected() throws Exception {
        var csr = csr(TestCsrs.ec("secp256r1"));

        assertThatThrownBy(() -> authority.sign(csr, new X500Name(new RDN[0]), VALIDITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject must not be empty");
    }

    @Test
    void signWhenCaIsRestoredFromPemShouldIssueCertificatesThatVerifyWithTheOriginal() throws Exception {
        CaMaterial restored = CaMaterial.fromPem(MATERIAL.certificatePem(), MATERIAL.privateKeyPem());

        X509Certificate certificate = new CertificateAuthority(restored, CLOCK)
                .sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY)
                .certificate();

        assertThatCode(() -> certificate.verify(MATERIAL.certificate().getPublicKey()))
                .doesNotThrowAnyException();
    }

    @Test
    void certificatePemShouldBeTheCaCertificate() {
        assertThat(PemCodec.readCertificate(authority.certificatePem())).isEqualTo(MATERIAL.certificate());
        assertThat(authority.certificate()).isEqualTo(MATERIAL.certificate());
    }

    @Test
    void issuedCertificatePemShouldReadBackAsTheSameCertificate() throws Exception {
        IssuedCertificate issued = authority.sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY);

        assertThat(PemCodec.readCertificate(issued.certificatePem())).isEqualTo(issued.certificate());
    }

    private X509Certificate issueForEcKey() throws Exception {
        return authority.sign(csr(TestCsrs.ec("secp256r1")), SUBJECT, VALIDITY).certificate();
    }

    private static CertificateSigningRequest csr(KeyPair keyPair) throws Exception {
        return CertificateSigningRequest.parsePem(TestCsrs.pem(keyPair));
    }
}

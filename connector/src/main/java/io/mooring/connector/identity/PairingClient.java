package io.mooring.connector.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to Mooring's pairing API: once with the one-time token, later with the current certificate's key to renew.
 * Each time a new EC P-256 key is made here; only its CSR leaves the machine.
 */
public final class PairingClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final JsonMapper json = JsonMapper.builder().build();

    /** What Mooring answers to pairing and renewal. */
    public record Paired(
            ConnectorCredentials credentials,
            String connectorId,
            String subaccountId,
            String locationId,
            String tunnelHost,
            int tunnelPort) {}

    /** Thrown with Mooring's explanation when it refuses. */
    public static final class PairingRefused extends RuntimeException {
        private final int status;

        PairingRefused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Paired pair(String mooringUrl, String token) {
        KeyPair keys = Pem.newEcKeyPair();
        String csr = csr(keys);
        return exchange(mooringUrl, "/api/v1/connector-pairing", Map.of("token", token, "csr", csr), keys.getPrivate());
    }

    public Paired renew(String mooringUrl, ConnectorCredentials current) {
        KeyPair keys = Pem.newEcKeyPair();
        String csr = csr(keys);
        String signature = sign(current.key(), csrDer(csr));
        return exchange(
                mooringUrl,
                "/api/v1/connector-certificates/renewal",
                Map.of("certificate", Pem.write(current.certificate()), "csr", csr, "signature", signature),
                keys.getPrivate());
    }

    private Paired exchange(String mooringUrl, String path, Map<String, String> body, PrivateKey key) {
        URI uri = URI.create(stripSlash(mooringUrl) + path);
        // A client per exchange: pairing and renewal are rare, and an idle client keeps a selector thread.
        try (HttpClient http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = readJson(response.body());
            if (response.statusCode() / 100 != 2) {
                String detail = answer != null && answer.hasNonNull("detail")
                        ? answer.get("detail").asString()
                        : "HTTP " + response.statusCode();
                throw new PairingRefused(response.statusCode(), "Mooring refused: " + detail);
            }
            if (answer == null) {
                throw new PairingRefused(502, "Mooring's answer at " + uri + " is not JSON");
            }
            return new Paired(
                    new ConnectorCredentials(
                            key,
                            Pem.certificate(answer.get("certificate").asString()),
                            Pem.certificate(answer.get("caCertificate").asString())),
                    answer.get("connectorId").asString(),
                    answer.get("subaccountId").asString(),
                    answer.path("locationId").asString(""),
                    answer.get("tunnelHost").asString(),
                    answer.get("tunnelPort").asInt());
        } catch (IOException e) {
            throw new PairingRefused(503, "Mooring at " + uri + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PairingRefused(503, "Interrupted while calling " + uri);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String csr(KeyPair keys) {
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                            new X500Name("CN=mooring-connector"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return Pem.write(request);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The CSR cannot be signed", e);
        }
    }

    private static byte[] csrDer(String csrPem) {
        String base64 = csrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String sign(PrivateKey key, byte[] data) {
        try {
            Signature signature =
                    Signature.getInstance("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The renewal cannot be signed with the current key", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

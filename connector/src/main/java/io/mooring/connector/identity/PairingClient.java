package io.mooring.connector.identity;

import io.mooring.connector.json.Json;
import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonProblem;
import io.mooring.connector.json.JsonValue;
import io.mooring.connector.json.UnknownFields;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Talks to Mooring's pairing API: once with the one-time token, later with the current certificate's key to renew.
 * Each time a new EC P-256 key is made here; only its CSR leaves the machine.
 */
public final class PairingClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.compact(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonObject answer = readJson(response.body());
            if (response.statusCode() / 100 != 2) {
                String detail = detail(answer);
                throw new PairingRefused(
                        response.statusCode(),
                        "Mooring refused: " + (detail == null ? "HTTP " + response.statusCode() : detail));
            }
            if (answer == null) {
                throw new PairingRefused(502, "Mooring's answer at " + uri + " is not a JSON object");
            }
            return paired(answer, key);
        } catch (JsonProblem e) {
            throw new PairingRefused(502, "Mooring's answer at " + uri + " is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw new PairingRefused(503, "Mooring at " + uri + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PairingRefused(503, "Interrupted while calling " + uri);
        }
    }

    private static Paired paired(JsonObject answer, PrivateKey key) {
        return new Paired(
                new ConnectorCredentials(
                        key,
                        Pem.certificate(answer.requiredString("certificate")),
                        Pem.certificate(answer.requiredString("caCertificate"))),
                answer.requiredString("connectorId"),
                answer.requiredString("subaccountId"),
                Objects.requireNonNullElse(answer.string("locationId"), ""),
                answer.requiredString("tunnelHost"),
                answer.integer("tunnelPort"));
    }

    private static @Nullable JsonObject readJson(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonValue json = Json.read(body.getBytes(StandardCharsets.UTF_8), UnknownFields.IGNORE);
            return json.isNull() ? null : json.object();
        } catch (JsonProblem e) {
            return null;
        }
    }

    private static @Nullable String detail(@Nullable JsonObject answer) {
        try {
            return answer == null ? null : answer.string("detail");
        } catch (JsonProblem e) {
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

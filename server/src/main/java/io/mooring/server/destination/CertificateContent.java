package io.mooring.server.destination;

import io.mooring.server.platform.problem.MooringProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an uploaded certificate before it is kept: the file name's extension says the format, as the SAP Cloud
 * SDK reads it ({@code .p12}/{@code .pfx} PKCS#12, {@code .jks} Java key store, {@code .pem}/{@code .crt}/
 * {@code .cer} PEM text), and the base64 content must be a readable file of that format. Key stores are read
 * without their password: their structure is checked, their secrets stay sealed.
 */
final class CertificateContent {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
    static final String TYPE = "CERTIFICATE";
    static final int MAX_BYTES = 256 * 1024;

    private CertificateContent() {}

    static void check(String name, String content) {
        if (!NAME.matcher(name).matches()) {
            throw MooringProblem.invalidInput("Certificate name '" + name
                    + "' must be 1 to 200 letters, digits, '.', '_' or '-' with an extension such as .p12 or .pem.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw MooringProblem.invalidInput(
                    "Certificate '" + name + "': 'Content' must be the file in base64 (" + e.getMessage() + ").");
        }
        if (bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw MooringProblem.invalidInput(
                    "Certificate '" + name + "' must hold 1 byte to " + MAX_BYTES / 1024 + " KiB.");
        }
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        switch (extension) {
            case "p12", "pfx" -> keyStore(name, bytes, "PKCS12");
            case "jks" -> keyStore(name, bytes, "JKS");
            case "pem", "crt", "cer" -> pem(name, bytes);
            default ->
                throw MooringProblem.invalidInput("Certificate '" + name
                        + "' needs an extension that says its format: .p12, .pfx, .jks, .pem, .crt or .cer.");
        }
    }

    private static void keyStore(String name, byte[] bytes, String type) {
        try {
            KeyStore.getInstance(type).load(new ByteArrayInputStream(bytes), null);
        } catch (IOException | GeneralSecurityException e) {
            throw MooringProblem.invalidInput(
                    "Certificate '" + name + "' is not a readable " + type + " key store: " + e.getMessage() + ".");
        }
    }

    private static void pem(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN ") || !text.contains("-----END ")) {
            throw MooringProblem.invalidInput("Certificate '" + name
                    + "' is not PEM text: expected '-----BEGIN ...-----' and '-----END ...-----' blocks.");
        }
    }
}

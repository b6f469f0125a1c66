package io.mooring.server.platform.validation;

import io.mooring.server.platform.problem.MooringProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Field checks shared by every API; each failure names the field and says what a valid value looks like. */
public final class Inputs {
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");

    private Inputs() {}

    /** The value, trimmed; refused when missing, blank or longer than {@code maxLength}. */
    public static String required(@Nullable String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw MooringProblem.invalidInput("Field '" + field + "' is required and must not be blank.");
        }
        return optional(value, field, maxLength);
    }

    /** The value trimmed, or null when absent or blank; refused when longer than {@code maxLength}. */
    public static @Nullable String optional(@Nullable String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw MooringProblem.invalidInput("Field '" + field + "' has " + trimmed.length() + " characters; at most "
                    + maxLength + " are allowed.");
        }
        return trimmed;
    }

    /** Refuses values with characters outside printable ASCII (0x20 to 0x7E), naming the first one. */
    public static String printableAscii(String value, String field) {
        if (!PRINTABLE_ASCII.matcher(value).matches()) {
            int offending = value.codePoints()
                    .filter(c -> c < 0x20 || c > 0x7E)
                    .findFirst()
                    .orElseThrow();
            throw MooringProblem.invalidInput("Field '" + field + "' may hold only printable ASCII characters; "
                    + String.format("U+%04X", offending) + " at position "
                    + (value.indexOf(Character.toString(offending)) + 1)
                    + " is not one.");
        }
        return value;
    }

    public static String matching(String value, String field, Pattern pattern, String description) {
        if (!pattern.matcher(value).matches()) {
            throw MooringProblem.invalidInput(
                    "Field '" + field + "' must be " + description + "; '" + value + "' is not.");
        }
        return value;
    }

    /** An absolute http or https URL, or null when absent. */
    public static @Nullable String httpUrl(@Nullable String value, String field) {
        String url = optional(value, field, 2048);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw MooringProblem.invalidInput(
                "Field '" + field + "' must be an absolute http or https URL such as https://host.example.com/path; '"
                        + url + "' is not.");
    }
}

package io.mooring.server.destination;

import io.mooring.server.platform.problem.MooringProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a destination's properties as a client sent them and returns them as stored: strings in the given order.
 * Numbers and booleans are taken as their text; objects, arrays and nulls are refused, since every value SAP's
 * clients read is a string. Every problem found is reported at once.
 */
final class DestinationValidation {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z0-9_.$-]{1,255}");
    private static final Set<String> TYPES = Set.of("HTTP", "RFC", "MAIL", "LDAP");
    private static final Set<String> PROXY_TYPES = Set.of("Internet", "OnPremise", "PrivateLink");
    private static final int MAX_PROPERTIES = 500;
    private static final int MAX_VALUE_LENGTH = 65_536;

    private DestinationValidation() {}

    static Map<String, String> validated(@Nullable Map<String, ?> body) {
        if (body == null || body.isEmpty()) {
            throw MooringProblem.invalidInput(
                    "The destination is empty; send an object such as {\"Name\":\"my-api\",\"Type\":\"HTTP\","
                            + "\"URL\":\"https://api.example.com\",\"Authentication\":\"NoAuthentication\","
                            + "\"ProxyType\":\"Internet\"}.");
        }
        if (body.size() > MAX_PROPERTIES) {
            throw MooringProblem.invalidInput("A destination has at most " + MAX_PROPERTIES + " properties.");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> properties = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            String text = text(key, value, problems);
            if (!PROPERTY_NAME.matcher(key).matches()) {
                problems.add("property name '" + key + "' must be 1 to 255 letters, digits or . _ $ -");
            } else if (text != null) {
                properties.put(key, text);
            }
        });
        String name = properties.get("Name");
        if (name == null) {
            problems.add("'Name' is required");
        } else if (!NAME.matcher(name).matches()) {
            problems.add("'Name' must be 1 to 200 letters, digits, '-' or '_' (was '" + name + "')");
        }
        String type = properties.get("Type");
        if (type == null || !TYPES.contains(type)) {
            problems.add("'Type' is required and must be one of HTTP, RFC, MAIL, LDAP");
        }
        String proxyType = properties.getOrDefault("ProxyType", "Internet");
        if (!PROXY_TYPES.contains(proxyType)) {
            problems.add("'ProxyType' must be Internet, OnPremise or PrivateLink");
        }
        if ("HTTP".equals(type)) {
            checkUrl(properties.get("URL"), "URL", problems);
            checkAuthentication(properties, proxyType, problems);
        }
        if (!problems.isEmpty()) {
            throw MooringProblem.invalidInput("The destination is invalid: " + String.join("; ", problems) + ".")
                    .with("errors", problems);
        }
        return properties;
    }

    private static void checkAuthentication(Map<String, String> properties, String proxyType, List<String> problems) {
        String value = properties.getOrDefault(AuthenticationType.PROPERTY, "NoAuthentication");
        AuthenticationType.of(value)
                .ifPresentOrElse(
                        authentication -> {
                            List<String> missing = authentication.requiredProperties().stream()
                                    .filter(required -> isBlank(properties.get(required)))
                                    .toList();
                            if (!missing.isEmpty()) {
                                problems.add(value + " needs " + String.join(", ", missing));
                            }
                            if (properties.containsKey("tokenServiceURL")) {
                                checkUrl(properties.get("tokenServiceURL"), "tokenServiceURL", problems);
                            }
                            if (authentication == AuthenticationType.PRINCIPAL_PROPAGATION
                                    && !"OnPremise".equals(proxyType)) {
                                problems.add("PrincipalPropagation needs ProxyType OnPremise");
                            }
                        },
                        () -> problems.add("'Authentication' must be one of " + AuthenticationType.names() + " (was '"
                                + value + "')"));
    }

    private static void checkUrl(@Nullable String url, String property, List<String> problems) {
        if (isBlank(url)) {
            problems.add("'" + property + "' is required");
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                problems.add("'" + property + "' must be an absolute http or https URL (was '" + url + "')");
            }
        } catch (URISyntaxException e) {
            problems.add("'" + property + "' is not a valid URL: " + e.getReason());
        }
    }

    private static @Nullable String text(String key, @Nullable Object value, List<String> problems) {
        return switch (value) {
            case String text
            when text.length() > MAX_VALUE_LENGTH -> {
                problems.add("property '" + key + "' is longer than " + MAX_VALUE_LENGTH + " characters");
                yield null;
            }
            case String text
            when text.indexOf('\u0000') >= 0 -> {
                problems.add("property '" + key + "' contains a NUL character");
                yield null;
            }
            case String text -> text;
            case Number number -> number.toString();
            case Boolean flag -> flag.toString();
            case null -> {
                problems.add("property '" + key + "' is null; leave it out instead");
                yield null;
            }
            default -> {
                problems.add("property '" + key + "' must be a string, not " + describe(value));
                yield null;
            }
        };
    }

    private static String describe(Object value) {
        return value instanceof Map<?, ?>
                ? "an object"
                : value instanceof List<?> ? "an array" : "a " + value.getClass();
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}

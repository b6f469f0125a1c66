package io.mooring.connector.access;

import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonValue;
import java.util.Set;

/**
 * A path of a back end that the connector admits, alone or with everything below it.
 *
 * <p>The path must be in the {@linkplain PathNormalizer canonical form}: starting with {@code /}, without query,
 * dot-segments or doubled slashes, non-ASCII and reserved characters percent-encoded. A trailing slash is part of the
 * path: {@code /a/b/} with sub-paths admits {@code /a/b/} and {@code /a/b/c}, not {@code /a/b}.
 *
 * @param path the path, compared case-sensitively on whole segments
 * @param subPaths whether the paths below {@code path} are admitted too
 * @param active whether the resource admits anything; a suspended resource denies its paths, even those that a
 *     shorter active resource would admit
 * @param websocketUpgrade whether requests that upgrade to WebSocket are admitted
 * @param description free text for administrators
 */
public record Resource(String path, boolean subPaths, boolean active, boolean websocketUpgrade, String description) {

    public Resource {
        if (path == null) {
            throw new IllegalArgumentException("Resource: path is missing; give one such as /sap/opu/odata.");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Resource path '" + path + "' must start with '/'.");
        }
        if (path.indexOf('?') >= 0 || path.indexOf('#') >= 0) {
            throw new IllegalArgumentException(
                    "Resource path '" + path + "' has a query or fragment; encode '?' as %3F and '#' as %23.");
        }
        if (!PathNormalizer.isNormalised(path)) {
            throw new IllegalArgumentException(
                    "Resource path '" + path + "' is not in canonical form; " + canonicalHint(path));
        }
        description = description == null ? "" : description;
    }

    private static final Set<String> JSON_FIELDS =
            Set.of("path", "subPaths", "active", "websocketUpgrade", "description");

    /**
     * Reads a resource from JSON, where {@code active} defaults to {@code true} when left out, so that a resource
     * added without it admits what it names; {@code subPaths} and {@code websocketUpgrade} default to {@code false}.
     */
    public static Resource fromJson(JsonValue json) {
        JsonObject fields = json.object().fields(JSON_FIELDS);
        return fields.build(() -> new Resource(
                fields.string("path"),
                Boolean.TRUE.equals(fields.bool("subPaths")),
                !Boolean.FALSE.equals(fields.bool("active")),
                Boolean.TRUE.equals(fields.bool("websocketUpgrade")),
                fields.string("description")));
    }

    /** An active resource without WebSocket upgrades and description. */
    public static Resource of(String path, boolean subPaths) {
        return new Resource(path, subPaths, true, false, "");
    }

    /** The prefix that every path strictly below this resource starts with. */
    String subtreePrefix() {
        return path.endsWith("/") ? path : path + "/";
    }

    private static String canonicalHint(String path) {
        return switch (PathNormalizer.normalise(path)) {
            case PathNormalizer.Valid valid -> "write it as '" + valid.path() + "'.";
            case PathNormalizer.Invalid invalid -> invalid.reason() + ".";
        };
    }
}

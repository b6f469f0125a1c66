package io.mooring.connector.access;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.json.JsonObject;
import io.mooring.connector.json.JsonValue;
import io.mooring.tunnel.ConnectorReport.Protocol;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A back end that the connector exposes to Mooring under a virtual host and port, with the paths it admits.
 *
 * @param virtualHost the host name applications use; stored in lower case, compared case-insensitively
 * @param virtualPort the port applications use
 * @param internalHost the back end's host as the connector reaches it
 * @param internalPort the back end's port
 * @param protocol how the connector talks to the back end; HTTP and HTTPS mappings take HTTP requests, TCP mappings
 *     take raw streams
 * @param backendType what kind of system the back end is, such as {@code ABAP_SYSTEM}; informational
 * @param hostHeader which host the connector names in the {@code Host} header
 * @param principalType how the application's user is handed on
 * @param description free text for administrators
 * @param resources the admitted paths; TCP mappings have none
 */
public record SystemMapping(
        String virtualHost,
        int virtualPort,
        String internalHost,
        int internalPort,
        Protocol protocol,
        String backendType,
        HostHeader hostHeader,
        PrincipalType principalType,
        String description,
        List<Resource> resources) {

    /** The back-end type of a mapping that names none. */
    public static final String DEFAULT_BACKEND_TYPE = "NON_SAP_SYSTEM";

    private static final Set<String> JSON_FIELDS = Set.of(
            "virtualHost",
            "virtualPort",
            "internalHost",
            "internalPort",
            "protocol",
            "backendType",
            "hostHeader",
            "principalType",
            "description",
            "resources");

    public SystemMapping {
        virtualHost = checkHost("virtualHost", virtualHost).toLowerCase(Locale.ROOT);
        String key = virtualHost + ":" + virtualPort;
        checkPort(key, "virtualPort", virtualPort);
        internalHost = checkHost("internalHost", internalHost);
        checkPort(key, "internalPort", internalPort);
        if (protocol == null) {
            throw new IllegalArgumentException(
                    "System mapping " + key + ": protocol is missing; use one of HTTP, HTTPS, TCP.");
        }
        backendType = backendType == null || backendType.isBlank() ? DEFAULT_BACKEND_TYPE : backendType;
        hostHeader = hostHeader == null ? HostHeader.VIRTUAL : hostHeader;
        principalType = principalType == null ? PrincipalType.NONE : principalType;
        description = description == null ? "" : description;
        resources = resources == null ? List.of() : List.copyOf(resources);
        if (protocol == Protocol.TCP && !resources.isEmpty()) {
            throw new IllegalArgumentException(
                    "System mapping " + key + ": a TCP mapping has no resources; remove them or use HTTP or HTTPS.");
        }
        checkDistinctPaths(key, resources);
    }

    /** Reads a mapping from JSON; the fields left out take the defaults of the constructor. */
    public static SystemMapping fromJson(JsonValue json) {
        JsonObject fields = json.object().fields(JSON_FIELDS);
        return fields.build(() -> new SystemMapping(
                fields.string("virtualHost"),
                fields.integer("virtualPort"),
                fields.string("internalHost"),
                fields.integer("internalPort"),
                fields.enumValue("protocol", Protocol.class),
                fields.string("backendType"),
                fields.enumValue("hostHeader", HostHeader.class),
                fields.enumValue("principalType", PrincipalType.class),
                fields.string("description"),
                fields.list("resources", Resource::fromJson)));
    }

    /** The mapping's identity: {@code virtualHost:virtualPort}, the host in lower case. */
    public String key() {
        return key(virtualHost, virtualPort);
    }

    /** The key of a virtual host and port, as {@link #key()} forms it. */
    public static String key(String virtualHost, int virtualPort) {
        return virtualHost.toLowerCase(Locale.ROOT) + ":" + virtualPort;
    }

    private static String checkHost(String field, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("System mapping: " + field + " is missing; name a host.");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '?' || c == '#') {
                throw new IllegalArgumentException("System mapping: " + field + " '" + host.strip()
                        + "' is not a host name; give a name or address without scheme, port or path.");
            }
        }
        return host;
    }

    private static void checkPort(String key, String field, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                    "System mapping " + key + ": " + field + " must be between 1 and 65535, was " + port + ".");
        }
    }

    private static void checkDistinctPaths(String key, List<Resource> resources) {
        Set<String> paths = new HashSet<>();
        for (Resource resource : resources) {
            requireNonNull(resource, "resource");
            if (!paths.add(resource.path())) {
                throw new IllegalArgumentException(
                        "System mapping " + key + ": resource path " + resource.path() + " is listed twice; keep one.");
            }
        }
    }
}

package io.mooring.connector.access;

import static java.util.Objects.requireNonNull;

import io.mooring.tunnel.ConnectorReport.Protocol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one snapshot of the system mappings, whether a request may pass to a back end.
 *
 * <p>A request passes when a mapping exists for its virtual host (case-insensitive) and port, the mapping takes its
 * protocol, and the most specific resource that matches its {@linkplain PathNormalizer normalised} path is active
 * (and allows WebSocket upgrades when the request asks for one). Resources match case-sensitively on whole segments:
 * an exact resource admits its path only; one with sub-paths admits its path and everything below it, so
 * {@code /a/b} admits {@code /a/b}, {@code /a/b/} and {@code /a/b/c}, never {@code /a/bc}. When several resources
 * match, the longest decides: a suspended {@code /a/b/c} denies {@code /a/b/c/d} even inside an active {@code /a/b}.
 *
 * <p>Instances are immutable and cheap to query: one hash lookup for the mapping, then one per path segment at
 * most.
 */
public final class AccessControl {
    private static final AccessControl EMPTY = new AccessControl(List.of(), Map.of());

    private final List<SystemMapping> mappings;
    private final Map<String, CompiledMapping> byKey;

    private AccessControl(List<SystemMapping> mappings, Map<String, CompiledMapping> byKey) {
        this.mappings = mappings;
        this.byKey = byKey;
    }

    /**
     * Compiles the mappings.
     *
     * @throws IllegalArgumentException when two mappings share a virtual host and port
     */
    public static AccessControl of(List<SystemMapping> mappings) {
        requireNonNull(mappings, "mappings");
        if (mappings.isEmpty()) {
            return EMPTY;
        }
        Map<String, CompiledMapping> byKey = HashMap.newHashMap(mappings.size());
        for (SystemMapping mapping : mappings) {
            requireNonNull(mapping, "mapping");
            if (byKey.putIfAbsent(mapping.key(), new CompiledMapping(mapping)) != null) {
                throw new IllegalArgumentException("Two system mappings have the virtual host and port " + mapping.key()
                        + "; a virtual host and port can be mapped once only.");
            }
        }
        return new AccessControl(List.copyOf(mappings), byKey);
    }

    /** The mappings this snapshot decides on, in the order given. */
    public List<SystemMapping> mappings() {
        return mappings;
    }

    /** The mapping for a virtual host (case-insensitive) and port. */
    public Optional<SystemMapping> mapping(String virtualHost, int virtualPort) {
        CompiledMapping compiled = byKey.get(SystemMapping.key(virtualHost, virtualPort));
        return compiled == null ? Optional.empty() : Optional.of(compiled.mapping);
    }

    /**
     * Decides on an HTTP request.
     *
     * @param rawPathWithQuery the request target in origin form, as received
     * @param websocketUpgrade whether the request asks to upgrade to WebSocket
     */
    public HttpDecision decideHttp(
            String virtualHost, int virtualPort, String rawPathWithQuery, boolean websocketUpgrade) {
        String key = SystemMapping.key(virtualHost, virtualPort);
        CompiledMapping compiled = byKey.get(key);
        if (compiled == null) {
            return httpDenied(Denial.NO_MAPPING, "No system mapping exists for " + key + ".");
        }
        if (compiled.mapping.protocol() == Protocol.TCP) {
            return httpDenied(
                    Denial.PROTOCOL_MISMATCH, "The system mapping for " + key + " is a TCP mapping; it takes no HTTP.");
        }
        String path;
        switch (PathNormalizer.normalise(rawPathWithQuery)) {
            case PathNormalizer.Valid valid -> path = valid.path();
            case PathNormalizer.Invalid invalid -> {
                return httpDenied(Denial.INVALID_PATH, "The path is refused: " + invalid.reason() + ".");
            }
        }
        Resource resource = compiled.match(path);
        if (resource == null) {
            return httpDenied(
                    Denial.NO_RESOURCE, "No resource of the system mapping for " + key + " admits " + path + ".");
        }
        if (!resource.active()) {
            return httpDenied(
                    Denial.RESOURCE_SUSPENDED,
                    "Resource " + resource.path() + " of the system mapping for " + key + " is suspended.");
        }
        if (websocketUpgrade && !resource.websocketUpgrade()) {
            return httpDenied(
                    Denial.WEBSOCKET_NOT_ALLOWED,
                    "Resource " + resource.path() + " of the system mapping for " + key
                            + " does not allow WebSocket upgrades.");
        }
        return new HttpDecision.Allowed(compiled.mapping, path);
    }

    /** Decides on a raw TCP stream. */
    public TcpDecision decideTcp(String virtualHost, int virtualPort) {
        String key = SystemMapping.key(virtualHost, virtualPort);
        CompiledMapping compiled = byKey.get(key);
        if (compiled == null) {
            return new TcpDecision.Denied(Denial.NO_MAPPING, "No system mapping exists for " + key + ".");
        }
        if (compiled.mapping.protocol() != Protocol.TCP) {
            return new TcpDecision.Denied(
                    Denial.PROTOCOL_MISMATCH,
                    "The system mapping for " + key + " is an " + compiled.mapping.protocol()
                            + " mapping; it takes no TCP streams.");
        }
        return new TcpDecision.Allowed(compiled.mapping);
    }

    private static HttpDecision httpDenied(Denial denial, String message) {
        return new HttpDecision.Denied(denial, message);
    }

    /** A mapping with its resources indexed by path and by the prefix of the paths below them. */
    private static final class CompiledMapping {
        private final SystemMapping mapping;
        private final Map<String, Resource> byPath;
        private final Map<String, Resource> bySubtreePrefix;

        CompiledMapping(SystemMapping mapping) {
            this.mapping = mapping;
            this.byPath = HashMap.newHashMap(mapping.resources().size());
            this.bySubtreePrefix = HashMap.newHashMap(mapping.resources().size());
            for (Resource resource : mapping.resources()) {
                byPath.put(resource.path(), resource);
                if (resource.subPaths()) {
                    // "/a/b" and "/a/b/" share the prefix "/a/b/"; the longer one is the more specific.
                    bySubtreePrefix.merge(
                            resource.subtreePrefix(),
                            resource,
                            (first, second) ->
                                    first.path().length() >= second.path().length() ? first : second);
                }
            }
        }

        /** The longest resource that admits the path, active or not. */
        @Nullable
        Resource match(String path) {
            Resource same = byPath.get(path);
            if (same != null || bySubtreePrefix.isEmpty()) {
                return same;
            }
            for (int slash = path.lastIndexOf('/'); slash >= 0; slash = path.lastIndexOf('/', slash - 1)) {
                Resource enclosing = bySubtreePrefix.get(path.substring(0, slash + 1));
                if (enclosing != null) {
                    return enclosing;
                }
            }
            return null;
        }
    }
}

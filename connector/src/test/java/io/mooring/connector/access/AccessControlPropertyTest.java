package io.mooring.connector.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.tunnel.ConnectorReport.Protocol;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/** Properties of {@link AccessControl} for random resources and random paths. */
class AccessControlPropertyTest {
    private static final String HOST = "erp.internal";
    private static final int PORT = 44300;

    @Property(tries = 2000)
    void allowedPathIsAResourcePathOrBelowOneWithSubPaths(
            @ForAll("resourceSets") List<Resource> resources, @ForAll("requestPaths") String rawPath) {
        if (decide(resources, rawPath) instanceof HttpDecision.Allowed allowed) {
            String path = allowed.normalisedPath();
            assertThat(resources).anySatisfy(resource -> {
                assertThat(resource.active()).isTrue();
                assertThat(path.equals(resource.path())
                                || (resource.subPaths() && path.startsWith(subtreePrefix(resource))))
                        .isTrue();
            });
        }
    }

    @Property(tries = 2000)
    void decisionFollowsTheLongestMatchingResource(
            @ForAll("resourceSets") List<Resource> resources, @ForAll("requestPaths") String rawPath) {
        HttpDecision decision = decide(resources, rawPath);
        if (!(PathNormalizer.normalise(rawPath) instanceof PathNormalizer.Valid valid)) {
            assertDenied(decision, Denial.INVALID_PATH);
            return;
        }
        Resource longest = longestMatch(resources, valid.path());
        if (longest == null) {
            assertDenied(decision, Denial.NO_RESOURCE);
        } else if (!longest.active()) {
            assertDenied(decision, Denial.RESOURCE_SUSPENDED);
        } else {
            assertThat(decision).isInstanceOf(HttpDecision.Allowed.class);
        }
    }

    @Property(tries = 2000)
    void meaningPreservingRewritesDoNotChangeTheDecision(
            @ForAll("resourceSets") List<Resource> resources,
            @ForAll("requestPaths") String rawPath,
            @ForAll("rewrites") List<Rewrite> rewrites) {
        String rewritten = rawPath;
        for (Rewrite rewrite : rewrites) {
            rewritten = rewrite.apply(rewritten);
        }
        assertThat(PathNormalizer.normalise(rewritten)).isEqualTo(PathNormalizer.normalise(rawPath));
        assertThat(outcome(decide(resources, rewritten))).isEqualTo(outcome(decide(resources, rawPath)));
    }

    @Provide
    Arbitrary<List<Resource>> resourceSets() {
        Arbitrary<Resource> resource = Combinators.combine(
                        resourcePaths(), Arbitraries.of(true, false), Arbitraries.of(true, true, false))
                .as((path, subPaths, active) -> new Resource(path, subPaths, active, false, ""));
        return resource.list().ofMaxSize(8).uniqueElements(Resource::path);
    }

    @Provide
    Arbitrary<String> requestPaths() {
        Arbitrary<String> segment = Arbitraries.of("a", "b", "c", "ab", "bc", "a.b", ".", "..", "", ";v=1", "~");
        return Arbitraries.oneOf(
                segment.list().ofMaxSize(6).map(segments -> "/" + String.join("/", segments)),
                resourcePaths()
                        .flatMap(prefix -> segment.list()
                                .ofMaxSize(3)
                                .map(tail -> tail.isEmpty() ? prefix : prefix + "/" + String.join("/", tail))));
    }

    @Provide
    Arbitrary<List<Rewrite>> rewrites() {
        Arbitrary<Rewrite> rewrite = Combinators.combine(
                        Arbitraries.of(RewriteKind.values()),
                        Arbitraries.integers().between(0, 1000))
                .as(Rewrite::new);
        return rewrite.list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<String> resourcePaths() {
        return Combinators.combine(Arbitraries.of("a", "b", "ab").list().ofMaxSize(2), Arbitraries.of(false, true))
                .as((segments, trailingSlash) ->
                        segments.isEmpty() ? "/" : "/" + String.join("/", segments) + (trailingSlash ? "/" : ""));
    }

    private static HttpDecision decide(List<Resource> resources, String rawPath) {
        SystemMapping mapping =
                new SystemMapping(HOST, PORT, "10.0.0.5", 8000, Protocol.HTTP, null, null, null, null, resources);
        return AccessControl.of(List.of(mapping)).decideHttp(HOST, PORT, rawPath, false);
    }

    private static @Nullable Resource longestMatch(List<Resource> resources, String path) {
        Resource longest = null;
        for (Resource resource : resources) {
            boolean matches =
                    path.equals(resource.path()) || (resource.subPaths() && path.startsWith(subtreePrefix(resource)));
            if (matches
                    && (longest == null
                            || resource.path().length() > longest.path().length())) {
                longest = resource;
            }
        }
        return longest;
    }

    private static String subtreePrefix(Resource resource) {
        return resource.path().endsWith("/") ? resource.path() : resource.path() + "/";
    }

    private static void assertDenied(HttpDecision decision, Denial denial) {
        assertThat(decision)
                .isInstanceOfSatisfying(
                        HttpDecision.Denied.class,
                        denied -> assertThat(denied.denial()).isEqualTo(denial));
    }

    private static String outcome(HttpDecision decision) {
        return switch (decision) {
            case HttpDecision.Allowed allowed -> "ALLOWED " + allowed.normalisedPath();
            case HttpDecision.Denied denied -> denied.denial().name();
        };
    }

    enum RewriteKind {
        INSERT_DOT_SEGMENT,
        INSERT_DETOUR,
        DOUBLE_SLASH,
        ENCODE_UNRESERVED
    }

    /** A change of a path that keeps its normalised form: applied at the {@code position}-th eligible place. */
    record Rewrite(RewriteKind kind, int position) {

        String apply(String path) {
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                boolean eligible =
                        kind == RewriteKind.ENCODE_UNRESERVED ? isUnreserved(c) && !insideEscape(path, i) : c == '/';
                if (eligible) {
                    places.add(i);
                }
            }
            if (places.isEmpty()) {
                return path;
            }
            int at = places.get(position % places.size());
            return switch (kind) {
                // Inserted before a slash, so never as the last segment, where it would add a trailing slash.
                case INSERT_DOT_SEGMENT -> path.substring(0, at) + "/." + path.substring(at);
                case INSERT_DETOUR -> path.substring(0, at) + "/detour/.." + path.substring(at);
                case DOUBLE_SLASH -> path.substring(0, at) + "/" + path.substring(at);
                case ENCODE_UNRESERVED ->
                    path.substring(0, at) + String.format("%%%02X", (int) path.charAt(at)) + path.substring(at + 1);
            };
        }

        private static boolean isUnreserved(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
        }

        private static boolean insideEscape(String path, int i) {
            return (i >= 1 && path.charAt(i - 1) == '%') || (i >= 2 && path.charAt(i - 2) == '%');
        }
    }
}

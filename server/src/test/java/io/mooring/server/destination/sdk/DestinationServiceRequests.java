package io.mooring.server.destination.sdk;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * A servlet filter in the server under test that records, before any other filter, each request to SAP's
 * Destination API and to the token endpoint: what the SDK really asked for. Counting here is exact, unlike a metric
 * that is recorded after the response has gone out. Bodies are left alone.
 */
final class DestinationServiceRequests implements Filter, Ordered {
    static final String FIND = "/destination-configuration/v1/destinations/";
    private static final String API = "/destination-configuration/";
    private static final String TOKEN = "/oauth/token";

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http
                && (http.getRequestURI().startsWith(API) || http.getRequestURI().equals(TOKEN))) {
            seen.add(new Seen(
                    http.getMethod(), http.getRequestURI(), http.getHeader("X-user-token"), http.getHeader("X-zid")));
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The "find destination" requests for this name. */
    List<Seen> finds(String name) {
        return seen.stream()
                .filter(request -> request.path().equals(FIND + name))
                .toList();
    }

    /** The GET requests on a collection, such as {@code subaccountDestinations}. */
    List<Seen> lists(String collection) {
        return seen.stream()
                .filter(request -> request.method().equals("GET")
                        && request.path().equals("/destination-configuration/v1/" + collection))
                .toList();
    }

    /** The requests to the token endpoint. */
    List<Seen> tokenRequests() {
        return seen.stream().filter(request -> request.path().equals(TOKEN)).toList();
    }

    void clear() {
        seen.clear();
    }

    /** One request: method, path, and the {@code X-user-token} and {@code X-zid} headers it carried. */
    record Seen(
            String method,
            String path,
            @Nullable String userToken,
            @Nullable String zid) {}
}

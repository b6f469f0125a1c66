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
 * A servlet filter in the server under test that records each request to SAP's Destination API as it arrives,
 * before any other filter: what the SDK really asked for. Counting here is exact, unlike a metric recorded after
 * the response has gone out.
 */
final class DestinationServiceRequests implements Filter, Ordered {
    static final String FIND = "/destination-configuration/v1/destinations/";
    private static final String PREFIX = "/destination-configuration/";

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getRequestURI().equals("/oauth/token")) {
            System.err.println("EXPERIMENT token request grant=" + http.getParameter("grant_type") + " X-zid="
                    + http.getHeader("X-zid") + " client=" + http.getParameter("client_id") + " auth="
                    + (http.getHeader("Authorization") != null));
        }
        if (request instanceof HttpServletRequest http && http.getRequestURI().startsWith(PREFIX)) {
            System.err.println("EXPERIMENT " + http.getMethod() + " " + http.getRequestURI() + " x-user-token="
                    + (http.getHeader("X-user-token") != null) + " authz="
                    + String.valueOf(http.getHeader("Authorization")).substring(0, 30));
            seen.add(new Seen(
                    http.getMethod(), http.getRequestURI(), http.getQueryString(), http.getHeader("X-user-token")));
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

    /** One request: method, path, query, and the user token it forwarded in {@code X-user-token}. */
    record Seen(
            String method,
            String path,
            @Nullable String query,
            @Nullable String userToken) {}
}

package io.mooring.connector.access;

import static java.util.Objects.requireNonNull;

/** Whether the connector forwards an HTTP request, and where. */
public sealed interface HttpDecision permits HttpDecision.Allowed, HttpDecision.Denied {

    /**
     * The request may go to the mapping's back end.
     *
     * @param normalisedPath the request's path in {@linkplain PathNormalizer canonical form}, without query: the path
     *     to forward, with the request's original query appended
     */
    record Allowed(SystemMapping mapping, String normalisedPath) implements HttpDecision {
        public Allowed {
            requireNonNull(mapping, "mapping");
            requireNonNull(normalisedPath, "normalisedPath");
        }
    }

    /** The request is refused; {@code message} says why, for the caller and the audit log. */
    record Denied(Denial denial, String message) implements HttpDecision {
        public Denied {
            requireNonNull(denial, "denial");
            requireNonNull(message, "message");
        }
    }
}

package io.mooring.connector.access;

import static java.util.Objects.requireNonNull;

/** Whether the connector opens a raw TCP stream to a back end, and to which. */
public sealed interface TcpDecision permits TcpDecision.Allowed, TcpDecision.Denied {

    /** The stream may go to the mapping's back end. */
    record Allowed(SystemMapping mapping) implements TcpDecision {
        public Allowed {
            requireNonNull(mapping, "mapping");
        }
    }

    /** The stream is refused; {@code message} says why, for the caller and the audit log. */
    record Denied(Denial denial, String message) implements TcpDecision {
        public Denied {
            requireNonNull(denial, "denial");
            requireNonNull(message, "message");
        }
    }
}

package io.mooring.connector.admin;

import java.util.Map;

/** What the admin API asks of the rest of the connector beyond its configuration. */
public interface AdminActions {

    /** Paired or not, subaccount, location, tunnel state, session, certificate expiry: a JSON object. */
    Map<String, Object> status();

    /**
     * Pairs the connector with Mooring; may take a while, and runs off the admin API's event loop.
     *
     * @param mooringUrl the base URL of Mooring
     * @param token the one-time pairing token of the connector's registration
     * @throws Refused when pairing is not possible, such as when the connector is paired already (409)
     */
    void pair(String mooringUrl, String token);

    /**
     * The PEM of the principal CA that back ends trust for principal propagation.
     *
     * @throws Refused when there is none to give
     */
    String principalCaPem();

    /** An action refused with an HTTP status and a detail that tells the administrator what to do. */
    final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String detail) {
            super(detail);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("A refusal's status is 4xx or 5xx, was " + status);
            }
            this.status = status;
        }

        public int status() {
            return status;
        }

        public String detail() {
            return getMessage();
        }
    }
}

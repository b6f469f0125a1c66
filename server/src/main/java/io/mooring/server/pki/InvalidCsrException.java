package io.mooring.server.pki;

import java.io.Serial;

/** A certificate signing request that Mooring will not sign; the message tells the user what to change. */
public final class InvalidCsrException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    InvalidCsrException(String message) {
        super(message);
    }

    InvalidCsrException(String message, Throwable cause) {
        super(message, cause);
    }
}

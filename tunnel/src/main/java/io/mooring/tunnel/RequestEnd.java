package io.mooring.tunnel;

/** The end of a request's body, or of a request without one, as {@link RequestDecoder} passes it up. */
public enum RequestEnd {
    INSTANCE
}

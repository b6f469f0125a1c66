package io.mooring.connector.config;

import org.jspecify.annotations.Nullable;

/** The configuration file cannot be read or is not a valid configuration; the message names the file. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}

package io.mooring.connector.config;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.access.AccessControl;
import io.mooring.connector.json.Json;
import io.mooring.connector.json.JsonProblem;
import io.mooring.connector.json.JsonValue;
import io.mooring.connector.json.UnknownFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The connector's configuration, kept in {@code connector.json} in its data folder and in memory.
 *
 * <p>Every change goes through {@link #update}, which validates the new configuration, writes it atomically and
 * owner-only, and only then makes it current and tells the listeners. Readers get immutable snapshots, so a request
 * is decided on one configuration from start to end. Unknown fields in the file are ignored, so a file written by a
 * newer connector still loads.
 */
public final class ConfigurationStore {
    /** The name of the configuration file in the data folder. */
    public static final String FILE_NAME = "connector.json";

    private static final Logger LOG = System.getLogger(ConfigurationStore.class.getName());

    private final Path file;
    private final List<Consumer<ConnectorConfiguration>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    private ConfigurationStore(Path file, Snapshot snapshot) {
        this.file = file;
        this.snapshot = snapshot;
    }

    /**
     * Opens the configuration in the data folder; creates the folder (owner-only) and a default configuration when
     * they are missing.
     *
     * @throws ConfigurationException when the file cannot be read or is not a valid configuration
     * @throws UncheckedIOException when the folder or the default file cannot be created
     */
    public static ConfigurationStore open(Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        Path file = dataDir.resolve(FILE_NAME);
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            OwnerOnlyFiles.removeLeftovers(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the connector's data folder " + dataDir, e);
        }
        ConnectorConfiguration configuration = read(file);
        if (configuration == null) {
            configuration = ConnectorConfiguration.defaults();
            write(file, configuration);
            LOG.log(Level.INFO, "Created the connector configuration {0}", file);
        }
        try {
            return new ConfigurationStore(
                    file, new Snapshot(configuration, AccessControl.of(configuration.mappings())));
        } catch (IllegalArgumentException e) {
            throw invalidFile(file, e.getMessage(), e);
        }
    }

    /** The configuration in force. */
    public ConnectorConfiguration current() {
        return snapshot.configuration();
    }

    /** The access control compiled from the configuration in force. */
    public AccessControl accessControl() {
        return snapshot.accessControl();
    }

    /** The file the configuration is kept in. */
    public Path file() {
        return file;
    }

    /**
     * Applies a change: validates its result, writes it, makes it current and tells the listeners, on this thread
     * and in the order of the changes. When the change throws or its result is invalid, nothing is written and the
     * configuration in force stays.
     *
     * @return the new configuration
     * @throws IllegalArgumentException when the result is invalid, such as two mappings for one virtual host and
     *     port
     * @throws UncheckedIOException when the file cannot be written; the configuration in force stays
     */
    public synchronized ConnectorConfiguration update(UnaryOperator<ConnectorConfiguration> change) {
        ConnectorConfiguration next = change.apply(snapshot.configuration());
        requireNonNull(next, "the configuration change returned null");
        AccessControl accessControl = AccessControl.of(next.mappings());
        write(file, next);
        snapshot = new Snapshot(next, accessControl);
        for (Consumer<ConnectorConfiguration> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A listener failed on a configuration change", e);
            }
        }
        return next;
    }

    /** Registers a listener for configuration changes; it must be quick, as it runs inside {@link #update}. */
    public void addListener(Consumer<ConnectorConfiguration> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    private static @Nullable ConnectorConfiguration read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the connector configuration " + file + ": " + e, e);
        }
        try {
            JsonValue json = Json.read(content, UnknownFields.IGNORE);
            if (json.isNull()) {
                throw invalidFile(file, "the file holds no JSON object", null);
            }
            return ConnectorConfiguration.fromJson(json);
        } catch (JsonProblem | IllegalArgumentException e) {
            throw invalidFile(file, String.valueOf(e.getMessage()), e);
        }
    }

    private static void write(Path file, ConnectorConfiguration configuration) {
        try {
            OwnerOnlyFiles.writeAtomically(file, Json.indented(configuration));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the connector configuration " + file, e);
        }
    }

    private static ConfigurationException invalidFile(Path file, String problem, @Nullable Throwable cause) {
        String sentence = problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
        return new ConfigurationException(
                "The connector configuration " + file + " is not valid: " + sentence
                        + ". Correct the file, or move it away to start with an empty configuration.",
                cause);
    }

    private record Snapshot(ConnectorConfiguration configuration, AccessControl accessControl) {}
}

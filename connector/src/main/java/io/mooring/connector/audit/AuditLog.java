package io.mooring.connector.audit;

import static java.util.Objects.requireNonNull;

import io.mooring.connector.access.Denial;
import io.mooring.connector.config.AuditLevel;
import io.mooring.connector.config.OwnerOnlyFiles;
import io.mooring.connector.json.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The audit log: what the connector let through or refused, and who changed its configuration, as one JSON object a
 * line in {@code audit.log} (owner-only), with the newest {@value #RECENT_CAPACITY} entries kept in memory for the
 * admin API.
 *
 * <p>At {@link AuditLevel#SECURITY} it records denied requests and configuration changes, at {@link AuditLevel#ALL}
 * also allowed requests, at {@link AuditLevel#OFF} nothing; the level is read at each entry, so a change applies at
 * once. Entries go through a 64 KiB buffer that a daemon thread flushes every second, so logging every request stays
 * cheap; {@link #close()} flushes what is left. Past {@value #ROTATE_BYTES} bytes the file moves to
 * {@code audit.log.1}, replacing the one before. A request's query is not recorded: it may carry secrets.
 */
public final class AuditLog implements AutoCloseable {
    /** The name of the audit log in the data folder. */
    public static final String FILE_NAME = "audit.log";

    public static final int RECENT_CAPACITY = 1000;

    static final long ROTATE_BYTES = 10L * 1024 * 1024;

    private static final Logger LOG = System.getLogger(AuditLog.class.getName());
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int MAX_PATH_LENGTH = 2048;
    private static final int MAX_FIELD_LENGTH = 256;

    private final Path file;
    private final Path rotated;
    private final Supplier<AuditLevel> level;
    private final Clock clock;
    private final long rotateBytes;
    private final ScheduledExecutorService flusher;
    private final Object lock = new Object();
    private final ArrayDeque<Map<String, Object>> recent = new ArrayDeque<>(RECENT_CAPACITY);
    private @Nullable OutputStream out;
    private long size;
    private boolean failing;
    private boolean closed;

    /**
     * Opens (or creates) the audit log and starts its flusher.
     *
     * @param level the level in force, read at every entry
     * @throws UncheckedIOException when the file cannot be opened
     */
    public AuditLog(Path file, Supplier<AuditLevel> level) {
        this(file, level, Clock.systemUTC(), ROTATE_BYTES);
    }

    public AuditLog(Path file, Supplier<AuditLevel> level, Clock clock) {
        this(file, level, clock, ROTATE_BYTES);
    }

    AuditLog(Path file, Supplier<AuditLevel> level, Clock clock, long rotateBytes) {
        this.file = requireNonNull(file, "file");
        this.rotated = file.resolveSibling(file.getFileName() + ".1");
        this.level = requireNonNull(level, "level");
        this.clock = requireNonNull(clock, "clock");
        this.rotateBytes = rotateBytes;
        try {
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit log " + file, e);
        }
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mooring-audit-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    /** Records a refused request, unless the level is {@link AuditLevel#OFF}. */
    public void denied(
            String virtualHost,
            int port,
            String method,
            String rawPath,
            @Nullable String principal,
            Denial denial,
            String message) {
        if (level.get() == AuditLevel.OFF) {
            return;
        }
        Map<String, Object> entry = request("REQUEST_DENIED", virtualHost, port, method, rawPath, principal);
        entry.put("denial", denial.name());
        entry.put("message", message);
        append(entry);
    }

    /** Records a forwarded request, at level {@link AuditLevel#ALL} only. */
    public void allowed(String virtualHost, int port, String method, String rawPath, @Nullable String principal) {
        if (level.get() != AuditLevel.ALL) {
            return;
        }
        append(request("REQUEST_ALLOWED", virtualHost, port, method, rawPath, principal));
    }

    /** Records a change of the configuration, described for an administrator, unless the level is {@code OFF}. */
    public void configurationChanged(String what) {
        if (level.get() == AuditLevel.OFF) {
            return;
        }
        Map<String, Object> entry = entry("CONFIGURATION_CHANGED");
        entry.put("change", what);
        append(entry);
    }

    /** The newest entries, newest first; at most {@code limit} and at most {@value #RECENT_CAPACITY}. */
    public List<Map<String, Object>> recent(int limit) {
        synchronized (lock) {
            int count = Math.max(0, Math.min(limit, recent.size()));
            List<Map<String, Object>> newest = new ArrayList<>(count);
            var iterator = recent.iterator();
            while (newest.size() < count) {
                newest.add(iterator.next());
            }
            return Collections.unmodifiableList(newest);
        }
    }

    /** Writes the buffered entries to the file. */
    public void flush() {
        synchronized (lock) {
            if (out == null) {
                return;
            }
            try {
                out.flush();
            } catch (IOException e) {
                failed("Cannot write the audit log " + file, e);
            }
        }
    }

    /** Flushes and closes the file; entries recorded afterwards are kept in memory only. */
    @Override
    public void close() {
        flusher.shutdownNow();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closeFile();
        }
    }

    private Map<String, Object> request(
            String event, String virtualHost, int port, String method, String rawPath, @Nullable String principal) {
        Map<String, Object> entry = entry(event);
        entry.put("virtualHost", truncate(virtualHost, MAX_FIELD_LENGTH));
        entry.put("virtualPort", port);
        entry.put("method", truncate(method, MAX_FIELD_LENGTH));
        entry.put("path", truncate(withoutQuery(rawPath), MAX_PATH_LENGTH));
        if (principal != null) {
            entry.put("principal", truncate(principal, MAX_FIELD_LENGTH));
        }
        return entry;
    }

    private Map<String, Object> entry(String event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("timestamp", clock.instant().toString());
        entry.put("event", event);
        return entry;
    }

    private void append(Map<String, Object> entry) {
        Map<String, Object> frozen = Collections.unmodifiableMap(entry);
        byte[] line = Json.compact(frozen);
        synchronized (lock) {
            recent.addFirst(frozen);
            if (recent.size() > RECENT_CAPACITY) {
                recent.removeLast();
            }
            if (!closed) {
                write(line);
            }
        }
    }

    private void write(byte[] line) {
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + line.length + 1 > rotateBytes) {
                rotate();
            }
            out.write(line);
            out.write('\n');
            size += line.length + 1;
            failing = false;
        } catch (IOException e) {
            failed("Cannot write the audit log " + file, e);
            closeFile();
        }
    }

    private void rotate() throws IOException {
        closeFile();
        try {
            Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // Appending to the long file beats losing entries; the next write tries again.
            failed("Cannot move the audit log " + file + " to " + rotated, e);
        }
        open();
    }

    private void open() throws IOException {
        var channel = OwnerOnlyFiles.openForAppend(file);
        size = channel.size();
        out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    private void closeFile() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            failed("Cannot close the audit log " + file, e);
        } finally {
            out = null;
        }
    }

    /** Logs the first failure of a run of failures only, so that a full disk does not flood the log. */
    private void failed(String what, IOException e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.ERROR, what, e);
        }
    }

    private static String withoutQuery(String rawPath) {
        int query = rawPath.indexOf('?');
        return query < 0 ? rawPath : rawPath.substring(0, query);
    }

    private static String truncate(String value, int maxLength) {
        return value.length() <= maxLength ? value : value.substring(0, maxLength) + "...";
    }
}

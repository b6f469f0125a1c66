package io.mooring.connector.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.connector.access.Denial;
import io.mooring.connector.config.AuditLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class AuditLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:15:30Z"), ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    private final AtomicReference<AuditLevel> level = new AtomicReference<>(AuditLevel.SECURITY);

    @Test
    void securityRecordsDenialsAndChangesButNotAllowedRequests() throws IOException {
        try (AuditLog audit = open()) {
            audit.allowed("erp.internal", 44300, "GET", "/sap/opu/odata", null);
            audit.denied("erp.internal", 44300, "GET", "/admin", "alice", Denial.NO_RESOURCE, "No resource.");
            audit.configurationChanged("System mapping erp.internal:44300 created");
        }

        assertThat(lines())
                .containsExactly(
                        Map.of(
                                "timestamp", "2026-05-01T10:15:30Z",
                                "event", "REQUEST_DENIED",
                                "virtualHost", "erp.internal",
                                "virtualPort", 44300,
                                "method", "GET",
                                "path", "/admin",
                                "principal", "alice",
                                "denial", "NO_RESOURCE",
                                "message", "No resource."),
                        Map.of(
                                "timestamp", "2026-05-01T10:15:30Z",
                                "event", "CONFIGURATION_CHANGED",
                                "change", "System mapping erp.internal:44300 created"));
    }

    @Test
    void allRecordsAllowedRequestsToo() throws IOException {
        level.set(AuditLevel.ALL);
        try (AuditLog audit = open()) {
            audit.allowed("erp.internal", 44300, "POST", "/sap/opu/odata", null);
        }

        assertThat(lines())
                .singleElement()
                .satisfies(entry -> assertThat(entry)
                        .containsEntry("event", "REQUEST_ALLOWED")
                        .containsEntry("method", "POST")
                        .doesNotContainKey("principal"));
    }

    @Test
    void offRecordsNothing() throws IOException {
        level.set(AuditLevel.OFF);
        try (AuditLog audit = open()) {
            audit.allowed("erp.internal", 44300, "GET", "/", null);
            audit.denied("erp.internal", 44300, "GET", "/", null, Denial.NO_MAPPING, "No mapping.");
            audit.configurationChanged("anything");
            assertThat(audit.recent(10)).isEmpty();
        }

        assertThat(lines()).isEmpty();
    }

    @Test
    void levelIsReadAtEveryEntry() throws IOException {
        try (AuditLog audit = open()) {
            audit.allowed("erp.internal", 44300, "GET", "/one", null);
            level.set(AuditLevel.ALL);
            audit.allowed("erp.internal", 44300, "GET", "/two", null);
        }

        assertThat(lines()).extracting(entry -> entry.get("path")).containsExactly("/two");
    }

    @Test
    void queryIsNotRecorded() throws IOException {
        try (AuditLog audit = open()) {
            audit.denied("erp.internal", 44300, "GET", "/a/%2e%2e/b?password=secret", null, Denial.INVALID_PATH, "x");
        }

        assertThat(lines()).singleElement().satisfies(entry -> assertThat(entry).containsEntry("path", "/a/%2e%2e/b"));
    }

    @Test
    void recentIsNewestFirstAndBoundedToTheLastThousand() {
        try (AuditLog audit = open()) {
            for (int i = 0; i < AuditLog.RECENT_CAPACITY + 5; i++) {
                audit.configurationChanged("change " + i);
            }

            assertThat(audit.recent(3))
                    .extracting(entry -> entry.get("change"))
                    .containsExactly("change 1004", "change 1003", "change 1002");
            assertThat(audit.recent(5000)).hasSize(AuditLog.RECENT_CAPACITY);
            assertThat(audit.recent(5000).getLast()).containsEntry("change", "change 5");
            assertThat(audit.recent(0)).isEmpty();
        }
    }

    @Test
    void closeWritesEveryEntryFromEveryThread() throws Exception {
        level.set(AuditLevel.ALL);
        int threads = 4;
        int perThread = 2000;
        try (AuditLog audit = open()) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int writer = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        audit.allowed("erp.internal", 44300, "GET", "/" + writer + "/" + i, null);
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
        }

        assertThat(lines()).hasSize(threads * perThread);
    }

    @Test
    void fileIsOwnerOnly() throws IOException {
        try (AuditLog audit = open()) {
            audit.configurationChanged("x");
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("audit.log"))))
                .isEqualTo("rw-------");
    }

    @Test
    void appendsToTheFileOfAnEarlierRun() throws IOException {
        try (AuditLog audit = open()) {
            audit.configurationChanged("first run");
        }
        try (AuditLog audit = open()) {
            audit.configurationChanged("second run");
        }

        assertThat(lines()).extracting(entry -> entry.get("change")).containsExactly("first run", "second run");
    }

    @Test
    void rotatesToDotOneBeyondTheLimit() throws IOException {
        Path file = temp.resolve("audit.log");
        try (AuditLog audit = new AuditLog(file, level::get, CLOCK, 1000)) {
            for (int i = 0; i < 30; i++) {
                audit.configurationChanged("change " + i);
            }
        }

        Path rotated = temp.resolve("audit.log.1");
        assertThat(rotated).exists();
        assertThat(Files.size(file)).isLessThanOrEqualTo(1000);
        assertThat(Files.size(rotated)).isLessThanOrEqualTo(1000);
        List<String> newest = Files.readAllLines(file, UTF_8);
        assertThat(newest.getLast()).contains("change 29");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void entriesAfterCloseStayInMemoryOnly() throws IOException {
        AuditLog audit = open();
        audit.close();
        audit.configurationChanged("late");
        audit.close();

        assertThat(audit.recent(1))
                .singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("change", "late"));
        assertThat(lines()).isEmpty();
    }

    @Test
    void longFieldsAreTruncated() throws IOException {
        try (AuditLog audit = open()) {
            audit.denied("erp", 1, "GET", "/" + "a".repeat(10_000), null, Denial.NO_RESOURCE, "x");
        }

        assertThat(lines())
                .singleElement()
                .satisfies(entry -> assertThat((String) entry.get("path")).hasSizeLessThan(2100));
    }

    private AuditLog open() {
        return new AuditLog(temp.resolve("audit.log"), level::get, CLOCK);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lines() throws IOException {
        Path file = temp.resolve("audit.log");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file, UTF_8).stream()
                .map(line -> (Map<String, Object>) JSON.readValue(line, Map.class))
                .toList();
    }
}

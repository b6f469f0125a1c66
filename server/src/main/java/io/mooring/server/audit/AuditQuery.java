package io.mooring.server.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Filters of an audit log query; null means "any". */
public record AuditQuery(
        @Nullable String action,
        AuditEvent.@Nullable Outcome outcome,
        @Nullable String targetId,
        @Nullable Instant since) {}

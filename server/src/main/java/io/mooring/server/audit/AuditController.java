package io.mooring.server.audit;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the audit log of the caller's global account, newest first. */
@RestController
@RequestMapping("/api/v1/audit-events")
@RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
class AuditController {
    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = requireNonNull(auditLog, "auditLog");
    }

    @GetMapping
    Page<AuditEvent> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) AuditEvent.@Nullable Outcome outcome,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable Instant since,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return auditLog.find(
                caller, new AuditQuery(action, outcome, targetId, since), PageRequest.of(limit, cursor, 1));
    }
}

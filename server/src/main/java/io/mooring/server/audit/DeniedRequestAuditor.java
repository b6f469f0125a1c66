package io.mooring.server.audit;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.DeniedRequestListener;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Writes every refused request to the audit log, under the caller's global account when it is known. */
@Component
final class DeniedRequestAuditor implements DeniedRequestListener {
    private final AuditLog auditLog;

    DeniedRequestAuditor(AuditLog auditLog) {
        this.auditLog = requireNonNull(auditLog, "auditLog");
    }

    @Override
    public void denied(HttpServletRequest request, Optional<Caller> caller, String reason) {
        String action = "request.denied";
        String detail = request.getMethod() + " " + request.getRequestURI() + ": " + reason;
        auditLog.denied(
                caller.map(Caller::globalAccountId).orElse(null),
                caller.map(AuditLog::describe).orElse("anonymous"),
                action,
                detail);
    }
}

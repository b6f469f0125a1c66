package io.mooring.connector.forward;

import io.mooring.connector.access.AccessControl;
import io.mooring.connector.audit.AuditLog;
import io.mooring.connector.principal.PrincipalCertificates;
import java.util.function.Supplier;

/** What every forwarded stream needs: the current access control, the audit log, back-end connections. */
public record Forwarding(
        Supplier<AccessControl> accessControl,
        AuditLog audit,
        BackendPool backends,
        PrincipalCertificates principals) {}

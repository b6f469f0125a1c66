package io.mooring.server.audit;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.web.Page;
import io.mooring.server.platform.web.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records audit events. A change is recorded inside the transaction that makes it, so the log holds exactly
 * the changes that were committed.
 */
@Service
public class AuditLog {
    private final AuditStore store;
    private final IdGenerator ids;
    private final Clock clock;

    AuditLog(AuditStore store, IdGenerator ids, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Records a successful change made by a caller; must run in the transaction of the change. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changed(Caller caller, String action, String targetType, Object targetId, @Nullable String detail) {
        record(
                caller.globalAccountId(),
                describe(caller),
                action,
                targetType,
                targetId,
                AuditEvent.Outcome.SUCCESS,
                detail);
    }

    /** Records a change or an outcome made by an actor that is not a caller (a pairing system, the bootstrap). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recorded(
            UUID globalAccountId,
            String actor,
            String action,
            String targetType,
            Object targetId,
            AuditEvent.Outcome outcome,
            @Nullable String detail) {
        record(globalAccountId, actor, action, targetType, targetId, outcome, detail);
    }

    /** Records a refused request in a transaction of its own, since the request itself changes nothing. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void denied(@Nullable UUID globalAccountId, String actor, String action, @Nullable String detail) {
        record(globalAccountId, actor, action, null, null, AuditEvent.Outcome.DENIED, detail);
    }

    /** A page of the caller's global account's audit log, newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEvent> find(Caller caller, AuditQuery query, PageRequest page) {
        List<AuditEvent> events = store.find(caller.globalAccountId(), query, page);
        return page.page(events, event -> List.of(event.id().toString()));
    }

    public static String describe(Caller caller) {
        return caller.type().claimValue() + ":" + caller.name();
    }

    private void record(
            @Nullable UUID globalAccountId,
            String actor,
            String action,
            @Nullable String targetType,
            @Nullable Object targetId,
            AuditEvent.Outcome outcome,
            @Nullable String detail) {
        store.insert(new AuditEvent(
                ids.newId(),
                globalAccountId,
                clock.instant(),
                actor,
                action,
                targetType,
                targetId == null ? null : targetId.toString(),
                outcome,
                detail == null ? null : truncate(detail),
                clientAddress()));
    }

    private static String truncate(String detail) {
        return detail.length() <= 4000 ? detail : detail.substring(0, 3997) + "...";
    }

    private static @Nullable String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}

package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.system.LandscapeSystem;
import io.mooring.server.platform.id.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the notifications a change causes, in the change's transaction: one per recipient that gave Mooring a
 * notification endpoint when it paired. Systems without one have nothing to be told and count as answered.
 */
@Component
class NotificationOutbox {
    private final FormationStore store;
    private final IdGenerator ids;
    private final JsonMapper json;
    private final OutboxSignal signal;

    NotificationOutbox(FormationStore store, IdGenerator ids, JsonMapper json, OutboxSignal signal) {
        this.store = requireNonNull(store, "store");
        this.ids = requireNonNull(ids, "ids");
        this.json = requireNonNull(json, "json");
        this.signal = requireNonNull(signal, "signal");
    }

    /**
     * Writes the notifications of one system joining or leaving a formation and returns how many there are.
     *
     * @param subject the system that joins or leaves
     * @param recipients who to tell
     * @param participants the formation's systems after the change
     */
    int write(
            Formation formation,
            FormationType type,
            Assignment assignment,
            LandscapeSystem subject,
            NotificationOperation operation,
            List<LandscapeSystem> recipients,
            List<LandscapeSystem> participants,
            Instant now) {
        List<Notification> notifications = new ArrayList<>();
        for (LandscapeSystem recipient : recipients) {
            String url = recipient.notificationUrl();
            if (url == null) {
                continue;
            }
            UUID id = ids.newId();
            Payload payload = new Payload(
                    id,
                    operation == NotificationOperation.ASSIGN ? "assign" : "unassign",
                    new FormationReference(formation.id(), formation.name(), type.code()),
                    SystemReference.of(subject),
                    SystemReference.of(recipient),
                    participants.stream().map(SystemReference::of).toList(),
                    recipient.id().equals(subject.id()) ? scenarios(type, subject, operation) : null,
                    now);
            notifications.add(new Notification(
                    id,
                    assignment.id(),
                    formation.id(),
                    formation.globalAccountId(),
                    recipient.id(),
                    url,
                    operation,
                    json.writeValueAsString(payload),
                    NotificationStatus.PENDING,
                    0,
                    now,
                    null,
                    now,
                    now));
        }
        store.insert(notifications);
        if (!notifications.isEmpty()) {
            signal.afterCommit();
        }
        return notifications.size();
    }

    /** Wakes the worker once the current transaction commits, for notifications made due again. */
    void afterCommitSignal() {
        signal.afterCommit();
    }

    private static @Nullable ScenarioChange scenarios(
            FormationType type, LandscapeSystem subject, NotificationOperation operation) {
        List<String> scenarios = type.scenariosFor(subject.type());
        if (scenarios.isEmpty()) {
            return null;
        }
        return operation == NotificationOperation.ASSIGN
                ? new ScenarioChange(scenarios, List.of())
                : new ScenarioChange(List.of(), scenarios);
    }

    /**
     * The body a participant receives. Delivery adds {@code statusUrl} and {@code statusToken}, with which the
     * participant may report its status later instead of answering at once.
     *
     * @param system the system that joined or left
     * @param participants the formation's systems after the change
     * @param communicationScenarios what the recipient is to enable or disable, when it is the system that joined
     *     or left and the formation type has such an effect for its type
     */
    record Payload(
            UUID notificationId,
            String operation,
            FormationReference formation,
            SystemReference system,
            SystemReference recipient,
            List<SystemReference> participants,
            @Nullable ScenarioChange communicationScenarios,
            Instant occurredAt) {}

    record FormationReference(UUID id, String name, String type) {}

    record SystemReference(
            UUID id,
            String name,
            String type,
            @Nullable String systemNumber,
            @Nullable String baseUrl) {
        static SystemReference of(LandscapeSystem system) {
            return new SystemReference(
                    system.id(), system.name(), system.type(), system.systemNumber(), system.baseUrl());
        }
    }

    record ScenarioChange(List<String> enable, List<String> disable) {}
}

package io.mooring.server.landscape.formation;

import static java.util.Objects.requireNonNull;

import io.mooring.server.landscape.formation.FormationViews.NotificationView;
import io.mooring.server.platform.security.PublicEndpoint;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where participants report the status of a notification they accepted with 202: {@code READY}, {@code
 * CONFIG_PENDING} or {@code ERROR}, authenticated by the token that came with the notification.
 */
@RestController
class NotificationStatusController {
    static final String TOKEN_HEADER = "Mooring-Status-Token";

    private final NotificationOutcomes outcomes;

    NotificationStatusController(NotificationOutcomes outcomes) {
        this.outcomes = requireNonNull(outcomes, "outcomes");
    }

    @PutMapping("/api/v1/formation-notifications/{id}/status")
    @PublicEndpoint("participants authenticate with the status token of the notification, not an access token")
    NotificationView report(
            @PathVariable UUID id,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String token,
            @RequestBody FormationRequests.StatusReport report) {
        return outcomes.report(id, token, report);
    }
}

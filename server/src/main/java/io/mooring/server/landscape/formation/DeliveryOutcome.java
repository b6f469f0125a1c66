package io.mooring.server.landscape.formation;

import org.jspecify.annotations.Nullable;

/** What one delivery attempt of a notification came to. */
sealed interface DeliveryOutcome {
    /** The participant answered: done, accepted to report later, or failed on its side. */
    record Answered(NotificationStatus status, @Nullable String error) implements DeliveryOutcome {}

    /** The participant refused the notification for good (a client error); trying again would not help. */
    record Refused(String error) implements DeliveryOutcome {}

    /** The participant could not be reached or had a passing failure; worth another attempt. */
    record Unreachable(String error) implements DeliveryOutcome {}
}

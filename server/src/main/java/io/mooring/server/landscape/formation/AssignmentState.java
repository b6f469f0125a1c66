package io.mooring.server.landscape.formation;

/**
 * Where a system's assignment to a formation stands. Joining: {@code INITIAL} (notifications not yet answered),
 * {@code CONFIG_PENDING} (a participant accepted and will report later), {@code READY}, or {@code CREATE_ERROR}.
 * Leaving: {@code DELETING}, then gone, or {@code DELETE_ERROR}. Resynchronising retries from either error.
 */
public enum AssignmentState {
    INITIAL,
    CONFIG_PENDING,
    READY,
    CREATE_ERROR,
    DELETING,
    DELETE_ERROR;

    /** Whether the system is on its way out of the formation (it still counts as a member until it is gone). */
    boolean leaving() {
        return this == DELETING || this == DELETE_ERROR;
    }

    boolean failed() {
        return this == CREATE_ERROR || this == DELETE_ERROR;
    }

    /** The notifications that decide this state: those of the join, or those of the leave. */
    NotificationOperation phase() {
        return leaving() ? NotificationOperation.UNASSIGN : NotificationOperation.ASSIGN;
    }
}

package io.mooring.server.landscape.formation;

/**
 * Where one notification stands: waiting to be delivered (again), delivered and waiting for the recipient to report
 * its status, answered, or failed for good (a refusal, or every attempt used up).
 */
public enum NotificationStatus {
    PENDING,
    AWAITING_STATUS,
    DONE,
    FAILED
}

package io.mooring.server.landscape.formation;

/**
 * Where one notification stands: waiting to be delivered (again), being delivered (claimed by a worker until its
 * lease runs out), delivered and waiting for the recipient to report its status, answered, or failed for good (a
 * refusal, or every attempt used up).
 */
public enum NotificationStatus {
    PENDING,
    DELIVERING,
    AWAITING_STATUS,
    DONE,
    FAILED
}

package io.mooring.server.landscape.formation;

/** What a notification tells its recipient: a system joined a formation, or left it. */
public enum NotificationOperation {
    ASSIGN,
    UNASSIGN
}

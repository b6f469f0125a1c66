package io.mooring.server.landscape.formation.rule;

/** The changes of a formation that rules are evaluated before. */
public enum Operation {
    CREATE,
    ASSIGN,
    UNASSIGN,
    DELETE
}

package io.mooring.server.landscape.system;

/**
 * Where a system stands in its registration: {@code PENDING → REGISTERED | ERROR}, and
 * {@code PENDING | REGISTERED → DEREGISTERING → (gone) | DEREGISTER_ERROR}.
 */
public enum SystemStatus {
    /** Registered in Mooring; the system has not yet redeemed an integration token. */
    PENDING,
    /** Paired: the system redeemed its token and holds credentials. */
    REGISTERED,
    /** Pairing failed; the reason says why. */
    ERROR,
    /** Being removed. */
    DEREGISTERING,
    /** Removal failed; the reason says why. */
    DEREGISTER_ERROR;

    /** Whether a new integration token may be handed out: only before pairing. */
    public boolean issuesTokens() {
        return this == PENDING;
    }

    /** Whether the system may be deregistered from this status (SAP refuses in the error and removal states). */
    public boolean allowsDeregistration() {
        return this == PENDING || this == REGISTERED;
    }

    /** Whether the system may join formations and be entitled: not in error, not on its way out. */
    public boolean allowsGrouping() {
        return this == PENDING || this == REGISTERED;
    }

    /** Whether the system may redeem a token and pair from this status. */
    public boolean allowsPairing() {
        return this == PENDING;
    }
}

package io.mooring.server.platform.crypto;

/**
 * Stored values sealed by {@link SecretBox}, which a module can seal again with the primary key after a key
 * rotation, so that an old key can be retired once nothing uses it.
 */
public interface SealedRecords {
    /** What the records are, for reports, e.g. "destinations". */
    String kind();

    /**
     * Seals again with the primary key every value an older key sealed, a batch per transaction; a value changed
     * meanwhile is left as its writer sealed it (with the primary key). A value no key of the keyring opens is
     * left as it is and counted: it was sealed with a keyset this server does not have.
     */
    Outcome resealWithPrimaryKey();

    /** How many values were sealed again, and how many no key could open. */
    record Outcome(int resealed, int unreadable) {}
}

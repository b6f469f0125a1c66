package io.mooring.server.landscape.formation;

import java.time.Instant;
import java.util.UUID;

/** A group of systems of one global account under a formation type, as stored. */
public record Formation(
        UUID id,
        UUID globalAccountId,
        String name,
        String type,
        Lifecycle lifecycle,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    Formation renamed(String newName, Instant now) {
        return new Formation(id, globalAccountId, newName, type, lifecycle, createdAt, now, version + 1);
    }

    Formation deleting(Instant now) {
        return new Formation(id, globalAccountId, name, type, Lifecycle.DELETING, createdAt, now, version + 1);
    }

    /** A formation is deleted once its last member has left; until then it is Deleting and takes no one new. */
    public enum Lifecycle {
        ACTIVE,
        DELETING
    }
}

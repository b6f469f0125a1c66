package io.mooring.server.account;

import static io.mooring.server.db.Tables.OAUTH_CLIENTS;
import static io.mooring.server.db.Tables.OAUTH_CLIENT_ROLE_COLLECTIONS;
import static io.mooring.server.db.Tables.USERS;
import static io.mooring.server.db.Tables.USER_ROLE_COLLECTIONS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.OauthClientsRecord;
import io.mooring.server.db.tables.records.UsersRecord;
import io.mooring.server.platform.security.Role;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for users, OAuth clients and the role collections they hold. */
@Repository
class IdentityStore {
    private final DSLContext db;

    IdentityStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insertUser(StoredUser user) {
        UsersRecord record = db.newRecord(USERS);
        record.setId(user.id());
        record.setGlobalAccountId(user.globalAccountId());
        record.setUsername(user.username());
        record.setPasswordHash(user.passwordHash());
        record.setCreatedAt(user.createdAt());
        record.insert();
        replaceUserRoles(user.id(), user.roles());
    }

    boolean usernameTaken(String username) {
        return db.fetchExists(USERS, USERS.USERNAME.eq(username));
    }

    Optional<StoredUser> userByName(String username) {
        return db.selectFrom(USERS).where(USERS.USERNAME.eq(username)).fetchOptional(this::toUser);
    }

    Optional<StoredUser> user(UUID globalAccountId, UUID id) {
        return db.selectFrom(USERS)
                .where(USERS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), USERS.ID.eq(id))
                .fetchOptional(this::toUser);
    }

    List<StoredUser> users(UUID globalAccountId) {
        Map<UUID, Set<Role>> roles = db
                .select(USER_ROLE_COLLECTIONS.USER_ID, USER_ROLE_COLLECTIONS.ROLE_COLLECTION)
                .from(USER_ROLE_COLLECTIONS)
                .join(USERS)
                .on(USERS.ID.eq(USER_ROLE_COLLECTIONS.USER_ID))
                .where(USERS.GLOBAL_ACCOUNT_ID.eq(globalAccountId))
                .fetchGroups(USER_ROLE_COLLECTIONS.USER_ID, r -> Role.valueOf(r.value2()))
                .entrySet()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> EnumSet.copyOf(e.getValue())));
        return db.selectFrom(USERS)
                .where(USERS.GLOBAL_ACCOUNT_ID.eq(globalAccountId))
                .orderBy(USERS.USERNAME)
                .fetch(r -> toUser(r, roles.getOrDefault(r.getId(), Set.of())));
    }

    void updatePassword(UUID id, String passwordHash) {
        db.update(USERS)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .where(USERS.ID.eq(id))
                .execute();
    }

    void replaceUserRoles(UUID userId, Collection<Role> roles) {
        db.deleteFrom(USER_ROLE_COLLECTIONS)
                .where(USER_ROLE_COLLECTIONS.USER_ID.eq(userId))
                .execute();
        for (Role role : roles) {
            db.insertInto(USER_ROLE_COLLECTIONS)
                    .set(USER_ROLE_COLLECTIONS.USER_ID, userId)
                    .set(USER_ROLE_COLLECTIONS.ROLE_COLLECTION, role.name())
                    .execute();
        }
    }

    boolean deleteUser(UUID globalAccountId, UUID id) {
        return db.deleteFrom(USERS)
                        .where(USERS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), USERS.ID.eq(id))
                        .execute()
                == 1;
    }

    void insertClient(StoredClient client) {
        OauthClientsRecord record = db.newRecord(OAUTH_CLIENTS);
        record.setClientId(client.clientId());
        record.setGlobalAccountId(client.globalAccountId());
        record.setOwnerType(client.ownerType().name());
        record.setOwnerId(client.ownerId());
        record.setSecretHash(client.secretHash());
        record.setDescription(client.description());
        record.setCreatedAt(client.createdAt());
        record.insert();
        for (Role role : client.roles()) {
            db.insertInto(OAUTH_CLIENT_ROLE_COLLECTIONS)
                    .set(OAUTH_CLIENT_ROLE_COLLECTIONS.CLIENT_ID, client.clientId())
                    .set(OAUTH_CLIENT_ROLE_COLLECTIONS.ROLE_COLLECTION, role.name())
                    .execute();
        }
    }

    Optional<StoredClient> client(String clientId) {
        return db.selectFrom(OAUTH_CLIENTS)
                .where(OAUTH_CLIENTS.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> toClient(r, clientRoles(r.getClientId())));
    }

    List<StoredClient> clients(UUID globalAccountId, OwnerType ownerType) {
        return db.selectFrom(OAUTH_CLIENTS)
                .where(
                        OAUTH_CLIENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                        OAUTH_CLIENTS.OWNER_TYPE.eq(ownerType.name()))
                .orderBy(OAUTH_CLIENTS.CREATED_AT, OAUTH_CLIENTS.CLIENT_ID)
                .fetch(r -> toClient(r, clientRoles(r.getClientId())));
    }

    int deleteClients(UUID globalAccountId, OwnerType ownerType, UUID ownerId) {
        return db.deleteFrom(OAUTH_CLIENTS)
                .where(
                        OAUTH_CLIENTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId),
                        OAUTH_CLIENTS.OWNER_TYPE.eq(ownerType.name()),
                        OAUTH_CLIENTS.OWNER_ID.eq(ownerId))
                .execute();
    }

    private Set<Role> clientRoles(String clientId) {
        return toRoles(db.select(OAUTH_CLIENT_ROLE_COLLECTIONS.ROLE_COLLECTION)
                .from(OAUTH_CLIENT_ROLE_COLLECTIONS)
                .where(OAUTH_CLIENT_ROLE_COLLECTIONS.CLIENT_ID.eq(clientId))
                .fetch(OAUTH_CLIENT_ROLE_COLLECTIONS.ROLE_COLLECTION));
    }

    private StoredUser toUser(UsersRecord r) {
        return toUser(
                r,
                toRoles(db.select(USER_ROLE_COLLECTIONS.ROLE_COLLECTION)
                        .from(USER_ROLE_COLLECTIONS)
                        .where(USER_ROLE_COLLECTIONS.USER_ID.eq(r.getId()))
                        .fetch(USER_ROLE_COLLECTIONS.ROLE_COLLECTION)));
    }

    private static StoredUser toUser(UsersRecord r, Set<Role> roles) {
        return new StoredUser(
                r.getId(), r.getGlobalAccountId(), r.getUsername(), r.getPasswordHash(), roles, r.getCreatedAt());
    }

    private static StoredClient toClient(OauthClientsRecord r, Set<Role> roles) {
        return new StoredClient(
                r.getClientId(),
                r.getGlobalAccountId(),
                OwnerType.valueOf(r.getOwnerType()),
                r.getOwnerId(),
                r.getSecretHash(),
                r.getDescription(),
                roles,
                r.getCreatedAt());
    }

    private static Set<Role> toRoles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names.forEach(name -> roles.add(Role.valueOf(name)));
        return roles;
    }

    /** A user row with its role collections. */
    record StoredUser(
            UUID id, UUID globalAccountId, String username, String passwordHash, Set<Role> roles, Instant createdAt) {}

    /** An OAuth client row with its role collections. */
    record StoredClient(
            String clientId,
            UUID globalAccountId,
            OwnerType ownerType,
            UUID ownerId,
            String secretHash,
            @Nullable String description,
            Set<Role> roles,
            Instant createdAt) {}

    /** What an OAuth client belongs to. */
    enum OwnerType {
        API_CLIENT,
        SYSTEM
    }
}

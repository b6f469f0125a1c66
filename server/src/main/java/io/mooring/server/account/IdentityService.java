package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.crypto.PasswordHasher;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.Role;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and API clients of a global account, their role collections and their credentials. */
@Service
public class IdentityService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{3,255}");
    private static final int MIN_PASSWORD_LENGTH = 12;
    private static final String API_CLIENT_PREFIX = "mooring-client-";

    private final IdentityStore store;
    private final PasswordHasher passwords;
    private final Secrets secrets;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    IdentityService(
            IdentityStore store,
            PasswordHasher passwords,
            Secrets secrets,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.passwords = requireNonNull(passwords, "passwords");
        this.secrets = requireNonNull(secrets, "secrets");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    public UserView createUser(Caller caller, AccountRequests.NewUser request) {
        UserView user = insertUser(caller.globalAccountId(), request, roles(request.roleCollections()));
        auditLog.changed(caller, "user.create", "user", user.id(), user.username() + " " + user.roleCollections());
        return user;
    }

    UserView insertUser(UUID globalAccountId, AccountRequests.NewUser request, Set<Role> roles) {
        String username = Inputs.matching(
                Inputs.required(request.username(), "username", 255),
                "username",
                USERNAME,
                "3 to 255 letters, digits or . _ @ + -");
        String password = checkedPassword(request.password(), "password");
        if (store.usernameTaken(username)) {
            throw MooringProblem.of(ProblemType.NAME_TAKEN, "Username '" + username + "' is taken; choose another.");
        }
        var user = new IdentityStore.StoredUser(
                ids.newId(), globalAccountId, username, passwords.hash(password), roles, clock.instant());
        store.insertUser(user);
        return UserView.of(user);
    }

    @Transactional(readOnly = true)
    public List<UserView> users(Caller caller) {
        return store.users(caller.globalAccountId()).stream().map(UserView::of).toList();
    }

    @Transactional(readOnly = true)
    public UserView user(Caller caller, UUID id) {
        return UserView.of(storedUser(caller, id));
    }

    @Transactional
    public UserView assignRoles(Caller caller, UUID id, AccountRequests.RoleCollections request) {
        IdentityStore.StoredUser user = storedUser(caller, id);
        Set<Role> roles = roles(request.roleCollections());
        if (user.roles().contains(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
                && !roles.contains(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)) {
            requireAnotherAdministrator(caller, id);
        }
        store.replaceUserRoles(id, roles);
        auditLog.changed(caller, "user.roles", "user", id, roles.toString());
        return user(caller, id);
    }

    @Transactional
    public void deleteUser(Caller caller, UUID id) {
        IdentityStore.StoredUser user = storedUser(caller, id);
        if (user.roles().contains(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)) {
            requireAnotherAdministrator(caller, id);
        }
        store.deleteUser(caller.globalAccountId(), id);
        auditLog.changed(caller, "user.delete", "user", id, user.username());
    }

    @Transactional
    public void changeOwnPassword(Caller caller, AccountRequests.PasswordChange change) {
        if (caller.type() != Caller.PrincipalType.USER) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    "Only users have passwords; an API client gets a new "
                            + "secret by being deleted and created again.");
        }
        IdentityStore.StoredUser user = storedUser(caller, UUID.fromString(caller.subject()));
        String current = Inputs.required(change.currentPassword(), "currentPassword", 256);
        if (!passwords.matches(current, user.passwordHash())) {
            throw MooringProblem.of(
                    ProblemType.INVALID_CREDENTIALS, "The current password is wrong; nothing was changed.");
        }
        store.updatePassword(user.id(), passwords.hash(checkedPassword(change.newPassword(), "newPassword")));
        auditLog.changed(caller, "user.password", "user", user.id(), null);
    }

    @Transactional
    public ApiClientView createApiClient(Caller caller, AccountRequests.NewApiClient request) {
        String clientId = API_CLIENT_PREFIX + ids.newId();
        String secret = secrets.newSecret("");
        var client = new IdentityStore.StoredClient(
                clientId,
                caller.globalAccountId(),
                IdentityStore.OwnerType.API_CLIENT,
                ids.newId(),
                Secrets.hash(secret),
                Inputs.optional(request.description(), "description", 2000),
                roles(request.roleCollections()),
                clock.instant());
        store.insertClient(client);
        auditLog.changed(
                caller,
                "api-client.create",
                "api-client",
                clientId,
                client.roles().toString());
        return new ApiClientView(clientId, secret, client.description(), client.roles(), client.createdAt());
    }

    @Transactional(readOnly = true)
    public List<ApiClientView> apiClients(Caller caller) {
        return store.clients(caller.globalAccountId(), IdentityStore.OwnerType.API_CLIENT).stream()
                .map(ApiClientView::of)
                .toList();
    }

    @Transactional
    public void deleteApiClient(Caller caller, String clientId) {
        IdentityStore.StoredClient client = store.client(clientId)
                .filter(found -> found.globalAccountId().equals(caller.globalAccountId()))
                .filter(found -> found.ownerType() == IdentityStore.OwnerType.API_CLIENT)
                .orElseThrow(() -> MooringProblem.notFound("API client", clientId));
        store.deleteClients(caller.globalAccountId(), client.ownerType(), client.ownerId());
        auditLog.changed(caller, "api-client.delete", "api-client", clientId, null);
    }

    private IdentityStore.StoredUser storedUser(Caller caller, UUID id) {
        return store.user(caller.globalAccountId(), id).orElseThrow(() -> MooringProblem.notFound("User", id));
    }

    private void requireAnotherAdministrator(Caller caller, UUID leaving) {
        boolean another = store.users(caller.globalAccountId()).stream()
                .anyMatch(
                        user -> !user.id().equals(leaving) && user.roles().contains(Role.GLOBAL_ACCOUNT_ADMINISTRATOR));
        if (!another) {
            throw MooringProblem.of(
                    ProblemType.INVALID_STATE,
                    "This is the last Global Account Administrator of the account; make another user one first.");
        }
    }

    private static String checkedPassword(@Nullable String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw MooringProblem.invalidInput(
                    "Field '" + field + "' must be a password of at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        return Inputs.required(password, field, 256);
    }

    private static Set<Role> roles(@Nullable Set<Role> requested) {
        if (requested == null) {
            return EnumSet.noneOf(Role.class);
        }
        if (requested.contains(Role.PLATFORM_OPERATOR)) {
            throw MooringProblem.invalidInput(
                    "'Platform Operator' belongs to the installation, not to a global account; it cannot be assigned.");
        }
        return requested.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(requested);
    }
}

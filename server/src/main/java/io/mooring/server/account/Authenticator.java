package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.crypto.PasswordHasher;
import io.mooring.server.platform.crypto.Secrets;
import io.mooring.server.platform.security.Caller;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Checks the passwords and client secrets presented at the token endpoint. */
@Service
public class Authenticator {
    private final IdentityStore store;
    private final PasswordHasher passwords;

    Authenticator(IdentityStore store, PasswordHasher passwords) {
        this.store = requireNonNull(store, "store");
        this.passwords = requireNonNull(passwords, "passwords");
    }

    /** The user with this name and password; an unknown name costs as much time as a wrong password. */
    @Transactional(readOnly = true)
    public Optional<Principal> user(String username, String password) {
        Optional<IdentityStore.StoredUser> user = store.userByName(username);
        if (user.isEmpty()) {
            passwords.spendCheckTime(password);
            return Optional.empty();
        }
        IdentityStore.StoredUser found = user.get();
        if (!passwords.matches(password, found.passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(new Principal(
                found.id().toString(),
                found.username(),
                Caller.PrincipalType.USER,
                found.globalAccountId(),
                found.roles()));
    }

    /** The API client or paired system with this client id and secret. */
    @Transactional(readOnly = true)
    public Optional<Principal> client(String clientId, String secret) {
        return store.client(clientId)
                .filter(client -> Secrets.matches(secret, client.secretHash()))
                .map(client -> new Principal(
                        client.clientId(),
                        client.clientId(),
                        client.ownerType() == IdentityStore.OwnerType.SYSTEM
                                ? Caller.PrincipalType.SYSTEM
                                : Caller.PrincipalType.API_CLIENT,
                        client.globalAccountId(),
                        client.roles()));
    }
}

package io.mooring.server.account;

import io.mooring.server.platform.security.Role;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Request bodies of the account APIs; fields are nullable so that services report what is missing. */
public final class AccountRequests {
    private AccountRequests() {}

    /** A new global account and its first administrator. */
    public record NewGlobalAccount(
            @Nullable String displayName, @Nullable Credentials administrator) {}

    /** A username and password. */
    public record Credentials(
            @Nullable String username, @Nullable String password) {}

    /** A new user of the caller's global account. */
    public record NewUser(
            @Nullable String username,
            @Nullable String password,
            @Nullable Set<Role> roleCollections) {}

    /** The role collections a user or API client should hold from now on. */
    public record RoleCollections(@Nullable Set<Role> roleCollections) {}

    /** A change of one's own password. */
    public record PasswordChange(
            @Nullable String currentPassword, @Nullable String newPassword) {}

    /** A new subaccount. */
    public record NewSubaccount(
            @Nullable String displayName,
            @Nullable String subdomain,
            @Nullable String region,
            @Nullable String description) {}

    /** Fields of a subaccount to change; absent fields stay as they are. */
    public record SubaccountChange(
            @Nullable String displayName, @Nullable String description) {}

    /** A new API client. */
    public record NewApiClient(
            @Nullable String description, @Nullable Set<Role> roleCollections) {}
}

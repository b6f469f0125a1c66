package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.AnyAuthenticated;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Global accounts: operators create them; every caller reads its own, and the role collections it can hold. */
@RestController
class GlobalAccountController {
    private final AccountService accounts;

    GlobalAccountController(AccountService accounts) {
        this.accounts = requireNonNull(accounts, "accounts");
    }

    @PostMapping("/api/v1/global-accounts")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    ResponseEntity<GlobalAccount> create(Caller caller, @RequestBody AccountRequests.NewGlobalAccount request) {
        GlobalAccount account = accounts.createGlobalAccount(caller, request, Set.of());
        return ResponseEntity.created(URI.create("/api/v1/global-accounts/" + account.id()))
                .body(account);
    }

    @GetMapping("/api/v1/global-accounts")
    @RequiresRole(Role.PLATFORM_OPERATOR)
    List<GlobalAccount> list() {
        return accounts.globalAccounts();
    }

    @GetMapping("/api/v1/global-account")
    @AnyAuthenticated
    GlobalAccount own(Caller caller) {
        return accounts.globalAccount(caller);
    }

    @GetMapping("/api/v1/role-collections")
    @AnyAuthenticated
    List<RoleCollection> roleCollections() {
        return Arrays.stream(Role.values())
                .filter(role -> role != Role.PLATFORM_OPERATOR)
                .map(role -> new RoleCollection(role.displayName(), role.scope()))
                .toList();
    }

    /** A role collection and the scope that carries it in access tokens. */
    record RoleCollection(String name, String scope) {}
}

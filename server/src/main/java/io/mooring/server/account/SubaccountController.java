package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Subaccounts of the caller's global account. */
@RestController
@RequestMapping("/api/v1/subaccounts")
class SubaccountController {
    private final AccountService accounts;

    SubaccountController(AccountService accounts) {
        this.accounts = requireNonNull(accounts, "accounts");
    }

    @PostMapping
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<Subaccount> create(Caller caller, @RequestBody AccountRequests.NewSubaccount request) {
        Subaccount subaccount = accounts.createSubaccount(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/subaccounts/" + subaccount.id()))
                .body(subaccount);
    }

    @GetMapping
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SUBACCOUNT_ADMINISTRATOR, Role.VIEWER})
    List<Subaccount> list(Caller caller) {
        return accounts.subaccounts(caller);
    }

    @GetMapping("/{id}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SUBACCOUNT_ADMINISTRATOR, Role.VIEWER})
    Subaccount get(Caller caller, @PathVariable UUID id) {
        return accounts.subaccount(caller, id);
    }

    @PatchMapping("/{id}")
    @RequiresRole({Role.GLOBAL_ACCOUNT_ADMINISTRATOR, Role.SUBACCOUNT_ADMINISTRATOR})
    Subaccount update(Caller caller, @PathVariable UUID id, @RequestBody AccountRequests.SubaccountChange change) {
        return accounts.updateSubaccount(caller, id, change);
    }

    @DeleteMapping("/{id}")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
        accounts.deleteSubaccount(caller, id);
        return ResponseEntity.noContent().build();
    }
}

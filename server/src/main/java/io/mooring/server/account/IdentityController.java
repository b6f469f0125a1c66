package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.platform.security.AnyAuthenticated;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.RequiresRole;
import io.mooring.server.platform.security.Role;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users and API clients of the caller's global account, and the caller itself. */
@RestController
class IdentityController {
    private final IdentityService identities;

    IdentityController(IdentityService identities) {
        this.identities = requireNonNull(identities, "identities");
    }

    @GetMapping("/api/v1/me")
    @AnyAuthenticated
    Me me(Caller caller) {
        return new Me(caller.subject(), caller.name(), caller.type(), caller.globalAccountId(), caller.roles());
    }

    @PutMapping("/api/v1/me/password")
    @AnyAuthenticated
    ResponseEntity<Void> changePassword(Caller caller, @RequestBody AccountRequests.PasswordChange change) {
        identities.changeOwnPassword(caller, change);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/users")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<UserView> createUser(Caller caller, @RequestBody AccountRequests.NewUser request) {
        UserView user = identities.createUser(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    @GetMapping("/api/v1/users")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    List<UserView> users(Caller caller) {
        return identities.users(caller);
    }

    @GetMapping("/api/v1/users/{id}")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    UserView user(Caller caller, @PathVariable UUID id) {
        return identities.user(caller, id);
    }

    @PutMapping("/api/v1/users/{id}/role-collections")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    UserView assignRoles(Caller caller, @PathVariable UUID id, @RequestBody AccountRequests.RoleCollections roles) {
        return identities.assignRoles(caller, id, roles);
    }

    @DeleteMapping("/api/v1/users/{id}")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<Void> deleteUser(Caller caller, @PathVariable UUID id) {
        identities.deleteUser(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/api-clients")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<ApiClientView> createApiClient(Caller caller, @RequestBody AccountRequests.NewApiClient request) {
        ApiClientView client = identities.createApiClient(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/api-clients/" + client.clientId()))
                .body(client);
    }

    @GetMapping("/api/v1/api-clients")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    List<ApiClientView> apiClients(Caller caller) {
        return identities.apiClients(caller);
    }

    @DeleteMapping("/api/v1/api-clients/{clientId}")
    @RequiresRole(Role.GLOBAL_ACCOUNT_ADMINISTRATOR)
    ResponseEntity<Void> deleteApiClient(Caller caller, @PathVariable String clientId) {
        identities.deleteApiClient(caller, clientId);
        return ResponseEntity.noContent().build();
    }

    /** Who the caller is, as its access token says. */
    record Me(
            String subject, String name, Caller.PrincipalType type, UUID globalAccountId, Set<Role> roleCollections) {}
}

package io.mooring.server.account;

import static java.util.Objects.requireNonNull;

import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.security.Role;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Global accounts and their subaccounts. */
@Service
public class AccountService {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{2,32}");

    private final AccountStore store;
    private final IdentityService identities;
    private final List<SubaccountDeletionBlocker> deletionBlockers;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    AccountService(
            AccountStore store,
            IdentityService identities,
            List<SubaccountDeletionBlocker> deletionBlockers,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.identities = requireNonNull(identities, "identities");
        this.deletionBlockers = List.copyOf(deletionBlockers);
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Creates a global account with its first Global Account Administrator. */
    @Transactional
    public GlobalAccount createGlobalAccount(
            @Nullable Caller operator, AccountRequests.NewGlobalAccount request, Set<Role> extraAdministratorRoles) {
        String displayName =
                Inputs.printableAscii(Inputs.required(request.displayName(), "displayName", 255), "displayName");
        if (request.administrator() == null) {
            throw MooringProblem.invalidInput(
                    "Field 'administrator' is required: give the first administrator's " + "username and password.");
        }
        var account = new GlobalAccount(ids.newId(), displayName, clock.instant());
        store.insertGlobalAccount(account);
        var administrator = new AccountRequests.NewUser(
                request.administrator().username(), request.administrator().password(), null);
        UserView created = identities.insertUser(
                account.id(), administrator, union(Set.of(Role.GLOBAL_ACCOUNT_ADMINISTRATOR), extraAdministratorRoles));
        String actor = operator == null ? "system:bootstrap" : AuditLog.describe(operator);
        auditLog.recorded(
                account.id(),
                actor,
                "global-account.create",
                "global-account",
                account.id(),
                io.mooring.server.audit.AuditEvent.Outcome.SUCCESS,
                "administrator " + created.username());
        return account;
    }

    @Transactional(readOnly = true)
    public boolean anyGlobalAccount() {
        return store.anyGlobalAccount();
    }

    @Transactional(readOnly = true)
    public List<GlobalAccount> globalAccounts() {
        return store.globalAccounts();
    }

    @Transactional(readOnly = true)
    public GlobalAccount globalAccount(Caller caller) {
        return store.globalAccount(caller.globalAccountId())
                .orElseThrow(() -> MooringProblem.notFound("Global account", caller.globalAccountId()));
    }

    @Transactional
    public Subaccount createSubaccount(Caller caller, AccountRequests.NewSubaccount request) {
        String displayName =
                Inputs.printableAscii(Inputs.required(request.displayName(), "displayName", 255), "displayName");
        String subdomain = Inputs.matching(
                Inputs.required(request.subdomain(), "subdomain", 63),
                "subdomain",
                SUBDOMAIN,
                "lowercase letters, digits and inner hyphens, at most 63 characters");
        String region = request.region() == null
                ? "local"
                : Inputs.matching(request.region(), "region", REGION, "2 to 32 lowercase letters, digits or hyphens");
        if (store.subdomainTaken(subdomain)) {
            throw MooringProblem.of(
                    ProblemType.NAME_TAKEN,
                    "Subdomain '" + subdomain + "' is taken; subdomains are unique across "
                            + "Mooring, choose another.");
        }
        Subaccount subaccount = new Subaccount(
                ids.newId(),
                caller.globalAccountId(),
                displayName,
                subdomain,
                region,
                Inputs.optional(request.description(), "description", 2000),
                clock.instant());
        store.insertSubaccount(subaccount);
        auditLog.changed(caller, "subaccount.create", "subaccount", subaccount.id(), subdomain);
        return subaccount;
    }

    @Transactional(readOnly = true)
    public List<Subaccount> subaccounts(Caller caller) {
        return store.subaccounts(caller.globalAccountId());
    }

    @Transactional(readOnly = true)
    public Subaccount subaccount(Caller caller, UUID id) {
        return store.subaccount(caller.globalAccountId(), id)
                .orElseThrow(() -> MooringProblem.notFound("Subaccount", id));
    }

    @Transactional
    public Subaccount updateSubaccount(Caller caller, UUID id, AccountRequests.SubaccountChange change) {
        Subaccount current = subaccount(caller, id);
        Subaccount updated = new Subaccount(
                current.id(),
                current.globalAccountId(),
                change.displayName() == null
                        ? current.displayName()
                        : Inputs.printableAscii(
                                Inputs.required(change.displayName(), "displayName", 255), "displayName"),
                current.subdomain(),
                current.region(),
                change.description() == null
                        ? current.description()
                        : Inputs.optional(change.description(), "description", 2000),
                current.createdAt());
        store.updateSubaccount(updated);
        auditLog.changed(caller, "subaccount.update", "subaccount", id, null);
        return updated;
    }

    @Transactional
    public void deleteSubaccount(Caller caller, UUID id) {
        List<String> blockers = deletionBlockers.stream()
                .flatMap(blocker -> blocker.blockersOf(subaccount(caller, id).id()).stream())
                .toList();
        if (!blockers.isEmpty()) {
            throw MooringProblem.of(
                            ProblemType.INVALID_STATE,
                            "The subaccount still holds " + String.join(", ", blockers) + "; delete them first.")
                    .with("blockedBy", blockers);
        }
        if (!store.deleteSubaccount(caller.globalAccountId(), id)) {
            throw MooringProblem.notFound("Subaccount", id);
        }
        auditLog.changed(caller, "subaccount.delete", "subaccount", id, null);
    }

    private static Set<Role> union(Set<Role> a, Set<Role> b) {
        var all = java.util.EnumSet.noneOf(Role.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}

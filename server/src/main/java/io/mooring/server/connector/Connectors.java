package io.mooring.server.connector;

import static java.util.Objects.requireNonNull;

import io.mooring.server.account.AccountService;
import io.mooring.server.account.Subaccount;
import io.mooring.server.audit.AuditLog;
import io.mooring.server.platform.id.IdGenerator;
import io.mooring.server.platform.problem.MooringProblem;
import io.mooring.server.platform.problem.ProblemType;
import io.mooring.server.platform.security.Caller;
import io.mooring.server.platform.validation.Inputs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Connector registrations of the caller's subaccounts: created with a one-time pairing token, given a new token
 * when a connector must pair again, and deleted, which ends their certificates and their tunnel sessions.
 */
@Service
class Connectors {
    private static final Logger LOG = LoggerFactory.getLogger(Connectors.class);
    private static final int MAX_LOCATION_ID = 64;
    private static final Pattern LOCATION_ID = Pattern.compile("[A-Za-z0-9._-]{0," + MAX_LOCATION_ID + "}");
    private static final String LOCATION_RULE =
            "0 to 64 letters, digits, '.', '_' or '-' (empty for the subaccount's default connector)";

    private final ConnectorStore store;
    private final AccountService accounts;
    private final ConnectorTokens tokens;
    private final ConnectorIdentities identities;
    private final LiveConnectors live;
    private final AuditLog auditLog;
    private final IdGenerator ids;
    private final Clock clock;

    Connectors(
            ConnectorStore store,
            AccountService accounts,
            ConnectorTokens tokens,
            ConnectorIdentities identities,
            LiveConnectors live,
            AuditLog auditLog,
            IdGenerator ids,
            Clock clock) {
        this.store = requireNonNull(store, "store");
        this.accounts = requireNonNull(accounts, "accounts");
        this.tokens = requireNonNull(tokens, "tokens");
        this.identities = requireNonNull(identities, "identities");
        this.live = requireNonNull(live, "live");
        this.auditLog = requireNonNull(auditLog, "auditLog");
        this.ids = requireNonNull(ids, "ids");
        this.clock = requireNonNull(clock, "clock");
    }

    @Transactional
    IssuedToken create(Caller caller, UUID subaccountId, ConnectorRequests.NewConnector request) {
        Subaccount subaccount = accounts.subaccount(caller, subaccountId);
        String locationId = locationId(request.locationId());
        String description = Inputs.optional(request.description(), "description", 2000);
        if (store.locationTaken(subaccount.id(), locationId)) {
            throw locationTaken(locationId);
        }
        Instant now = clock.instant();
        ConnectorTokens.NewToken token = tokens.issue(now);
        var registration = new ConnectorRegistration(
                ids.newId(),
                caller.globalAccountId(),
                subaccount.id(),
                locationId,
                description,
                now,
                AuditLog.describe(caller),
                token.hash(),
                token.expiresAt(),
                null,
                null,
                null);
        try {
            store.insert(registration);
        } catch (DuplicateKeyException e) {
            throw locationTaken(locationId); // registered concurrently since the check above
        }
        auditLog.changed(caller, "connector.create", "connector", registration.id(), describe(registration));
        return new IssuedToken(ConnectorView.of(registration, Optional.empty(), now), token.value());
    }

    @Transactional(readOnly = true)
    List<ConnectorView> list(Caller caller, UUID subaccountId) {
        Instant now = clock.instant();
        return store.registrations(accounts.subaccount(caller, subaccountId).id()).stream()
                .map(registration -> view(registration, now))
                .toList();
    }

    @Transactional(readOnly = true)
    ConnectorView get(Caller caller, UUID subaccountId, UUID connectorId) {
        return view(registration(caller, subaccountId, connectorId), clock.instant());
    }

    /**
     * A new one-time token that replaces the registration's previous one, used or not; the certificate the
     * connector holds keeps working until the connector pairs again or the registration is deleted.
     */
    @Transactional
    IssuedToken newToken(Caller caller, UUID subaccountId, UUID connectorId) {
        ConnectorRegistration current = registration(caller, subaccountId, connectorId);
        Instant now = clock.instant();
        ConnectorTokens.NewToken token = tokens.issue(now);
        store.replaceToken(current.id(), token.hash(), token.expiresAt());
        auditLog.changed(caller, "connector.token", "connector", current.id(), describe(current));
        ConnectorRegistration renewed = registration(caller, subaccountId, connectorId);
        return new IssuedToken(view(renewed, now), token.value());
    }

    /** Deletes the registration and its certificates; its tunnel sessions are closed once that is committed. */
    @Transactional
    void delete(Caller caller, UUID subaccountId, UUID connectorId) {
        ConnectorRegistration registration = registration(caller, subaccountId, connectorId);
        if (!store.delete(registration.subaccountId(), registration.id())) {
            throw MooringProblem.notFound("Connector", connectorId);
        }
        identities.evict(registration.id());
        auditLog.changed(caller, "connector.delete", "connector", registration.id(), describe(registration));
        afterCommit(() -> disconnect(registration.id()));
    }

    private ConnectorRegistration registration(Caller caller, UUID subaccountId, UUID connectorId) {
        Subaccount subaccount = accounts.subaccount(caller, subaccountId);
        return store.registration(subaccount.id(), connectorId)
                .orElseThrow(() -> MooringProblem.notFound("Connector", connectorId));
    }

    private ConnectorView view(ConnectorRegistration registration, Instant now) {
        return ConnectorView.of(registration, live.presence(registration.id()), now);
    }

    private void disconnect(UUID connectorId) {
        try {
            live.disconnect(connectorId);
        } catch (RuntimeException e) {
            // The deletion is committed; its certificates are refused from now on even if this close failed.
            LOG.warn("Could not close the tunnel of deleted connector {}", connectorId, e);
        }
    }

    private static String locationId(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.length() > MAX_LOCATION_ID) {
            throw MooringProblem.invalidInput(
                    "Field 'locationId' must be " + LOCATION_RULE + "; it has " + value.length() + " characters.");
        }
        return Inputs.matching(value, "locationId", LOCATION_ID, LOCATION_RULE);
    }

    private static MooringProblem locationTaken(String locationId) {
        String which =
                locationId.isEmpty() ? "the default location (empty location ID)" : "location '" + locationId + "'";
        return MooringProblem.of(
                        ProblemType.NAME_TAKEN,
                        "The subaccount already has a connector for " + which
                                + "; choose another location ID, or give the existing connector a new token.")
                .with("locationId", locationId);
    }

    private static String describe(ConnectorRegistration registration) {
        return "location " + registration.locationName();
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}

package io.mooring.server.account;

import static io.mooring.server.db.Tables.GLOBAL_ACCOUNTS;
import static io.mooring.server.db.Tables.SUBACCOUNTS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.SubaccountsRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** SQL for global accounts and subaccounts. */
@Repository
class AccountStore {
    private final DSLContext db;

    AccountStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    boolean anyGlobalAccount() {
        return db.fetchExists(GLOBAL_ACCOUNTS);
    }

    void insertGlobalAccount(GlobalAccount account) {
        db.insertInto(GLOBAL_ACCOUNTS)
                .set(GLOBAL_ACCOUNTS.ID, account.id())
                .set(GLOBAL_ACCOUNTS.DISPLAY_NAME, account.displayName())
                .set(GLOBAL_ACCOUNTS.CREATED_AT, account.createdAt())
                .execute();
    }

    Optional<GlobalAccount> globalAccount(UUID id) {
        return db.selectFrom(GLOBAL_ACCOUNTS)
                .where(GLOBAL_ACCOUNTS.ID.eq(id))
                .fetchOptional(r -> new GlobalAccount(r.getId(), r.getDisplayName(), r.getCreatedAt()));
    }

    List<GlobalAccount> globalAccounts() {
        return db.selectFrom(GLOBAL_ACCOUNTS)
                .orderBy(GLOBAL_ACCOUNTS.ID)
                .fetch(r -> new GlobalAccount(r.getId(), r.getDisplayName(), r.getCreatedAt()));
    }

    void insertSubaccount(Subaccount subaccount) {
        SubaccountsRecord record = db.newRecord(SUBACCOUNTS);
        record.setId(subaccount.id());
        record.setGlobalAccountId(subaccount.globalAccountId());
        record.setDisplayName(subaccount.displayName());
        record.setSubdomain(subaccount.subdomain());
        record.setRegion(subaccount.region());
        record.setDescription(subaccount.description());
        record.setCreatedAt(subaccount.createdAt());
        record.insert();
    }

    boolean subdomainTaken(String subdomain) {
        return db.fetchExists(SUBACCOUNTS, SUBACCOUNTS.SUBDOMAIN.eq(subdomain));
    }

    List<Subaccount> subaccounts(UUID globalAccountId) {
        return db.selectFrom(SUBACCOUNTS)
                .where(SUBACCOUNTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId))
                .orderBy(SUBACCOUNTS.DISPLAY_NAME, SUBACCOUNTS.ID)
                .fetch(AccountStore::toSubaccount);
    }

    Optional<Subaccount> subaccount(UUID globalAccountId, UUID id) {
        return db.selectFrom(SUBACCOUNTS)
                .where(SUBACCOUNTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), SUBACCOUNTS.ID.eq(id))
                .fetchOptional(AccountStore::toSubaccount);
    }

    void updateSubaccount(Subaccount subaccount) {
        db.update(SUBACCOUNTS)
                .set(SUBACCOUNTS.DISPLAY_NAME, subaccount.displayName())
                .set(SUBACCOUNTS.DESCRIPTION, subaccount.description())
                .where(
                        SUBACCOUNTS.GLOBAL_ACCOUNT_ID.eq(subaccount.globalAccountId()),
                        SUBACCOUNTS.ID.eq(subaccount.id()))
                .execute();
    }

    boolean deleteSubaccount(UUID globalAccountId, UUID id) {
        return db.deleteFrom(SUBACCOUNTS)
                        .where(SUBACCOUNTS.GLOBAL_ACCOUNT_ID.eq(globalAccountId), SUBACCOUNTS.ID.eq(id))
                        .execute()
                == 1;
    }

    private static Subaccount toSubaccount(SubaccountsRecord r) {
        return new Subaccount(
                r.getId(),
                r.getGlobalAccountId(),
                r.getDisplayName(),
                r.getSubdomain(),
                r.getRegion(),
                r.getDescription(),
                r.getCreatedAt());
    }
}

package io.mooring.server.servicebinding;

import static io.mooring.server.db.Tables.SERVICE_BINDINGS;
import static io.mooring.server.db.Tables.SERVICE_INSTANCES;
import static io.mooring.server.db.Tables.SUBACCOUNTS;
import static java.util.Objects.requireNonNull;

import io.mooring.server.db.tables.records.ServiceBindingsRecord;
import io.mooring.server.db.tables.records.ServiceInstancesRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/** SQL for service instances and their bindings. */
@Repository
class ServiceBindingStore {
    private final DSLContext db;

    ServiceBindingStore(DSLContext db) {
        this.db = requireNonNull(db, "db");
    }

    void insertInstance(ServiceInstance instance) {
        ServiceInstancesRecord record = db.newRecord(SERVICE_INSTANCES);
        record.setId(instance.id());
        record.setGlobalAccountId(instance.globalAccountId());
        record.setSubaccountId(instance.subaccountId());
        record.setOffering(instance.offering().label());
        record.setPlan(instance.plan());
        record.setName(instance.name());
        record.setCreatedAt(instance.createdAt());
        record.insert();
    }

    boolean instanceNameTaken(UUID subaccountId, String name) {
        return db.fetchExists(
                SERVICE_INSTANCES, SERVICE_INSTANCES.SUBACCOUNT_ID.eq(subaccountId), SERVICE_INSTANCES.NAME.eq(name));
    }

    List<ServiceInstance> instances(UUID subaccountId) {
        return db.selectFrom(SERVICE_INSTANCES)
                .where(SERVICE_INSTANCES.SUBACCOUNT_ID.eq(subaccountId))
                .orderBy(SERVICE_INSTANCES.NAME)
                .fetch(ServiceBindingStore::toInstance);
    }

    Optional<ServiceInstance> instance(UUID subaccountId, UUID id) {
        return db.selectFrom(SERVICE_INSTANCES)
                .where(SERVICE_INSTANCES.ID.eq(id), SERVICE_INSTANCES.SUBACCOUNT_ID.eq(subaccountId))
                .fetchOptional(ServiceBindingStore::toInstance);
    }

    List<String> instanceNames(UUID subaccountId) {
        return db.select(SERVICE_INSTANCES.NAME)
                .from(SERVICE_INSTANCES)
                .where(SERVICE_INSTANCES.SUBACCOUNT_ID.eq(subaccountId))
                .orderBy(SERVICE_INSTANCES.NAME)
                .fetch(SERVICE_INSTANCES.NAME);
    }

    void deleteInstance(UUID id) {
        db.deleteFrom(SERVICE_INSTANCES).where(SERVICE_INSTANCES.ID.eq(id)).execute();
    }

    void insertBinding(ServiceBinding binding, String secretHash, String sealedSecret) {
        ServiceBindingsRecord record = db.newRecord(SERVICE_BINDINGS);
        record.setId(binding.id());
        record.setInstanceId(binding.instanceId());
        record.setName(binding.name());
        record.setClientId(binding.clientId());
        record.setSecretHash(secretHash);
        record.setSealedSecret(sealedSecret);
        record.setCreatedAt(binding.createdAt());
        record.insert();
    }

    boolean bindingNameTaken(UUID instanceId, String name) {
        return db.fetchExists(
                SERVICE_BINDINGS, SERVICE_BINDINGS.INSTANCE_ID.eq(instanceId), SERVICE_BINDINGS.NAME.eq(name));
    }

    List<ServiceBinding> bindings(UUID instanceId) {
        return db.selectFrom(SERVICE_BINDINGS)
                .where(SERVICE_BINDINGS.INSTANCE_ID.eq(instanceId))
                .orderBy(SERVICE_BINDINGS.NAME)
                .fetch(ServiceBindingStore::toBinding);
    }

    Optional<ServiceBinding> binding(UUID instanceId, UUID id) {
        return db.selectFrom(SERVICE_BINDINGS)
                .where(SERVICE_BINDINGS.ID.eq(id), SERVICE_BINDINGS.INSTANCE_ID.eq(instanceId))
                .fetchOptional(ServiceBindingStore::toBinding);
    }

    Optional<String> sealedSecret(UUID bindingId) {
        return db.select(SERVICE_BINDINGS.SEALED_SECRET)
                .from(SERVICE_BINDINGS)
                .where(SERVICE_BINDINGS.ID.eq(bindingId))
                .fetchOptional(SERVICE_BINDINGS.SEALED_SECRET);
    }

    List<SealedSecret> sealedSecrets(@Nullable UUID after, int limit) {
        var condition = after == null ? SERVICE_BINDINGS.ID.isNotNull() : SERVICE_BINDINGS.ID.gt(after);
        return db.select(SERVICE_BINDINGS.ID, SERVICE_BINDINGS.SEALED_SECRET)
                .from(SERVICE_BINDINGS)
                .where(condition)
                .orderBy(SERVICE_BINDINGS.ID)
                .limit(limit)
                .fetch(r -> new SealedSecret(r.value1(), r.value2()));
    }

    /** Replaces a sealed secret only if it is still the one read. */
    void reseal(UUID id, String before, String after) {
        db.update(SERVICE_BINDINGS)
                .set(SERVICE_BINDINGS.SEALED_SECRET, after)
                .where(SERVICE_BINDINGS.ID.eq(id), SERVICE_BINDINGS.SEALED_SECRET.eq(before))
                .execute();
    }

    void deleteBinding(UUID id) {
        db.deleteFrom(SERVICE_BINDINGS).where(SERVICE_BINDINGS.ID.eq(id)).execute();
    }

    /** The binding with this client id, its secret's hash, its instance and the subaccount's subdomain. */
    Optional<BindingClient> client(String clientId) {
        return db.select(
                        SERVICE_BINDINGS.SECRET_HASH,
                        SERVICE_INSTANCES.ID,
                        SERVICE_INSTANCES.GLOBAL_ACCOUNT_ID,
                        SERVICE_INSTANCES.SUBACCOUNT_ID,
                        SERVICE_INSTANCES.OFFERING,
                        SUBACCOUNTS.SUBDOMAIN)
                .from(SERVICE_BINDINGS)
                .join(SERVICE_INSTANCES)
                .on(SERVICE_INSTANCES.ID.eq(SERVICE_BINDINGS.INSTANCE_ID))
                .join(SUBACCOUNTS)
                .on(SUBACCOUNTS.ID.eq(SERVICE_INSTANCES.SUBACCOUNT_ID))
                .where(SERVICE_BINDINGS.CLIENT_ID.eq(clientId))
                .fetchOptional(r -> new BindingClient(
                        clientId,
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        ServiceOffering.fromLabel(r.value5()),
                        r.value6()));
    }

    private static ServiceInstance toInstance(ServiceInstancesRecord r) {
        return new ServiceInstance(
                r.getId(),
                r.getGlobalAccountId(),
                r.getSubaccountId(),
                ServiceOffering.fromLabel(r.getOffering()),
                r.getName(),
                r.getCreatedAt());
    }

    private static ServiceBinding toBinding(ServiceBindingsRecord r) {
        return new ServiceBinding(r.getId(), r.getInstanceId(), r.getName(), r.getClientId(), r.getCreatedAt());
    }

    record SealedSecret(UUID bindingId, String sealed) {}

    record BindingClient(
            String clientId,
            String secretHash,
            UUID instanceId,
            UUID globalAccountId,
            UUID subaccountId,
            ServiceOffering offering,
            String subdomain) {}
}

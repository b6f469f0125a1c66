-- Service instances of the destination and connectivity services, their bindings, and the destinations and
-- certificates stored at subaccount or service-instance level. Secrets are sealed with Tink AEAD before they get here.
create table service_instances (
    id uuid not null primary key,
    global_account_id uuid not null,
    subaccount_id uuid not null,
    offering varchar(32) not null,
    plan varchar(32) not null,
    name varchar(255) not null,
    created_at timestamp with time zone not null,
    constraint uq_service_instances_name unique (subaccount_id, name)
);

create table service_bindings (
    id uuid not null primary key,
    instance_id uuid not null references service_instances (id),
    name varchar(255) not null,
    client_id varchar(128) not null,
    secret_hash varchar(128) not null,
    sealed_secret varchar(1000) not null,
    created_at timestamp with time zone not null,
    constraint uq_service_bindings_name unique (instance_id, name),
    constraint uq_service_bindings_client unique (client_id)
);

-- owner_id is the subaccount id for subaccount destinations and the service instance id for instance destinations.
create table destinations (
    id uuid not null primary key,
    global_account_id uuid not null,
    subaccount_id uuid not null,
    owner_id uuid not null,
    name varchar(200) not null,
    properties varchar(1000000) not null,
    sealed_secrets varchar(1000000),
    version bigint not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint uq_destinations_name unique (owner_id, name)
);

create table destination_certificates (
    id uuid not null primary key,
    global_account_id uuid not null,
    subaccount_id uuid not null,
    owner_id uuid not null,
    name varchar(200) not null,
    type varchar(32) not null,
    sealed_content varchar(1000000) not null,
    version bigint not null,
    created_at timestamp with time zone not null,
    constraint uq_destination_certificates_name unique (owner_id, name)
);

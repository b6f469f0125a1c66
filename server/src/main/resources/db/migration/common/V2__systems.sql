-- The System Landscape: custom system types, registered systems, their labels and integration tokens.
create table custom_system_types (
    global_account_id uuid not null references global_accounts (id),
    code varchar(64) not null,
    display_name varchar(255) not null,
    environments varchar(255) not null,
    pairing_required_for_formation boolean not null,
    created_at timestamp with time zone not null,
    primary key (global_account_id, code)
);

-- global_account_id without a foreign key, for the reason given at oauth_clients.
create table systems (
    id uuid not null primary key,
    global_account_id uuid not null,
    name varchar(255) not null,
    name_key varchar(255) not null,
    type_code varchar(64) not null,
    description varchar(2000),
    scenario_group varchar(255),
    status varchar(32) not null,
    status_reason varchar(2000),
    system_number varchar(128),
    base_url varchar(2048),
    notification_url varchar(2048),
    discovered boolean not null,
    credential_type varchar(32),
    certificate_serial varchar(64),
    certificate_expires_at timestamp with time zone,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    registered_at timestamp with time zone,
    version bigint not null,
    constraint uq_systems_name unique (global_account_id, name_key)
);
-- No indexes on type or status: within one account they select little, lists walk the (account, name) index
-- anyway, and an indexed status would make every status change a non-HOT update that rewrites all indexes.

-- A system number belongs to at most one system of an account. It is claimed here, by inserting a row, rather
-- than by a unique index on systems: pairing then adds one small row instead of rewriting every index of systems,
-- and the update of systems can stay a HOT update on PostgreSQL.
create table system_numbers (
    global_account_id uuid not null,
    system_number varchar(128) not null,
    system_id uuid not null references systems (id) on delete cascade,
    primary key (global_account_id, system_number)
);
create index ix_system_numbers_system on system_numbers (system_id);

create table system_labels (
    system_id uuid not null references systems (id) on delete cascade,
    label_key varchar(128) not null,
    label_value varchar(1024) not null,
    primary key (system_id, label_key)
);

create table integration_tokens (
    id uuid not null primary key,
    system_id uuid not null references systems (id) on delete cascade,
    global_account_id uuid not null,
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at timestamp with time zone,
    superseded_at timestamp with time zone,
    constraint uq_integration_tokens_hash unique (token_hash)
);
create index ix_integration_tokens_system on integration_tokens (system_id);

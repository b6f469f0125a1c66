-- Accounts, identities and the keys that sign Mooring's tokens.
create table global_accounts (
    id uuid not null primary key,
    display_name varchar(255) not null,
    created_at timestamp with time zone not null
);

create table subaccounts (
    id uuid not null primary key,
    global_account_id uuid not null references global_accounts (id),
    display_name varchar(255) not null,
    subdomain varchar(63) not null,
    region varchar(32) not null,
    description varchar(2000),
    created_at timestamp with time zone not null,
    constraint uq_subaccounts_subdomain unique (subdomain)
);
create index ix_subaccounts_global_account on subaccounts (global_account_id);

create table users (
    id uuid not null primary key,
    global_account_id uuid not null references global_accounts (id),
    username varchar(255) not null,
    password_hash varchar(255) not null,
    created_at timestamp with time zone not null,
    constraint uq_users_username unique (username)
);
create index ix_users_global_account on users (global_account_id);

create table user_role_collections (
    user_id uuid not null references users (id) on delete cascade,
    role_collection varchar(64) not null,
    primary key (user_id, role_collection)
);

-- OAuth clients of every kind: API clients, paired systems, later service bindings.
-- High-volume tables carry global_account_id without a foreign key: every insert would share-lock the one account
-- row, and PostgreSQL turns many concurrent share locks on one row into MultiXacts, which cost more CPU than the
-- insert itself. Global accounts are never deleted, and the id always comes from a verified token.
create table oauth_clients (
    client_id varchar(128) not null primary key,
    global_account_id uuid not null,
    owner_type varchar(32) not null,
    owner_id uuid not null,
    secret_hash varchar(128) not null,
    description varchar(2000),
    created_at timestamp with time zone not null
);
create index ix_oauth_clients_owner on oauth_clients (global_account_id, owner_type, owner_id);

create table oauth_client_role_collections (
    client_id varchar(128) not null references oauth_clients (client_id) on delete cascade,
    role_collection varchar(64) not null,
    primary key (client_id, role_collection)
);

create table signing_keys (
    kid varchar(64) not null primary key,
    private_key_pem varchar(8000) not null,
    created_at timestamp with time zone not null,
    retired_at timestamp with time zone
);

create table certificate_authorities (
    name varchar(64) not null primary key,
    certificate_pem varchar(8000) not null,
    private_key_pem varchar(8000) not null,
    created_at timestamp with time zone not null
);

create table audit_events (
    id uuid not null primary key,
    global_account_id uuid,
    occurred_at timestamp with time zone not null,
    actor varchar(255) not null,
    action varchar(64) not null,
    target_type varchar(64),
    target_id varchar(255),
    outcome varchar(16) not null,
    detail varchar(4000),
    client_address varchar(64)
);
create index ix_audit_events_account on audit_events (global_account_id, id);

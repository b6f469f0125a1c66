-- Connector registrations of subaccounts, one per location ID ('' is the default connector), each with its one-time
-- pairing token (only its hash is kept), and every certificate issued to a connector, by serial, so that the tunnel
-- endpoint can look a presented certificate up. A certificate is bound to its registration: deleting the
-- registration deletes its certificates, and the tunnel refuses them from then on.
create table connectors (
    id uuid not null primary key,
    global_account_id uuid not null,
    subaccount_id uuid not null references subaccounts (id),
    location_id varchar(64) default '' not null,
    description varchar(2000),
    created_at timestamp with time zone not null,
    created_by varchar(255) not null,
    token_hash varchar(64) not null,
    token_expires_at timestamp with time zone not null,
    token_used_at timestamp with time zone,
    certificate_serial varchar(64),
    certificate_not_after timestamp with time zone,
    constraint uq_connectors_location unique (subaccount_id, location_id),
    constraint uq_connectors_token unique (token_hash)
);

-- fingerprint is the SHA-256 of the certificate's DER: a presented certificate counts only if it is this very one.
create table connector_certificates (
    serial varchar(64) not null primary key,
    connector_id uuid not null references connectors (id) on delete cascade,
    fingerprint varchar(64) not null,
    issued_at timestamp with time zone not null,
    not_after timestamp with time zone not null,
    superseded_at timestamp with time zone
);
create index ix_connector_certificates_connector on connector_certificates (connector_id);

-- PostgreSQL-only storage settings for connectors (see V2_1): random or case-sensitive keys compare byte-wise, as on
-- H2, without a locale collation in their indexes.
alter table connectors alter column token_hash type varchar(64) collate "C";
alter table connectors alter column location_id type varchar(64) collate "C";
alter table connector_certificates alter column serial type varchar(64) collate "C";

-- PostgreSQL-only storage settings (H2 has no equivalent; Flyway runs this folder on PostgreSQL only).
-- Keys that are random or already lower-cased by Mooring compare byte-wise: no locale collation in their indexes.
alter table integration_tokens alter column token_hash type varchar(64) collate "C";
alter table systems alter column name_key type varchar(255) collate "C";
alter table system_numbers alter column system_number type varchar(128) collate "C";
-- Room on each page so that status changes (pairing, deregistration) are HOT updates that touch no index.
alter table systems set (fillfactor = 80);
alter table integration_tokens set (fillfactor = 80);

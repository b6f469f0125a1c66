-- Destination and certificate names compare and sort byte-wise, as on H2: pages come in the same order on both.
alter table destinations alter column name type varchar(200) collate "C";
alter table destination_certificates alter column name type varchar(200) collate "C";

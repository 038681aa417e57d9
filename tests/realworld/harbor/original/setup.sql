-- Not Harbor's: the ledger of golang-migrate, which runs Harbor's history
-- and which 0030 and 0040 alter; t_realworld.sh creates it before the
-- files and drops it after them, so that they run as in Harbor.
CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);

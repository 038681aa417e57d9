-- Not Harbor's: see setup.sql.
DROP TABLE schema_migrations;

-- 0002_drop: down, reversible
BEGIN;
CREATE EXTENSION "hstore";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "docs";
DROP EXTENSION "hstore";
DROP EXTENSION "pgcrypto";
COMMIT;
[exit 0]

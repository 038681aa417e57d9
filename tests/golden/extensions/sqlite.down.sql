-- 0002_drop: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no extensions: create extension hstore has nothing to do
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "docs";
-- sqlite: no extensions: drop extension hstore has nothing to do
-- sqlite: no extensions: drop extension pgcrypto has nothing to do
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

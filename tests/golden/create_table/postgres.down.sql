-- 0002_create_sessions: down, reversible
BEGIN;
DROP TABLE "sessions";
COMMIT;

-- 0001_create_table: down, reversible
BEGIN;
DROP TABLE "accounts";
COMMIT;
[exit 0]

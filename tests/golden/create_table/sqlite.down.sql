-- 0002_create_sessions: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "sessions";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create_table: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "accounts";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0003_drop_index: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE INDEX "events_kind_idx" ON "events" ("kind");
CREATE INDEX "events_recent_idx" ON "events" ("at") WHERE (at > '2026-01-01');
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_index: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "events_recent_idx";
DROP INDEX "events_user_id_at_key";
DROP INDEX "events_kind_idx";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "events";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

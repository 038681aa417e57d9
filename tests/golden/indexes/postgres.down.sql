-- 0003_drop_index: down, reversible
BEGIN;
CREATE INDEX "events_kind_idx" ON "events" ("kind");
CREATE INDEX "events_recent_idx" ON "events" ("at") WHERE (at > '2026-01-01');
COMMIT;

-- 0002_index: down, reversible
BEGIN;
DROP INDEX "events_recent_idx";
DROP INDEX "events_user_id_at_key";
DROP INDEX "events_kind_idx";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "events";
COMMIT;
[exit 0]

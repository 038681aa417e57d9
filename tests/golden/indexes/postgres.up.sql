-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "events" (
    "id" serial NOT NULL,
    "kind" text NOT NULL,
    "at" timestamptz,
    "user_id" integer,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_index: up, reversible
BEGIN;
CREATE INDEX "events_kind_idx" ON "events" ("kind");
CREATE UNIQUE INDEX "events_user_id_at_key" ON "events" ("user_id", "at");
CREATE INDEX "events_recent_idx" ON "events" ("at") WHERE (at > '2026-01-01');
COMMIT;

-- 0003_drop_index: up, reversible
BEGIN;
DROP INDEX "events_recent_idx";
DROP INDEX "events_kind_idx";
COMMIT;
[exit 0]

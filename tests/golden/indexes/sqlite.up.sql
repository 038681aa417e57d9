-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "events" (
    "id" integer NOT NULL,
    "kind" text NOT NULL,
    "at" timestamptz,
    "user_id" integer,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_index: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE INDEX "events_kind_idx" ON "events" ("kind");
CREATE UNIQUE INDEX "events_user_id_at_key" ON "events" ("user_id", "at");
CREATE INDEX "events_recent_idx" ON "events" ("at") WHERE (at > '2026-01-01');
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop_index: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "events_recent_idx";
DROP INDEX "events_kind_idx";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

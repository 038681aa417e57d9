-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "logs" (
    "id" integer NOT NULL,
    "line" text,
    CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_index: up, reversible
-- no transaction: each statement runs on its own
CREATE INDEX "logs_line_idx" ON "logs" ("line");
[exit 0]

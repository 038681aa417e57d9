-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "logs" (
    "id" serial NOT NULL,
    "line" text,
    CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_index: up, reversible
-- no transaction: each statement runs on its own
CREATE INDEX CONCURRENTLY "logs_line_idx" ON "logs" ("line");
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE EXTENSION IF NOT EXISTS "pgcrypto";
CREATE EXTENSION "hstore";
CREATE TABLE "docs" (
    "id" bigint NOT NULL,
    "body" text,
    CONSTRAINT "docs_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_drop: up, reversible
BEGIN;
DROP EXTENSION "hstore";
COMMIT;
[exit 0]

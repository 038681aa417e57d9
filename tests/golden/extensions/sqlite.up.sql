-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no extensions: create extension pgcrypto has nothing to do
-- sqlite: no extensions: create extension hstore has nothing to do
CREATE TABLE "docs" (
    "id" bigint NOT NULL,
    "body" text,
    CONSTRAINT "docs_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_drop: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no extensions: drop extension hstore has nothing to do
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "accounts" (
    "id" bigint NOT NULL,
    "email" text NOT NULL,
    "name" varchar(100),
    "created" timestamptz,
    "score" integer,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_indexes: up, reversible
BEGIN;
CREATE UNIQUE INDEX "accounts_lower_key" ON "accounts" ((lower(email)));
CREATE INDEX "accounts_name_first" ON "accounts" ("name", (score + 1) DESC);
COMMIT;

-- 0003_rename: up, reversible
BEGIN;
ALTER TABLE "accounts" RENAME COLUMN "email" TO "mail";
COMMIT;

-- 0004_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.score
BEGIN;
DROP INDEX "accounts_lower_key";
DROP INDEX "accounts_name_first";
ALTER TABLE "accounts" DROP COLUMN "score";
COMMIT;
[exit 0]

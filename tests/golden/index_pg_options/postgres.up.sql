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
CREATE INDEX "accounts_email_pattern" ON "accounts" USING btree ("email" text_pattern_ops NULLS LAST) INCLUDE ("name");
CREATE INDEX "accounts_name_idx" ON "accounts" USING hash ("name");
CREATE INDEX "accounts_created_brin" ON "accounts" USING brin ("created");
COMMIT;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.name
BEGIN;
DROP INDEX "accounts_email_pattern";
DROP INDEX "accounts_name_idx";
ALTER TABLE "accounts" DROP COLUMN "name";
COMMIT;
[exit 0]

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.name
BEGIN;
ALTER TABLE "accounts" ADD COLUMN "name" varchar(100);
CREATE INDEX "accounts_name_idx" ON "accounts" USING hash ("name");
CREATE INDEX "accounts_email_pattern" ON "accounts" USING btree ("email" text_pattern_ops NULLS LAST) INCLUDE ("name");
COMMIT;

-- 0002_indexes: down, reversible
BEGIN;
DROP INDEX "accounts_created_brin";
DROP INDEX "accounts_name_idx";
DROP INDEX "accounts_email_pattern";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "accounts";
COMMIT;
[exit 0]

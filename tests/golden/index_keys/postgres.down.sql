-- 0004_fk_served: down, reversible
BEGIN;
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_owner_fk";
DROP INDEX "accounts_owner_recent";
ALTER TABLE "accounts" DROP COLUMN "owner_id";
DROP TABLE "owners";
COMMIT;

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.created
BEGIN;
ALTER TABLE "accounts" ADD COLUMN "created" timestamptz;
CREATE INDEX "accounts_created_idx" ON "accounts" ("created" DESC);
CREATE INDEX "accounts_score_name" ON "accounts" ("score" DESC, "name" ASC) WHERE (score > 0);
COMMIT;

-- 0002_indexes: down, reversible
BEGIN;
DROP INDEX "accounts_score_name";
DROP INDEX "accounts_created_idx";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "accounts";
COMMIT;
[exit 0]

-- 0004_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.score
-- may fail on data: creating unique index accounts_lower_key back fails on duplicates written meanwhile
BEGIN;
ALTER TABLE "accounts" ADD COLUMN "score" integer;
CREATE INDEX "accounts_name_first" ON "accounts" ("name", (score + 1) DESC);
CREATE UNIQUE INDEX "accounts_lower_key" ON "accounts" ((lower(mail)));
COMMIT;

-- 0003_rename: down, reversible
BEGIN;
ALTER TABLE "accounts" RENAME COLUMN "mail" TO "email";
COMMIT;

-- 0002_indexes: down, reversible
BEGIN;
DROP INDEX "accounts_name_first";
DROP INDEX "accounts_lower_key";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "accounts";
COMMIT;
[exit 0]

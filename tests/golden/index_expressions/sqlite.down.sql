-- 0004_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.score
-- may fail on data: creating unique index accounts_lower_key back fails on duplicates written meanwhile
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "accounts" ADD COLUMN "score" integer;
CREATE INDEX "accounts_name_first" ON "accounts" ("name", (score + 1) DESC);
CREATE UNIQUE INDEX "accounts_lower_key" ON "accounts" ((lower(mail)));
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "accounts" RENAME COLUMN "mail" TO "email";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_indexes: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "accounts_name_first";
DROP INDEX "accounts_lower_key";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "accounts";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column accounts.created
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "accounts" ADD COLUMN "created" timestamptz;
CREATE INDEX "accounts_created_idx" ON "accounts" ("created" DESC);
CREATE INDEX "accounts_score_name" ON "accounts" ("score" DESC, "name" ASC) WHERE (score > 0);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_indexes: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "accounts_score_name";
DROP INDEX "accounts_created_idx";
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

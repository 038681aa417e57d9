-- 0004_fk_served: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop constraint: rebuild table accounts
CREATE TABLE "migc_new_accounts" (
    "id" bigint NOT NULL,
    "email" text NOT NULL,
    "name" varchar(100),
    "score" integer,
    "owner_id" bigint,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_accounts" ("id", "email", "name", "score", "owner_id") SELECT "id", "email", "name", "score", "owner_id" FROM "accounts";
DROP TABLE "accounts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_accounts" RENAME TO "accounts";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "accounts_owner_recent" ON "accounts" ("owner_id", "score" DESC);
DROP INDEX "accounts_owner_recent";
ALTER TABLE "accounts" DROP COLUMN "owner_id";
DROP TABLE "owners";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

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

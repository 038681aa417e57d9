-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "accounts" (
    "id" bigint NOT NULL,
    "email" text NOT NULL,
    "name" varchar(100),
    "created" timestamptz,
    "score" integer,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_indexes: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE UNIQUE INDEX "accounts_lower_key" ON "accounts" ((lower(email)));
CREATE INDEX "accounts_name_first" ON "accounts" ("name", (score + 1) DESC);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "accounts" RENAME COLUMN "email" TO "mail";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.score
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "accounts_lower_key";
-- sqlite: drop column: rebuild table accounts
CREATE TABLE "migc_new_accounts" (
    "id" bigint NOT NULL,
    "mail" text NOT NULL,
    "name" varchar(100),
    "created" timestamptz,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_accounts" ("id", "mail", "name", "created") SELECT "id", "mail", "name", "created" FROM "accounts";
DROP TABLE "accounts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_accounts" RENAME TO "accounts";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

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
CREATE INDEX "accounts_created_idx" ON "accounts" ("created" DESC);
CREATE INDEX "accounts_score_name" ON "accounts" ("score" DESC, "name" ASC) WHERE (score > 0);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.created
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "accounts_score_name";
-- sqlite: drop column: rebuild table accounts
CREATE TABLE "migc_new_accounts" (
    "id" bigint NOT NULL,
    "email" text NOT NULL,
    "name" varchar(100),
    "score" integer,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_accounts" ("id", "email", "name", "score") SELECT "id", "email", "name", "score" FROM "accounts";
DROP TABLE "accounts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_accounts" RENAME TO "accounts";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_fk_served: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "owners" (
    "id" bigint NOT NULL,
    CONSTRAINT "owners_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "accounts" ADD COLUMN "owner_id" bigint;
CREATE INDEX "accounts_owner_recent" ON "accounts" ("owner_id", "score" DESC);
-- sqlite: add constraint: rebuild table accounts
CREATE TABLE "migc_new_accounts" (
    "id" bigint NOT NULL,
    "email" text NOT NULL,
    "name" varchar(100),
    "score" integer,
    "owner_id" bigint,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id")
);
INSERT INTO "migc_new_accounts" ("id", "email", "name", "score", "owner_id") SELECT "id", "email", "name", "score", "owner_id" FROM "accounts";
DROP TABLE "accounts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_accounts" RENAME TO "accounts";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "accounts_owner_recent" ON "accounts" ("owner_id", "score" DESC);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

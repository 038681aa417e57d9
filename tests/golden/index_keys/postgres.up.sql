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
CREATE INDEX "accounts_created_idx" ON "accounts" ("created" DESC);
CREATE INDEX "accounts_score_name" ON "accounts" ("score" DESC, "name" ASC) WHERE (score > 0);
COMMIT;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column accounts.created
BEGIN;
DROP INDEX "accounts_score_name";
DROP INDEX "accounts_created_idx";
ALTER TABLE "accounts" DROP COLUMN "created";
COMMIT;

-- 0004_fk_served: up, reversible
BEGIN;
CREATE TABLE "owners" (
    "id" bigint NOT NULL,
    CONSTRAINT "owners_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "accounts" ADD COLUMN "owner_id" bigint;
CREATE INDEX "accounts_owner_recent" ON "accounts" ("owner_id", "score" DESC);
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_owner_fk" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id");
COMMIT;
[exit 0]

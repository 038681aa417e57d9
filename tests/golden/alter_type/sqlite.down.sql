-- 0003_narrow: down, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table metrics
CREATE TABLE "migc_new_metrics" (
    "id" integer NOT NULL,
    "hits" bigint NOT NULL DEFAULT 0,
    "name" varchar(100),
    "code" text,
    "value" integer,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_metrics" ("id", "hits", "name", "code", "value") SELECT "id", "hits", "name", "code", "value" FROM "metrics";
DROP TABLE "metrics";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_metrics" RENAME TO "metrics";
PRAGMA legacy_alter_table = OFF;
-- sqlite: alter column type: rebuild table metrics
CREATE TABLE "migc_new_metrics" (
    "id" integer NOT NULL,
    "hits" bigint NOT NULL DEFAULT 0,
    "name" varchar(100),
    "code" text,
    "value" bigint,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_metrics" ("id", "hits", "name", "code", "value") SELECT "id", "hits", "name", "code", "value" FROM "metrics";
DROP TABLE "metrics";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_metrics" RENAME TO "metrics";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_widen: down, reversible
-- may fail on data: changing column metrics.hits back from bigint to integer fails on values written meanwhile that integer does not hold; changing column metrics.name back from varchar(100) to varchar(50) fails on values written meanwhile that varchar(50) does not hold
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table metrics
CREATE TABLE "migc_new_metrics" (
    "id" integer NOT NULL,
    "hits" bigint NOT NULL DEFAULT 0,
    "name" varchar(50),
    "code" text,
    "value" bigint,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_metrics" ("id", "hits", "name", "code", "value") SELECT "id", "hits", "name", "code", "value" FROM "metrics";
DROP TABLE "metrics";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_metrics" RENAME TO "metrics";
PRAGMA legacy_alter_table = OFF;
-- sqlite: alter column type: rebuild table metrics
CREATE TABLE "migc_new_metrics" (
    "id" integer NOT NULL,
    "hits" integer NOT NULL DEFAULT 0,
    "name" varchar(50),
    "code" text,
    "value" bigint,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_metrics" ("id", "hits", "name", "code", "value") SELECT "id", "hits", "name", "code", "value" FROM "metrics";
DROP TABLE "metrics";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_metrics" RENAME TO "metrics";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "metrics";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

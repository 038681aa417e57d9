-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "metrics" (
    "id" integer NOT NULL,
    "hits" integer NOT NULL DEFAULT 0,
    "name" varchar(50),
    "code" text,
    "value" bigint,
    CONSTRAINT "metrics_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_widen: up, reversible
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

-- 0003_narrow: up, lossy
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
    "code" varchar(10),
    "value" integer,
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
[exit 0]

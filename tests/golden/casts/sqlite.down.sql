-- 0002_defaults: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "prefs" DROP COLUMN "code";
ALTER TABLE "prefs" DROP COLUMN "flag";
-- sqlite: set default: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('lightly' AS TEXT)),
    "n" integer DEFAULT (CAST(7 AS INTEGER)),
    "price" numeric(10,2) DEFAULT (CAST('1.50' AS NUMERIC)),
    "day" date DEFAULT (CAST('2020-01-02' AS TEXT)),
    "label" text DEFAULT (upper(CAST('abc' AS TEXT))),
    "at" timestamptz DEFAULT (CAST('2020-01-01 10:00' AS TEXT)),
    "v" text DEFAULT (CAST(CAST((1.5) AS REAL) AS TEXT)),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_prefs" ("id", "theme", "n", "price", "day", "label", "at", "v") SELECT "id", "theme", "n", "price", "day", "label", "at", "v" FROM "prefs";
DROP TABLE "prefs";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_prefs" RENAME TO "prefs";
PRAGMA legacy_alter_table = OFF;
-- sqlite: set default: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('darkly' AS TEXT)),
    "n" integer DEFAULT (CAST(7 AS INTEGER)),
    "price" numeric(10,2) DEFAULT (CAST('1.50' AS NUMERIC)),
    "day" date DEFAULT (CAST('2020-01-02' AS TEXT)),
    "label" text DEFAULT (upper(CAST('abc' AS TEXT))),
    "at" timestamptz DEFAULT (CAST('2020-01-01 10:00' AS TEXT)),
    "v" text DEFAULT (CAST(CAST((1.5) AS REAL) AS TEXT)),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_prefs" ("id", "theme", "n", "price", "day", "label", "at", "v") SELECT "id", "theme", "n", "price", "day", "label", "at", "v" FROM "prefs";
DROP TABLE "prefs";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_prefs" RENAME TO "prefs";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: set default: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('darkly' AS TEXT)),
    "n" integer DEFAULT (CAST('42' AS INTEGER)),
    "price" numeric(10,2) DEFAULT (CAST('1.50' AS NUMERIC)),
    "day" date DEFAULT (CAST('2020-01-02' AS TEXT)),
    "label" text DEFAULT (upper(CAST('abc' AS TEXT))),
    "at" timestamptz DEFAULT (CAST('2020-01-01 10:00' AS TEXT)),
    "v" text DEFAULT (CAST(CAST((1.5) AS REAL) AS TEXT)),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_prefs" ("id", "theme", "n", "price", "day", "label", "at", "v") SELECT "id", "theme", "n", "price", "day", "label", "at", "v" FROM "prefs";
DROP TABLE "prefs";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_prefs" RENAME TO "prefs";
PRAGMA legacy_alter_table = OFF;
DROP TABLE "prefs";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

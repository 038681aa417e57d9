-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "prefs" (
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

-- 0002_defaults: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
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
-- sqlite: drop default: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('lightly' AS TEXT)),
    "n" integer DEFAULT (CAST(7 AS INTEGER)),
    "price" numeric(10,2),
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
-- sqlite: add column: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('lightly' AS TEXT)),
    "n" integer DEFAULT (CAST(7 AS INTEGER)),
    "price" numeric(10,2),
    "day" date DEFAULT (CAST('2020-01-02' AS TEXT)),
    "label" text DEFAULT (upper(CAST('abc' AS TEXT))),
    "at" timestamptz DEFAULT (CAST('2020-01-01 10:00' AS TEXT)),
    "v" text DEFAULT (CAST(CAST((1.5) AS REAL) AS TEXT)),
    "flag" boolean NOT NULL DEFAULT (CAST('true' AS INTEGER)),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_prefs" ("id", "theme", "n", "price", "day", "label", "at", "v") SELECT "id", "theme", "n", "price", "day", "label", "at", "v" FROM "prefs";
DROP TABLE "prefs";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_prefs" RENAME TO "prefs";
PRAGMA legacy_alter_table = OFF;
-- sqlite: add column: rebuild table prefs
CREATE TABLE "migc_new_prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT (CAST('lightly' AS TEXT)),
    "n" integer DEFAULT (CAST(7 AS INTEGER)),
    "price" numeric(10,2),
    "day" date DEFAULT (CAST('2020-01-02' AS TEXT)),
    "label" text DEFAULT (upper(CAST('abc' AS TEXT))),
    "at" timestamptz DEFAULT (CAST('2020-01-01 10:00' AS TEXT)),
    "v" text DEFAULT (CAST(CAST((1.5) AS REAL) AS TEXT)),
    "flag" boolean NOT NULL DEFAULT (CAST('true' AS INTEGER)),
    "code" char(3) DEFAULT (coalesce(CAST(null AS TEXT), CAST('abc' AS TEXT))),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_prefs" ("id", "theme", "n", "price", "day", "label", "at", "v", "flag") SELECT "id", "theme", "n", "price", "day", "label", "at", "v", "flag" FROM "prefs";
DROP TABLE "prefs";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_prefs" RENAME TO "prefs";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

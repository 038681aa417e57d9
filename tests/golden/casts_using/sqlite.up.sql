-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "readings" (
    "id" bigint NOT NULL,
    "value" integer,
    "taken" text,
    CONSTRAINT "readings_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_retype: up, lossy
-- lossy: the down cannot bring back the values of column readings.value as they were before the change to text; values of column readings.taken as they were before the change to varchar(40)
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table readings
CREATE TABLE "migc_new_readings" (
    "id" bigint NOT NULL,
    "value" text,
    "taken" text,
    CONSTRAINT "readings_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_readings" ("id", "value", "taken") SELECT "id", (CAST(CAST(value AS INTEGER) AS TEXT)), "taken" FROM "readings";
DROP TABLE "readings";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_readings" RENAME TO "readings";
PRAGMA legacy_alter_table = OFF;
-- sqlite: alter column type: rebuild table readings
CREATE TABLE "migc_new_readings" (
    "id" bigint NOT NULL,
    "value" text,
    "taken" varchar(40),
    CONSTRAINT "readings_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_readings" ("id", "value", "taken") SELECT "id", "value", (CAST(coalesce(taken, 'none') AS TEXT)) FROM "readings";
DROP TABLE "readings";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_readings" RENAME TO "readings";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

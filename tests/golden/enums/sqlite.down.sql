-- 0006_drop: down, lossy
-- lossy: the down cannot bring back the rows of table notes; values of column people.mood
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: type mood is text with a check of its labels in each column that uses it
ALTER TABLE "people" ADD COLUMN "mood" text NOT NULL DEFAULT 'cheerful';
CREATE TABLE "notes" (
    "id" integer NOT NULL,
    "body" text NOT NULL,
    "tone" TEXT CHECK ("tone" IN ('glad', 'cheerful', 'ok', 'sad', 'meh')),
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0005_to_text: down, lossy
-- lossy: the down cannot bring back the values of column people.mood as they were before the change to text
-- may fail on data: changing column people.mood back from text to mood fails on values written meanwhile that mood does not hold
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table people
CREATE TABLE "migc_new_people" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "mood" TEXT NOT NULL DEFAULT 'cheerful' CHECK ("mood" IN ('glad', 'cheerful', 'ok', 'sad', 'meh')),
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_people" ("id", "name", "mood") SELECT "id", "name", "mood" FROM "people";
DROP TABLE "people";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_people" RENAME TO "people";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_rename_value: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: labels of type mood: rebuild table people
CREATE TABLE "migc_new_people" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('glad', 'happy', 'ok', 'sad', 'meh')),
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_people" ("id", "name", "mood") SELECT "id", "name", CASE "mood" WHEN 'cheerful' THEN 'happy' ELSE "mood" END FROM "people";
DROP TABLE "people";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_people" RENAME TO "people";
PRAGMA legacy_alter_table = OFF;
-- sqlite: labels of type mood: rebuild table notes
CREATE TABLE "migc_new_notes" (
    "id" integer NOT NULL,
    "body" text NOT NULL,
    "tone" TEXT CHECK ("tone" IN ('glad', 'happy', 'ok', 'sad', 'meh')),
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_notes" ("id", "body", "tone") SELECT "id", "body", CASE "tone" WHEN 'cheerful' THEN 'happy' ELSE "tone" END FROM "notes";
DROP TABLE "notes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_notes" RENAME TO "notes";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_add_values: down, reversible
-- may fail on data: removing label 'ok' from type mood fails once a row holds it; removing label 'glad' from type mood fails once a row holds it; removing label 'meh' from type mood fails once a row holds it
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: labels of type mood: rebuild table people
CREATE TABLE "migc_new_people" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('glad', 'happy', 'ok', 'sad')),
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_people" ("id", "name", "mood") SELECT "id", "name", "mood" FROM "people";
DROP TABLE "people";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_people" RENAME TO "people";
PRAGMA legacy_alter_table = OFF;
-- sqlite: labels of type mood: rebuild table notes
CREATE TABLE "migc_new_notes" (
    "id" integer NOT NULL,
    "body" text NOT NULL,
    "tone" TEXT CHECK ("tone" IN ('glad', 'happy', 'ok', 'sad')),
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_notes" ("id", "body", "tone") SELECT "id", "body", "tone" FROM "notes";
DROP TABLE "notes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_notes" RENAME TO "notes";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
-- sqlite: labels of type mood: rebuild table people
CREATE TABLE "migc_new_people" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('happy', 'ok', 'sad')),
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_people" ("id", "name", "mood") SELECT "id", "name", "mood" FROM "people";
DROP TABLE "people";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_people" RENAME TO "people";
PRAGMA legacy_alter_table = OFF;
-- sqlite: labels of type mood: rebuild table notes
CREATE TABLE "migc_new_notes" (
    "id" integer NOT NULL,
    "body" text NOT NULL,
    "tone" TEXT CHECK ("tone" IN ('happy', 'ok', 'sad')),
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_notes" ("id", "body", "tone") SELECT "id", "body", "tone" FROM "notes";
DROP TABLE "notes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_notes" RENAME TO "notes";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
-- sqlite: labels of type mood: rebuild table people
CREATE TABLE "migc_new_people" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('happy', 'sad')),
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_people" ("id", "name", "mood") SELECT "id", "name", "mood" FROM "people";
DROP TABLE "people";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_people" RENAME TO "people";
PRAGMA legacy_alter_table = OFF;
-- sqlite: labels of type mood: rebuild table notes
CREATE TABLE "migc_new_notes" (
    "id" integer NOT NULL,
    "body" text NOT NULL,
    "tone" TEXT CHECK ("tone" IN ('happy', 'sad')),
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_notes" ("id", "body", "tone") SELECT "id", "body", "tone" FROM "notes";
DROP TABLE "notes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_notes" RENAME TO "notes";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_second_user: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "notes_tone_idx";
DROP TABLE "notes";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "people";
-- sqlite: type mood is text with a check of its labels in each column that uses it
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0006_drop: down, lossy
-- lossy: the down cannot bring back the rows of table notes; values of column people.mood
BEGIN;
CREATE TYPE "mood" AS ENUM ('glad', 'cheerful', 'ok', 'sad', 'meh');
ALTER TABLE "people" ADD COLUMN "mood" text NOT NULL DEFAULT 'cheerful';
CREATE TABLE "notes" (
    "id" bigserial NOT NULL,
    "body" text NOT NULL,
    "tone" "mood",
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
COMMIT;

-- 0005_to_text: down, lossy
-- lossy: the down cannot bring back the values of column people.mood as they were before the change to text
-- may fail on data: changing column people.mood back from text to mood fails on values written meanwhile that mood does not hold
BEGIN;
ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT,
    ALTER COLUMN "mood" TYPE "mood" USING "mood"::"mood",
    ALTER COLUMN "mood" SET DEFAULT 'cheerful';
COMMIT;

-- 0004_rename_value: down, reversible
BEGIN;
ALTER TYPE "mood" RENAME VALUE 'cheerful' TO 'happy';
COMMIT;

-- 0003_add_values: down, reversible
-- may fail on data: removing label 'ok' from type mood fails once a row holds it; removing label 'glad' from type mood fails once a row holds it; removing label 'meh' from type mood fails once a row holds it
BEGIN;
-- postgres cannot drop an enum label: rebuild type mood
ALTER TYPE "mood" RENAME TO "migc_old_mood";
CREATE TYPE "mood" AS ENUM ('glad', 'happy', 'ok', 'sad');
ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT;
ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";
ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT 'happy';
ALTER TABLE "notes" ALTER COLUMN "tone" TYPE "mood" USING "tone"::text::"mood";
DROP TYPE "migc_old_mood";
-- postgres cannot drop an enum label: rebuild type mood
ALTER TYPE "mood" RENAME TO "migc_old_mood";
CREATE TYPE "mood" AS ENUM ('happy', 'ok', 'sad');
ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT;
ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";
ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT 'happy';
ALTER TABLE "notes" ALTER COLUMN "tone" TYPE "mood" USING "tone"::text::"mood";
DROP TYPE "migc_old_mood";
-- postgres cannot drop an enum label: rebuild type mood
ALTER TYPE "mood" RENAME TO "migc_old_mood";
CREATE TYPE "mood" AS ENUM ('happy', 'sad');
ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT;
ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";
ALTER TABLE "people" ALTER COLUMN "mood" SET DEFAULT 'happy';
ALTER TABLE "notes" ALTER COLUMN "tone" TYPE "mood" USING "tone"::text::"mood";
DROP TYPE "migc_old_mood";
COMMIT;

-- 0002_second_user: down, reversible
BEGIN;
DROP INDEX "notes_tone_idx";
DROP TABLE "notes";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "people";
DROP TYPE "mood";
COMMIT;
[exit 0]

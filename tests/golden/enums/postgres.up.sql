-- 0001_create: up, reversible
BEGIN;
CREATE TYPE "mood" AS ENUM ('happy', 'sad');
CREATE TABLE "people" (
    "id" bigserial NOT NULL,
    "name" text NOT NULL,
    "mood" "mood" NOT NULL DEFAULT 'happy',
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_second_user: up, reversible
BEGIN;
CREATE TABLE "notes" (
    "id" bigserial NOT NULL,
    "body" text NOT NULL,
    "tone" "mood",
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "notes_tone_idx" ON "notes" ("tone");
COMMIT;

-- 0003_add_values: up, reversible
BEGIN;
ALTER TYPE "mood" ADD VALUE 'ok' AFTER 'happy';
ALTER TYPE "mood" ADD VALUE 'glad' BEFORE 'happy';
ALTER TYPE "mood" ADD VALUE 'meh';
COMMIT;

-- 0004_rename_value: up, reversible
BEGIN;
ALTER TYPE "mood" RENAME VALUE 'happy' TO 'cheerful';
COMMIT;

-- 0005_to_text: up, lossy
-- lossy: the down cannot bring back the values of column people.mood as they were before the change to text
BEGIN;
ALTER TABLE "people" ALTER COLUMN "mood" DROP DEFAULT,
    ALTER COLUMN "mood" TYPE text,
    ALTER COLUMN "mood" SET DEFAULT 'cheerful';
COMMIT;

-- 0006_drop: up, lossy
-- lossy: the down cannot bring back the rows of table notes; values of column people.mood
BEGIN;
DROP TABLE "notes";
ALTER TABLE "people" DROP COLUMN "mood";
DROP TYPE "mood";
COMMIT;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "notes" (
    "id" bigint NOT NULL,
    "body" text,
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
COMMENT ON TABLE "notes" IS 'Free text notes';
COMMENT ON COLUMN "notes"."body" IS 'What the user wrote, O''Brien''s too';
COMMIT;

-- 0002_change: up, reversible
BEGIN;
COMMENT ON COLUMN "notes"."body" IS 'The text';
COMMENT ON TABLE "notes" IS NULL;
COMMIT;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column notes.body
BEGIN;
ALTER TABLE "notes" DROP COLUMN "body";
COMMIT;
[exit 0]

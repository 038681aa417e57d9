-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column notes.body
BEGIN;
ALTER TABLE "notes" ADD COLUMN "body" text;
COMMENT ON COLUMN "notes"."body" IS 'The text';
COMMIT;

-- 0002_change: down, reversible
BEGIN;
COMMENT ON TABLE "notes" IS 'Free text notes';
COMMENT ON COLUMN "notes"."body" IS 'What the user wrote, O''Brien''s too';
COMMIT;

-- 0001_create: down, reversible
BEGIN;
COMMENT ON COLUMN "notes"."body" IS NULL;
COMMENT ON TABLE "notes" IS NULL;
DROP TABLE "notes";
COMMIT;
[exit 0]

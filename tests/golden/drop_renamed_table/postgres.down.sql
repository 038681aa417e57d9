-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the rows of table b
BEGIN;
CREATE TABLE "b" (
    "id" serial NOT NULL,
    "n" text,
    CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);
ALTER SEQUENCE "b_id_seq" RENAME TO "a_id_seq";
COMMIT;

-- 0002_rename: down, reversible
BEGIN;
ALTER TABLE "b" RENAME TO "a";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "a";
COMMIT;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "a" (
    "id" serial NOT NULL,
    "n" text,
    CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_rename: up, reversible
BEGIN;
ALTER TABLE "a" RENAME TO "b";
COMMIT;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the rows of table b
BEGIN;
DROP TABLE "b";
COMMIT;
[exit 0]

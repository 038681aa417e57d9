-- 0002_using: down, lossy
-- lossy: the down cannot bring back the values of column codes.code as they were before the change to varchar(10)
BEGIN;
ALTER TABLE "codes" ALTER COLUMN "code" TYPE text USING "code"::text;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "codes";
COMMIT;
[exit 0]

-- 0003_narrow: down, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "code" TYPE text;
ALTER TABLE "metrics" ALTER COLUMN "value" TYPE bigint;
COMMIT;

-- 0002_widen: down, reversible
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "name" TYPE varchar(50);
ALTER TABLE "metrics" ALTER COLUMN "hits" TYPE integer;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "metrics";
COMMIT;
[exit 0]

-- 0003_narrow: down, lossy
-- lossy: the down cannot bring back the values of column metrics.value as they were before the change to integer; values of column metrics.code as they were before the change to varchar(10)
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "code" TYPE text USING "code"::text;
ALTER TABLE "metrics" ALTER COLUMN "value" TYPE bigint USING "value"::bigint;
COMMIT;

-- 0002_widen: down, reversible
-- may fail on data: changing column metrics.hits back from bigint to integer fails on values written meanwhile that integer does not hold; changing column metrics.name back from varchar(100) to varchar(50) fails on values written meanwhile that varchar(50) does not hold
BEGIN;
ALTER TABLE "metrics" ALTER COLUMN "name" TYPE varchar(50) USING "name"::varchar(50);
ALTER TABLE "metrics" ALTER COLUMN "hits" DROP DEFAULT,
    ALTER COLUMN "hits" TYPE integer USING "hits"::integer,
    ALTER COLUMN "hits" SET DEFAULT 0;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "metrics";
COMMIT;
[exit 0]

-- 0002_retype: down, lossy
-- lossy: the down cannot bring back the values of column readings.value as they were before the change to text; values of column readings.taken as they were before the change to varchar(40)
-- may fail on data: changing column readings.value back from text to integer fails on values written meanwhile that integer does not hold
BEGIN;
ALTER TABLE "readings" ALTER COLUMN "taken" TYPE text USING "taken"::text;
ALTER TABLE "readings" ALTER COLUMN "value" TYPE integer USING "value"::integer;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "readings";
COMMIT;
[exit 0]

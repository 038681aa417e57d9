-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "readings" (
    "id" bigint NOT NULL,
    "value" integer,
    "taken" text,
    CONSTRAINT "readings_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_retype: up, lossy
-- lossy: the down cannot bring back the values of column readings.value as they were before the change to text; values of column readings.taken as they were before the change to varchar(40)
BEGIN;
ALTER TABLE "readings" ALTER COLUMN "value" TYPE text USING (value::bigint::text);
ALTER TABLE "readings" ALTER COLUMN "taken" TYPE varchar(40) USING (coalesce(taken, 'none')::varchar(40));
COMMIT;
[exit 0]

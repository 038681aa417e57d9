-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "counters" (
    "id" serial NOT NULL,
    "n" integer NOT NULL DEFAULT 0,
    CONSTRAINT "counters_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_sql_down: up, reversible
BEGIN;
insert into counters (n) values (1);
COMMIT;

-- 0003_blocks: up, reversible
BEGIN;
ALTER TABLE "counters" ADD COLUMN "label" text;
update counters set label = 'counted' where n > 0;
COMMIT;

-- 0004_irreversible: up, irreversible
BEGIN;
delete from counters where n > 100;
COMMIT;
[exit 0]

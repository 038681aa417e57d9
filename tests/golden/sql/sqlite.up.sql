-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "counters" (
    "id" integer NOT NULL,
    "n" integer NOT NULL DEFAULT 0,
    CONSTRAINT "counters_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_sql_down: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
insert into counters (n) values (1);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_blocks: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "counters" ADD COLUMN "label" text;
update counters set label = 'counted' where n > 0;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_irreversible: up, irreversible
PRAGMA foreign_keys = OFF;
BEGIN;
delete from counters where n > 100;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "items" (
    "id" bigint NOT NULL,
    "name" text,
    "first" text,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_data_fix: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
update items set first = substr(name, 1, instr(name, ',') - 1) where name like '%,%';
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_helpers: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
create table audit_log (id integer, note varchar(20));
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "items" (
    "id" bigint NOT NULL,
    "name" text,
    "first" text,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_data_fix: up, reversible
BEGIN;
update items set first = split_part(name, ',', 1) where name like '%,%';
COMMIT;

-- 0003_helpers: up, reversible
BEGIN;
create table audit_log (id integer, note varchar(20));
create index items_name_lower on items (lower(name));
COMMIT;
[exit 0]

-- 0003_helpers: down, reversible
BEGIN;
delete from audit_log where id < 0;
drop index items_name_lower;
drop table audit_log;
COMMIT;

-- 0002_data_fix: down, reversible
BEGIN;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "items";
COMMIT;
[exit 0]

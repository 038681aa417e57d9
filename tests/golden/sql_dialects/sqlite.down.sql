-- 0003_helpers: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
delete from audit_log where id < 0;
drop table audit_log;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_data_fix: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "items";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

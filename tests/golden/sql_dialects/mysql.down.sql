-- 0003_helpers: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
delete from audit_log where id < 0;
drop index items_name_prefix on items;
drop table audit_log;

-- 0002_data_fix: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `items`;
[exit 0]

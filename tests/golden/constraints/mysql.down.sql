-- 0003_drop: down, reversible
-- may fail on data: adding foreign key pets_owner_fk back fails on rows written meanwhile that break it; adding check pets_age_check back fails on rows written meanwhile that break it; adding unique constraint pets_name_key back fails on rows written meanwhile that break it
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `pets` ADD CONSTRAINT `pets_name_key` UNIQUE (`name`);
ALTER TABLE `pets` ADD CONSTRAINT `pets_age_check` CHECK (age >= 0 and age < 100);
ALTER TABLE `pets` ADD CONSTRAINT `pets_owner_fk` FOREIGN KEY (`owner_code`) REFERENCES `owners` (`code`) ON DELETE SET NULL ON UPDATE CASCADE;

-- 0002_add: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `pets` DROP FOREIGN KEY `pets_owner_fk`, DROP INDEX `pets_owner_fk`;
ALTER TABLE `pets` DROP CONSTRAINT `pets_age_check`;
ALTER TABLE `pets` DROP INDEX `pets_name_key`;
ALTER TABLE `pets` DROP PRIMARY KEY;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `pets`;
DROP TABLE `owners`;
[exit 0]

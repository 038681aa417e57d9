-- 0004_drop_column: down, lossy
-- lossy: the down cannot bring back the values of column person.email
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `person` ADD COLUMN `email` longtext;
ALTER TABLE `person` ADD CONSTRAINT `person_email_key` UNIQUE (`email`);
ALTER TABLE `person` ADD INDEX `person_email_lower` (`email`(255));

-- 0003_rename_objects: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: no sequences: rename sequence person_id_seq has nothing to do
ALTER TABLE `person` RENAME INDEX `person_email_lower` TO `user__email_lower`;
ALTER TABLE `person` DROP FOREIGN KEY `person_org_fk`;
ALTER TABLE `person` RENAME INDEX `person_org_fk` TO `user__org_fk`;
ALTER TABLE `person` ADD CONSTRAINT `user__org_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`);
ALTER TABLE `person` DROP CONSTRAINT `person_age_check`, ADD CONSTRAINT `user__age_check` CHECK (age > 0);
ALTER TABLE `person` RENAME INDEX `person_email_key` TO `user__email_key`;
-- mysql: a primary key is always named PRIMARY: nothing to rename

-- 0002_rename_table: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `person` RENAME TO `user_`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `user_` DROP INDEX `user__email_lower`;
ALTER TABLE `user_` DROP FOREIGN KEY `user__org_fk`, DROP INDEX `user__org_fk`;
DROP TABLE `user_`;
DROP TABLE `orgs`;
[exit 0]

-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `orgs` (
    `id` bigint NOT NULL,
    CONSTRAINT `orgs_pkey` PRIMARY KEY (`id`)
);
CREATE TABLE `user_` (
    `id` int NOT NULL AUTO_INCREMENT,
    `email` longtext,
    `org_id` bigint,
    `age` int,
    CONSTRAINT `user__pkey` PRIMARY KEY (`id`),
    CONSTRAINT `user__email_key` UNIQUE (`email`),
    CONSTRAINT `user__age_check` CHECK (age > 0)
);
ALTER TABLE `user_` ADD CONSTRAINT `user__org_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`);
ALTER TABLE `user_` ADD INDEX `user__email_lower` (`email`(255));

-- 0002_rename_table: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `user_` RENAME TO `person`;

-- 0003_rename_objects: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: a primary key is always named PRIMARY: nothing to rename
ALTER TABLE `person` RENAME INDEX `user__email_key` TO `person_email_key`;
ALTER TABLE `person` DROP CONSTRAINT `user__age_check`, ADD CONSTRAINT `person_age_check` CHECK (age > 0);
ALTER TABLE `person` DROP FOREIGN KEY `user__org_fk`;
ALTER TABLE `person` RENAME INDEX `user__org_fk` TO `person_org_fk`;
ALTER TABLE `person` ADD CONSTRAINT `person_org_fk` FOREIGN KEY (`org_id`) REFERENCES `orgs` (`id`);
ALTER TABLE `person` RENAME INDEX `user__email_lower` TO `person_email_lower`;
-- mysql: no sequences: rename sequence user__id_seq has nothing to do

-- 0004_drop_column: up, lossy
-- lossy: the down cannot bring back the values of column person.email
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `person` DROP INDEX `person_email_key`;
ALTER TABLE `person` DROP INDEX `person_email_lower`;
ALTER TABLE `person` DROP COLUMN `email`;
[exit 0]

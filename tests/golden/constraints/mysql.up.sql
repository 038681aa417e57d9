-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `owners` (
    `id` int NOT NULL AUTO_INCREMENT,
    `code` varchar(20) NOT NULL,
    CONSTRAINT `owners_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `owners_code_key` UNIQUE (`code`)
);
CREATE TABLE `pets` (
    `id` int NOT NULL,
    `owner_code` varchar(20),
    `name` varchar(100),
    `age` int
);

-- 0002_add: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `pets` ADD CONSTRAINT `pets_pkey` PRIMARY KEY (`id`);
ALTER TABLE `pets` ADD CONSTRAINT `pets_name_key` UNIQUE (`name`);
ALTER TABLE `pets` ADD CONSTRAINT `pets_age_check` CHECK (age >= 0 and age < 100);
ALTER TABLE `pets` ADD CONSTRAINT `pets_owner_fk` FOREIGN KEY (`owner_code`) REFERENCES `owners` (`code`) ON DELETE SET NULL ON UPDATE CASCADE;

-- 0003_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `pets` DROP FOREIGN KEY `pets_owner_fk`, DROP INDEX `pets_owner_fk`;
ALTER TABLE `pets` DROP CONSTRAINT `pets_age_check`;
ALTER TABLE `pets` DROP INDEX `pets_name_key`;
[exit 0]

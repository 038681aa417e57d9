-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: type mood is written as ENUM(...) in each column that uses it
CREATE TABLE `people` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `name` longtext NOT NULL,
    `mood` ENUM('happy', 'sad') NOT NULL DEFAULT 'happy',
    CONSTRAINT `people_pkey` PRIMARY KEY (`id`)
);

-- 0002_second_user: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `notes` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `body` longtext NOT NULL,
    `tone` ENUM('happy', 'sad'),
    CONSTRAINT `notes_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `notes` ADD INDEX `notes_tone_idx` (`tone`);

-- 0003_add_values: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('happy', 'ok', 'sad') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('happy', 'ok', 'sad');
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'happy', 'ok', 'sad') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'happy', 'ok', 'sad');
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'happy', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'happy', 'ok', 'sad', 'meh');

-- 0004_rename_value: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'happy', 'cheerful', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'cheerful';
UPDATE `people` SET `mood` = 'cheerful' WHERE `mood` = 'happy';
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'cheerful', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'cheerful';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'happy', 'cheerful', 'ok', 'sad', 'meh');
UPDATE `notes` SET `tone` = 'cheerful' WHERE `tone` = 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'cheerful', 'ok', 'sad', 'meh');

-- 0005_to_text: up, lossy
-- lossy: the down cannot bring back the values of column people.mood as they were before the change to text
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` longtext NOT NULL DEFAULT ('cheerful');

-- 0006_drop: up, lossy
-- lossy: the down cannot bring back the rows of table notes; values of column people.mood
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `notes`;
ALTER TABLE `people` DROP COLUMN `mood`;
-- mysql: type mood was written into its columns
[exit 0]

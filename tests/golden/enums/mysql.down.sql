-- 0006_drop: down, lossy
-- lossy: the down cannot bring back the rows of table notes; values of column people.mood
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: type mood is written as ENUM(...) in each column that uses it
ALTER TABLE `people` ADD COLUMN `mood` longtext NOT NULL DEFAULT ('cheerful');
CREATE TABLE `notes` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `body` longtext NOT NULL,
    `tone` ENUM('glad', 'cheerful', 'ok', 'sad', 'meh'),
    CONSTRAINT `notes_pkey` PRIMARY KEY (`id`)
);
ALTER TABLE `notes` ADD INDEX `notes_tone_idx` (`tone`);

-- 0005_to_text: down, lossy
-- lossy: the down cannot bring back the values of column people.mood as they were before the change to text
-- may fail on data: changing column people.mood back from text to mood fails on values written meanwhile that mood does not hold
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'cheerful', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'cheerful';

-- 0004_rename_value: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'cheerful', 'happy', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'happy';
UPDATE `people` SET `mood` = 'happy' WHERE `mood` = 'cheerful';
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'happy', 'ok', 'sad', 'meh') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'cheerful', 'happy', 'ok', 'sad', 'meh');
UPDATE `notes` SET `tone` = 'happy' WHERE `tone` = 'cheerful';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'happy', 'ok', 'sad', 'meh');

-- 0003_add_values: down, reversible
-- may fail on data: removing label 'ok' from type mood fails once a row holds it; removing label 'glad' from type mood fails once a row holds it; removing label 'meh' from type mood fails once a row holds it
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('glad', 'happy', 'ok', 'sad') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('glad', 'happy', 'ok', 'sad');
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('happy', 'ok', 'sad') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('happy', 'ok', 'sad');
ALTER TABLE `people` MODIFY COLUMN `mood` ENUM('happy', 'sad') NOT NULL DEFAULT 'happy';
ALTER TABLE `notes` MODIFY COLUMN `tone` ENUM('happy', 'sad');

-- 0002_second_user: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `notes` DROP INDEX `notes_tone_idx`;
DROP TABLE `notes`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `people`;
-- mysql: type mood was written into its columns
[exit 0]

-- 0002_add: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `players` DROP COLUMN `joined`;
ALTER TABLE `players` DROP INDEX `players_nickname_key`;
ALTER TABLE `players` DROP COLUMN `nickname`;
ALTER TABLE `players` DROP CONSTRAINT `players_number_check`;
ALTER TABLE `players` DROP COLUMN `number`;
ALTER TABLE `players` DROP FOREIGN KEY `players_team_id_fkey`, DROP INDEX `players_team_id_fkey`;
ALTER TABLE `players` DROP COLUMN `team_id`;

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `players`;
DROP TABLE `teams`;
[exit 0]

-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `teams` (
    `id` int NOT NULL AUTO_INCREMENT,
    CONSTRAINT `teams_pkey` PRIMARY KEY (`id`)
);
CREATE TABLE `players` (
    `id` int NOT NULL AUTO_INCREMENT,
    `name` longtext NOT NULL,
    CONSTRAINT `players_pkey` PRIMARY KEY (`id`)
);

-- 0002_add: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `players` ADD COLUMN `team_id` int, ADD CONSTRAINT `players_team_id_fkey` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`) ON DELETE CASCADE;
ALTER TABLE `players` ADD COLUMN `number` smallint NOT NULL DEFAULT 0, ADD CONSTRAINT `players_number_check` CHECK (number >= 0);
ALTER TABLE `players` ADD COLUMN `nickname` varchar(30), ADD CONSTRAINT `players_nickname_key` UNIQUE (`nickname`);
ALTER TABLE `players` ADD COLUMN `joined` date DEFAULT (CURRENT_DATE);
[exit 0]

-- 0001_create_table: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `accounts` (
    `id` bigint NOT NULL AUTO_INCREMENT,
    `handle` varchar(40) NOT NULL,
    `email` longtext NOT NULL,
    `balance` decimal(12,2) NOT NULL DEFAULT 0,
    `ratio` double DEFAULT -1.5,
    `score` float,
    `small` smallint DEFAULT 7,
    `big` bigint,
    `active` tinyint(1) NOT NULL DEFAULT 1,
    `flags` char(4) DEFAULT 'abcd',
    `born` date,
    `wakes_at` time(6),
    `seen_at` datetime(6),
    `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    `updated_at` datetime(6) DEFAULT CURRENT_TIMESTAMP(6),
    `ttl` varchar(255),
    `token` char(36),
    `prefs` json,
    `extra` json,
    `avatar` longblob,
    `counter` int DEFAULT (1 + 2),
    CONSTRAINT `accounts_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `accounts_handle_key` UNIQUE (`handle`),
    CONSTRAINT `accounts_email_key` UNIQUE (`email`),
    CONSTRAINT `accounts_balance_nonneg` CHECK (balance >= 0)
);

-- 0002_create_sessions: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `sessions` (
    `id` int NOT NULL AUTO_INCREMENT,
    `account_id` bigint NOT NULL,
    `started_at` datetime(6) NOT NULL,
    `note` longtext,
    CONSTRAINT `sessions_account_id_fkey` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT `sessions_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `sessions_check` CHECK (started_at > '2000-01-01')
);
[exit 0]

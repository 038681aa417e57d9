-- 0001_create: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: no extensions: create extension pgcrypto has nothing to do
-- mysql: no extensions: create extension hstore has nothing to do
CREATE TABLE `docs` (
    `id` bigint NOT NULL,
    `body` longtext,
    CONSTRAINT `docs_pkey` PRIMARY KEY (`id`)
);

-- 0002_drop: up, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: no extensions: drop extension hstore has nothing to do
[exit 0]

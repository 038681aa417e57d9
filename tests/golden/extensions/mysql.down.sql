-- 0002_drop: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
-- mysql: no extensions: create extension hstore has nothing to do

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
DROP TABLE `docs`;
-- mysql: no extensions: drop extension hstore has nothing to do
-- mysql: no extensions: drop extension pgcrypto has nothing to do
[exit 0]

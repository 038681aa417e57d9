-- 0006_drop_function: down, reversible
BEGIN;
CREATE FUNCTION "log_post"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        insert into post_events (post_id, kind) values (new.id, 'made');
        return null;
    end$$;
COMMIT;

-- 0005_drop_table: down, lossy
-- lossy: the down cannot bring back the rows of table posts
BEGIN;
CREATE TABLE "posts" (
    "id" bigserial NOT NULL,
    "title" text NOT NULL,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_title_present" CHECK (length(title) > 0)
);
CREATE TRIGGER "posts_log" AFTER INSERT ON "posts" FOR EACH ROW EXECUTE FUNCTION "log_post"();
COMMIT;

-- 0004_replace: down, reversible
BEGIN;
CREATE OR REPLACE FUNCTION "log_post"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        insert into post_events (post_id, kind) values (new.id, 'created');
        return null;
    end$$;
COMMIT;

-- 0003_rebuild: down, reversible
BEGIN;
ALTER TABLE "posts" DROP CONSTRAINT "posts_title_present";
COMMIT;

-- 0002_log_function: down, reversible
BEGIN;
DROP TRIGGER "posts_log" ON "posts";
DROP FUNCTION "log_post"();
COMMIT;

-- 0001_tables: down, reversible
BEGIN;
DROP TABLE "post_events";
DROP TABLE "posts";
COMMIT;
[exit 0]

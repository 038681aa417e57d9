-- 0001_tables: up, reversible
BEGIN;
CREATE TABLE "posts" (
    "id" bigserial NOT NULL,
    "title" text NOT NULL,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "post_events" (
    "id" bigserial NOT NULL,
    "post_id" bigint NOT NULL,
    "kind" text NOT NULL,
    CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_log_function: up, reversible
BEGIN;
CREATE FUNCTION "log_post"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        insert into post_events (post_id, kind) values (new.id, 'created');
        return null;
    end$$;
CREATE TRIGGER "posts_log" AFTER INSERT ON "posts" FOR EACH ROW EXECUTE FUNCTION "log_post"();
COMMIT;

-- 0003_rebuild: up, reversible
BEGIN;
ALTER TABLE "posts" ADD CONSTRAINT "posts_title_present" CHECK (length(title) > 0);
COMMIT;

-- 0004_replace: up, reversible
BEGIN;
CREATE OR REPLACE FUNCTION "log_post"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        insert into post_events (post_id, kind) values (new.id, 'made');
        return null;
    end$$;
COMMIT;

-- 0005_drop_table: up, lossy
-- lossy: the down cannot bring back the rows of table posts
BEGIN;
DROP TABLE "posts";
COMMIT;

-- 0006_drop_function: up, reversible
BEGIN;
DROP FUNCTION "log_post"();
COMMIT;
[exit 0]

-- 20261130090000_post_events: down, reversible
BEGIN;
DROP VIEW "published_posts";
DROP TRIGGER "posts_log_new" ON "posts";
DROP FUNCTION "log_new_post"();
DROP TABLE "post_events";
COMMIT;

-- 20261129090000_post_status: down, reversible
BEGIN;
ALTER TABLE "posts" DROP COLUMN "status";
DROP TYPE "post_status";
COMMIT;

-- 20261128090000_drop_user_bio: down, lossy
-- lossy: the down cannot bring back the values of column users.bio
BEGIN;
ALTER TABLE "users" ADD COLUMN "bio" text;
COMMIT;

-- 20261127090000_post_rules: down, reversible
-- may fail on data: changing column posts.title back from text to varchar(200) fails on values written meanwhile that varchar(200) does not hold
BEGIN;
ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(200) USING "title"::varchar(200);
DROP INDEX "posts_published_idx";
ALTER TABLE "posts" DROP CONSTRAINT "posts_title_present";
COMMIT;

-- 20261126100000_posts_location: down, reversible
BEGIN;
ALTER TABLE "posts" ADD COLUMN "lat" double precision;
ALTER TABLE "posts" ADD COLUMN "lng" double precision;
update posts set lat = loc[1], lng = loc[0]
                   where loc is not null;
ALTER TABLE "posts" DROP COLUMN "loc";
COMMIT;

-- 20261125093000_rename_comment_contents: down, reversible
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "body" TO "contents";
COMMIT;

-- 20261110093000_add_user_profile: down, reversible
-- may fail on data: set not null on column users.name fails once a null was written
BEGIN;
ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL;
ALTER TABLE "users" DROP COLUMN "display_name";
ALTER TABLE "users" DROP COLUMN "bio";
COMMIT;

-- 20261103090000_create_comments: down, reversible
BEGIN;
DROP INDEX "comments_post_idx";
DROP TABLE "comments";
COMMIT;

-- 20261102090000_create_posts: down, reversible
BEGIN;
DROP INDEX "posts_author_id_idx";
DROP TABLE "posts";
COMMIT;

-- 20261101090000_create_users: down, reversible
BEGIN;
DROP TABLE "users";
COMMIT;
[exit 0]

-- 20261101090000_create_users: up, reversible
BEGIN;
CREATE TABLE "users" (
    "id" serial NOT NULL,
    "email" varchar(255) NOT NULL,
    "name" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_key" UNIQUE ("email")
);
COMMIT;

-- 20261102090000_create_posts: up, reversible
BEGIN;
CREATE TABLE "posts" (
    "id" serial NOT NULL,
    "author_id" integer NOT NULL,
    "title" varchar(200) NOT NULL,
    "body" text,
    "lat" double precision,
    "lng" double precision,
    "published" boolean NOT NULL DEFAULT false,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
COMMIT;

-- 20261103090000_create_comments: up, reversible
BEGIN;
CREATE TABLE "comments" (
    "id" serial NOT NULL,
    "post_id" integer NOT NULL,
    "user_id" integer NOT NULL,
    "contents" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "comments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "comments_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "comments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
CREATE INDEX "comments_post_idx" ON "comments" ("post_id");
COMMIT;

-- 20261110093000_add_user_profile: up, reversible
BEGIN;
ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE "users" ADD COLUMN "display_name" varchar(100) NOT NULL DEFAULT 'anonymous';
ALTER TABLE "users" ALTER COLUMN "name" DROP NOT NULL;
COMMIT;

-- 20261125093000_rename_comment_contents: up, reversible
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "contents" TO "body";
COMMIT;

-- 20261126100000_posts_location: up, reversible
BEGIN;
ALTER TABLE "posts" ADD COLUMN "loc" point;
update posts set loc = point(lng, lat)
                   where lat is not null and lng is not null;
ALTER TABLE "posts" DROP COLUMN "lat";
ALTER TABLE "posts" DROP COLUMN "lng";
COMMIT;

-- 20261127090000_post_rules: up, reversible
BEGIN;
ALTER TABLE "posts" ADD CONSTRAINT "posts_title_present" CHECK (length(title) > 0);
CREATE INDEX "posts_published_idx" ON "posts" ("created_at") WHERE (published);
ALTER TABLE "posts" ALTER COLUMN "title" TYPE text;
COMMIT;

-- 20261128090000_drop_user_bio: up, lossy
-- lossy: the down cannot bring back the values of column users.bio
BEGIN;
ALTER TABLE "users" DROP COLUMN "bio";
COMMIT;

-- 20261129090000_post_status: up, reversible
BEGIN;
CREATE TYPE "post_status" AS ENUM ('draft', 'published', 'archived');
ALTER TABLE "posts" ADD COLUMN "status" "post_status" NOT NULL DEFAULT 'draft';
update posts set status = 'published' where published;
COMMIT;

-- 20261130090000_post_events: up, reversible
BEGIN;
CREATE TABLE "post_events" (
    "id" bigserial NOT NULL,
    "post_id" bigint NOT NULL,
    "kind" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
);
CREATE FUNCTION "log_new_post"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        insert into post_events (post_id, kind) values (new.id, 'created');
        return null;
    end$$;
CREATE TRIGGER "posts_log_new" AFTER INSERT ON "posts" FOR EACH ROW EXECUTE FUNCTION "log_new_post"();
CREATE VIEW "published_posts" AS
select p.id, p.title, u.email as author, p.status
        from posts p join users u on u.id = p.author_id
       where p.status = 'published';
COMMIT;
[exit 0]

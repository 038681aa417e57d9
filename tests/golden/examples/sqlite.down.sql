-- 20261130090000_post_events: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP VIEW "published_posts";
DROP TRIGGER "posts_log_new";
-- sqlite: function log_new_post() was written into its triggers
DROP TABLE "post_events";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261129090000_post_status: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop column: rebuild table posts
CREATE TABLE "migc_new_posts" (
    "id" integer NOT NULL,
    "author_id" integer NOT NULL,
    "title" text NOT NULL,
    "body" text,
    "published" boolean NOT NULL DEFAULT 0,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loc" point,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "posts_title_present" CHECK (length(title) > 0)
);
INSERT INTO "migc_new_posts" ("id", "author_id", "title", "body", "published", "created_at", "loc") SELECT "id", "author_id", "title", "body", "published", "created_at", "loc" FROM "posts";
DROP TABLE "posts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_posts" RENAME TO "posts";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
CREATE INDEX "posts_published_idx" ON "posts" ("created_at") WHERE (published);
-- sqlite: type post_status is text with a check of its labels in each column that uses it
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261128090000_drop_user_bio: down, lossy
-- lossy: the down cannot bring back the values of column users.bio
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "users" ADD COLUMN "bio" text;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261127090000_post_rules: down, reversible
-- may fail on data: changing column posts.title back from text to varchar(200) fails on values written meanwhile that varchar(200) does not hold
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table posts
CREATE TABLE "migc_new_posts" (
    "id" integer NOT NULL,
    "author_id" integer NOT NULL,
    "title" varchar(200) NOT NULL,
    "body" text,
    "published" boolean NOT NULL DEFAULT 0,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loc" point,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "posts_title_present" CHECK (length(title) > 0)
);
INSERT INTO "migc_new_posts" ("id", "author_id", "title", "body", "published", "created_at", "loc") SELECT "id", "author_id", "title", "body", "published", "created_at", "loc" FROM "posts";
DROP TABLE "posts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_posts" RENAME TO "posts";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
CREATE INDEX "posts_published_idx" ON "posts" ("created_at") WHERE (published);
DROP INDEX "posts_published_idx";
-- sqlite: drop constraint: rebuild table posts
CREATE TABLE "migc_new_posts" (
    "id" integer NOT NULL,
    "author_id" integer NOT NULL,
    "title" varchar(200) NOT NULL,
    "body" text,
    "published" boolean NOT NULL DEFAULT 0,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loc" point,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
INSERT INTO "migc_new_posts" ("id", "author_id", "title", "body", "published", "created_at", "loc") SELECT "id", "author_id", "title", "body", "published", "created_at", "loc" FROM "posts";
DROP TABLE "posts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_posts" RENAME TO "posts";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261126100000_posts_location: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "posts" ADD COLUMN "lat" double;
ALTER TABLE "posts" ADD COLUMN "lng" double;
update posts
                   set lng = cast(substr(loc, 2, instr(loc, ',') - 2) as real),
                       lat = cast(substr(loc, instr(loc, ',') + 1,
                                         length(loc) - instr(loc, ',') - 1) as real)
                   where loc is not null;
ALTER TABLE "posts" DROP COLUMN "loc";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261125093000_rename_comment_contents: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "body" TO "contents";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261110093000_add_user_profile: down, reversible
-- may fail on data: set not null on column users.name fails once a null was written
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: set not null: rebuild table users
CREATE TABLE "migc_new_users" (
    "id" integer NOT NULL,
    "email" varchar(255) NOT NULL,
    "name" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bio" text,
    "display_name" varchar(100) NOT NULL DEFAULT 'anonymous',
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_key" UNIQUE ("email")
);
INSERT INTO "migc_new_users" ("id", "email", "name", "created_at", "bio", "display_name") SELECT "id", "email", "name", "created_at", "bio", "display_name" FROM "users";
DROP TABLE "users";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_users" RENAME TO "users";
PRAGMA legacy_alter_table = OFF;
ALTER TABLE "users" DROP COLUMN "display_name";
ALTER TABLE "users" DROP COLUMN "bio";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261103090000_create_comments: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "comments_post_idx";
DROP TABLE "comments";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261102090000_create_posts: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "posts_author_id_idx";
DROP TABLE "posts";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261101090000_create_users: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "users";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

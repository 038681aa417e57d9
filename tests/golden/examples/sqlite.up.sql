-- 20261101090000_create_users: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "users" (
    "id" integer NOT NULL,
    "email" varchar(255) NOT NULL,
    "name" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_key" UNIQUE ("email")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261102090000_create_posts: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "posts" (
    "id" integer NOT NULL,
    "author_id" integer NOT NULL,
    "title" varchar(200) NOT NULL,
    "body" text,
    "lat" double,
    "lng" double,
    "published" boolean NOT NULL DEFAULT 0,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX "posts_author_id_idx" ON "posts" ("author_id");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261103090000_create_comments: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "comments" (
    "id" integer NOT NULL,
    "post_id" integer NOT NULL,
    "user_id" integer NOT NULL,
    "contents" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "comments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "comments_post_fk" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
    CONSTRAINT "comments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);
CREATE INDEX "comments_post_idx" ON "comments" ("post_id");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261110093000_add_user_profile: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "users" ADD COLUMN "bio" text;
ALTER TABLE "users" ADD COLUMN "display_name" varchar(100) NOT NULL DEFAULT 'anonymous';
-- sqlite: drop not null: rebuild table users
CREATE TABLE "migc_new_users" (
    "id" integer NOT NULL,
    "email" varchar(255) NOT NULL,
    "name" text,
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
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261125093000_rename_comment_contents: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "contents" TO "body";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261126100000_posts_location: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "posts" ADD COLUMN "loc" point;
update posts set loc = '(' || lng || ',' || lat || ')'
                   where lat is not null and lng is not null;
ALTER TABLE "posts" DROP COLUMN "lat";
ALTER TABLE "posts" DROP COLUMN "lng";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261127090000_post_rules: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: add constraint: rebuild table posts
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
-- sqlite: alter column type: rebuild table posts
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
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261128090000_drop_user_bio: up, lossy
-- lossy: the down cannot bring back the values of column users.bio
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "users" DROP COLUMN "bio";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261129090000_post_status: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: type post_status is text with a check of its labels in each column that uses it
ALTER TABLE "posts" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'published', 'archived'));
update posts set status = 'published' where published;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 20261130090000_post_events: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "post_events" (
    "id" integer NOT NULL,
    "post_id" bigint NOT NULL,
    "kind" text NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "post_events_pkey" PRIMARY KEY ("id")
);
-- sqlite: function log_new_post() is written into each trigger that uses it
CREATE TRIGGER "posts_log_new" AFTER INSERT ON "posts" FOR EACH ROW
BEGIN
insert into post_events (post_id, kind) values (new.id, 'created');
END;
CREATE VIEW "published_posts" AS
select p.id, p.title, u.email as author, p.status
        from posts p join users u on u.id = p.author_id
       where p.status = 'published';
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

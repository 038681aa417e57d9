-- 0006_drop_function: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: function log_post() is written into each trigger that uses it
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0005_drop_table: down, lossy
-- lossy: the down cannot bring back the rows of table posts
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "posts" (
    "id" integer NOT NULL,
    "title" text NOT NULL,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "posts_title_present" CHECK (length(title) > 0)
);
CREATE TRIGGER "posts_log" AFTER INSERT ON "posts" FOR EACH ROW
BEGIN
insert into post_events (post_id, kind) values (new.id, 'made');
END;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0004_replace: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: function log_post() is written into each trigger that uses it
DROP TRIGGER "posts_log";
CREATE TRIGGER "posts_log" AFTER INSERT ON "posts" FOR EACH ROW
BEGIN
insert into post_events (post_id, kind) values (new.id, 'created');
END;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_rebuild: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop constraint: rebuild table posts
CREATE TABLE "migc_new_posts" (
    "id" integer NOT NULL,
    "title" text NOT NULL,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_posts" ("id", "title") SELECT "id", "title" FROM "posts";
DROP TABLE "posts";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_posts" RENAME TO "posts";
PRAGMA legacy_alter_table = OFF;
CREATE TRIGGER "posts_log" AFTER INSERT ON "posts" FOR EACH ROW
BEGIN
insert into post_events (post_id, kind) values (new.id, 'created');
END;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_log_function: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TRIGGER "posts_log";
-- sqlite: function log_post() was written into its triggers
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_tables: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "post_events";
DROP TABLE "posts";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

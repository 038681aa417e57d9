-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "comments" (
    "id" integer NOT NULL,
    "contents" text NOT NULL,
    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "comments_contents_idx" ON "comments" ("contents");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "contents" TO "body";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

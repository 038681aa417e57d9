-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "comments" (
    "id" serial NOT NULL,
    "contents" text NOT NULL,
    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "comments_contents_idx" ON "comments" ("contents");
COMMIT;

-- 0002_rename: up, reversible
BEGIN;
ALTER TABLE "comments" RENAME COLUMN "contents" TO "body";
COMMIT;
[exit 0]

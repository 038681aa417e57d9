-- 0002_drop: down, lossy
-- lossy: the down cannot bring back the rows of table analytics.page_views
BEGIN;
CREATE SCHEMA "analytics";
CREATE TABLE "analytics"."page_views" (
    "id" bigserial NOT NULL,
    "path" text NOT NULL,
    "at" timestamptz DEFAULT now(),
    CONSTRAINT "page_views_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "page_views_path_idx" ON "analytics"."page_views" ("path");
COMMIT;

-- 0001_schema: down, reversible
BEGIN;
DROP INDEX "analytics"."page_views_path_idx";
DROP TABLE "analytics"."page_views";
DROP SCHEMA "analytics";
COMMIT;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "people" (
    "id" serial NOT NULL,
    "name" text,
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "people_name_idx" ON "people" ("name");
COMMIT;

-- 0002_rename: up, reversible
BEGIN;
ALTER TABLE "people" RENAME TO "persons";
COMMIT;
[exit 0]

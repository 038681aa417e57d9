-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "people" (
    "id" integer NOT NULL,
    "name" text,
    CONSTRAINT "people_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "people_name_idx" ON "people" ("name");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "people" RENAME TO "persons";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

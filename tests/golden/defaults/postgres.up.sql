-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "settings" (
    "id" serial NOT NULL,
    "theme" text DEFAULT 'light',
    "size" integer,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_set: up, reversible
BEGIN;
ALTER TABLE "settings" ALTER COLUMN "size" SET DEFAULT 12;
ALTER TABLE "settings" ALTER COLUMN "theme" SET DEFAULT 'dark';
COMMIT;

-- 0003_drop: up, reversible
BEGIN;
ALTER TABLE "settings" ALTER COLUMN "theme" DROP DEFAULT;
COMMIT;
[exit 0]

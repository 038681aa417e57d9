-- 0003_drop: down, reversible
BEGIN;
ALTER TABLE "settings" ALTER COLUMN "theme" SET DEFAULT 'dark';
COMMIT;

-- 0002_set: down, reversible
BEGIN;
ALTER TABLE "settings" ALTER COLUMN "theme" SET DEFAULT 'light';
ALTER TABLE "settings" ALTER COLUMN "size" DROP DEFAULT;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "settings";
COMMIT;
[exit 0]

-- 0002_defaults: down, reversible
BEGIN;
ALTER TABLE "prefs" DROP COLUMN "code";
ALTER TABLE "prefs" DROP COLUMN "flag";
ALTER TABLE "prefs" ALTER COLUMN "price" SET DEFAULT '1.50'::numeric(10,2);
ALTER TABLE "prefs" ALTER COLUMN "theme" SET DEFAULT 'darkly'::varchar;
COMMIT;

-- 0001_create: down, reversible
BEGIN;
ALTER TABLE "prefs" ALTER COLUMN "n" SET DEFAULT '42'::integer;
DROP TABLE "prefs";
COMMIT;
[exit 0]

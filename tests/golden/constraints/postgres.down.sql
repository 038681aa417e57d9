-- 0003_drop: down, reversible
-- may fail on data: adding foreign key pets_owner_fk back fails on rows written meanwhile that break it; adding check pets_age_check back fails on rows written meanwhile that break it; adding unique constraint pets_name_key back fails on rows written meanwhile that break it
BEGIN;
ALTER TABLE "pets" ADD CONSTRAINT "pets_name_key" UNIQUE ("name");
ALTER TABLE "pets" ADD CONSTRAINT "pets_age_check" CHECK (age >= 0 and age < 100);
ALTER TABLE "pets" ADD CONSTRAINT "pets_owner_fk" FOREIGN KEY ("owner_code") REFERENCES "owners" ("code") ON DELETE SET NULL ON UPDATE CASCADE;
COMMIT;

-- 0002_add: down, reversible
BEGIN;
ALTER TABLE "pets" DROP CONSTRAINT "pets_owner_fk";
ALTER TABLE "pets" DROP CONSTRAINT "pets_age_check";
ALTER TABLE "pets" DROP CONSTRAINT "pets_name_key";
ALTER TABLE "pets" DROP CONSTRAINT "pets_pkey";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "pets";
DROP TABLE "owners";
COMMIT;
[exit 0]

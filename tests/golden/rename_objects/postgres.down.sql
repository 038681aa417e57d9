-- 0004_drop_column: down, lossy
-- lossy: the down cannot bring back the values of column person.email
BEGIN;
ALTER TABLE "person" ADD COLUMN "email" text;
ALTER TABLE "person" ADD CONSTRAINT "person_email_key" UNIQUE ("email");
CREATE INDEX "person_email_lower" ON "person" ("email");
COMMIT;

-- 0003_rename_objects: down, reversible
BEGIN;
ALTER SEQUENCE "person_id_seq" RENAME TO "user__id_seq";
ALTER INDEX "person_email_lower" RENAME TO "user__email_lower";
ALTER TABLE "person" RENAME CONSTRAINT "person_org_fk" TO "user__org_fk";
ALTER TABLE "person" RENAME CONSTRAINT "person_age_check" TO "user__age_check";
ALTER TABLE "person" RENAME CONSTRAINT "person_email_key" TO "user__email_key";
ALTER TABLE "person" RENAME CONSTRAINT "person_pkey" TO "user__pkey";
COMMIT;

-- 0002_rename_table: down, reversible
BEGIN;
ALTER TABLE "person" RENAME TO "user_";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "user__email_lower";
ALTER TABLE "user_" DROP CONSTRAINT "user__org_fk";
DROP TABLE "user_";
DROP TABLE "orgs";
COMMIT;
[exit 0]

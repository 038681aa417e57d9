-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "orgs" (
    "id" bigint NOT NULL,
    CONSTRAINT "orgs_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "user_" (
    "id" serial NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "user__pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user__email_key" UNIQUE ("email"),
    CONSTRAINT "user__age_check" CHECK (age > 0)
);
ALTER TABLE "user_" ADD CONSTRAINT "user__org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id");
CREATE INDEX "user__email_lower" ON "user_" ("email");
COMMIT;

-- 0002_rename_table: up, reversible
BEGIN;
ALTER TABLE "user_" RENAME TO "person";
COMMIT;

-- 0003_rename_objects: up, reversible
BEGIN;
ALTER TABLE "person" RENAME CONSTRAINT "user__pkey" TO "person_pkey";
ALTER TABLE "person" RENAME CONSTRAINT "user__email_key" TO "person_email_key";
ALTER TABLE "person" RENAME CONSTRAINT "user__age_check" TO "person_age_check";
ALTER TABLE "person" RENAME CONSTRAINT "user__org_fk" TO "person_org_fk";
ALTER INDEX "user__email_lower" RENAME TO "person_email_lower";
ALTER SEQUENCE "user__id_seq" RENAME TO "person_id_seq";
COMMIT;

-- 0004_drop_column: up, lossy
-- lossy: the down cannot bring back the values of column person.email
BEGIN;
ALTER TABLE "person" DROP CONSTRAINT "person_email_key";
DROP INDEX "person_email_lower";
ALTER TABLE "person" DROP COLUMN "email";
COMMIT;
[exit 0]

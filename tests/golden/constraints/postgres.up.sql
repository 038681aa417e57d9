-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "owners" (
    "id" serial NOT NULL,
    "code" varchar(20) NOT NULL,
    CONSTRAINT "owners_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "owners_code_key" UNIQUE ("code")
);
CREATE TABLE "pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer
);
COMMIT;

-- 0002_add: up, reversible
BEGIN;
ALTER TABLE "pets" ADD CONSTRAINT "pets_pkey" PRIMARY KEY ("id");
ALTER TABLE "pets" ADD CONSTRAINT "pets_name_key" UNIQUE ("name");
ALTER TABLE "pets" ADD CONSTRAINT "pets_age_check" CHECK (age >= 0 and age < 100);
ALTER TABLE "pets" ADD CONSTRAINT "pets_owner_fk" FOREIGN KEY ("owner_code") REFERENCES "owners" ("code") ON DELETE SET NULL ON UPDATE CASCADE;
COMMIT;

-- 0003_drop: up, reversible
BEGIN;
ALTER TABLE "pets" DROP CONSTRAINT "pets_owner_fk";
ALTER TABLE "pets" DROP CONSTRAINT "pets_age_check";
ALTER TABLE "pets" DROP CONSTRAINT "pets_name_key";
COMMIT;
[exit 0]

-- 0003_drop: down, reversible
-- may fail on data: adding foreign key pets_owner_fk back fails on rows written meanwhile that break it; adding check pets_age_check back fails on rows written meanwhile that break it; adding unique constraint pets_name_key back fails on rows written meanwhile that break it
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: add constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pets_name_key" UNIQUE ("name")
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
-- sqlite: add constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pets_name_key" UNIQUE ("name"),
    CONSTRAINT "pets_age_check" CHECK (age >= 0 and age < 100)
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
-- sqlite: add constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pets_name_key" UNIQUE ("name"),
    CONSTRAINT "pets_age_check" CHECK (age >= 0 and age < 100),
    CONSTRAINT "pets_owner_fk" FOREIGN KEY ("owner_code") REFERENCES "owners" ("code") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_add: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pets_name_key" UNIQUE ("name"),
    CONSTRAINT "pets_age_check" CHECK (age >= 0 and age < 100)
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pets_name_key" UNIQUE ("name")
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer,
    CONSTRAINT "pets_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop constraint: rebuild table pets
CREATE TABLE "migc_new_pets" (
    "id" integer NOT NULL,
    "owner_code" varchar(20),
    "name" varchar(100),
    "age" integer
);
INSERT INTO "migc_new_pets" ("id", "owner_code", "name", "age") SELECT "id", "owner_code", "name", "age" FROM "pets";
DROP TABLE "pets";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_pets" RENAME TO "pets";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "pets";
DROP TABLE "owners";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

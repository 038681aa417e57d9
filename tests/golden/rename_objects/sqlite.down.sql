-- 0004_drop_column: down, lossy
-- lossy: the down cannot bring back the values of column person.email
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "person" ADD COLUMN "email" text;
-- sqlite: add constraint: rebuild table person
CREATE TABLE "migc_new_person" (
    "id" integer NOT NULL,
    "org_id" bigint,
    "age" integer,
    "email" text,
    CONSTRAINT "person_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "person_age_check" CHECK (age > 0),
    CONSTRAINT "person_org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id"),
    CONSTRAINT "person_email_key" UNIQUE ("email")
);
INSERT INTO "migc_new_person" ("id", "org_id", "age", "email") SELECT "id", "org_id", "age", "email" FROM "person";
DROP TABLE "person";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_person" RENAME TO "person";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "person_email_lower" ON "person" ("email");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_rename_objects: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no sequences: rename sequence person_id_seq has nothing to do
-- sqlite: rename index: drop it, create it again
DROP INDEX "person_email_lower";
CREATE INDEX "user__email_lower" ON "person" ("email");
-- sqlite: rename constraint: rebuild table person
CREATE TABLE "migc_new_person" (
    "id" integer NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "person_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "person_email_key" UNIQUE ("email"),
    CONSTRAINT "person_age_check" CHECK (age > 0),
    CONSTRAINT "user__org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")
);
INSERT INTO "migc_new_person" ("id", "email", "org_id", "age") SELECT "id", "email", "org_id", "age" FROM "person";
DROP TABLE "person";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_person" RENAME TO "person";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "user__email_lower" ON "person" ("email");
-- sqlite: rename constraint: rebuild table person
CREATE TABLE "migc_new_person" (
    "id" integer NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "person_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "person_email_key" UNIQUE ("email"),
    CONSTRAINT "user__age_check" CHECK (age > 0),
    CONSTRAINT "user__org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")
);
INSERT INTO "migc_new_person" ("id", "email", "org_id", "age") SELECT "id", "email", "org_id", "age" FROM "person";
DROP TABLE "person";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_person" RENAME TO "person";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "user__email_lower" ON "person" ("email");
-- sqlite: rename constraint: rebuild table person
CREATE TABLE "migc_new_person" (
    "id" integer NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "person_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user__email_key" UNIQUE ("email"),
    CONSTRAINT "user__age_check" CHECK (age > 0),
    CONSTRAINT "user__org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")
);
INSERT INTO "migc_new_person" ("id", "email", "org_id", "age") SELECT "id", "email", "org_id", "age" FROM "person";
DROP TABLE "person";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_person" RENAME TO "person";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "user__email_lower" ON "person" ("email");
-- sqlite: rename constraint: rebuild table person
CREATE TABLE "migc_new_person" (
    "id" integer NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "user__pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user__email_key" UNIQUE ("email"),
    CONSTRAINT "user__age_check" CHECK (age > 0),
    CONSTRAINT "user__org_fk" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id")
);
INSERT INTO "migc_new_person" ("id", "email", "org_id", "age") SELECT "id", "email", "org_id", "age" FROM "person";
DROP TABLE "person";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_person" RENAME TO "person";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "user__email_lower" ON "person" ("email");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename_table: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "person" RENAME TO "user_";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "user__email_lower";
-- sqlite: drop constraint: rebuild table user_
CREATE TABLE "migc_new_user_" (
    "id" integer NOT NULL,
    "email" text,
    "org_id" bigint,
    "age" integer,
    CONSTRAINT "user__pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user__email_key" UNIQUE ("email"),
    CONSTRAINT "user__age_check" CHECK (age > 0)
);
INSERT INTO "migc_new_user_" ("id", "email", "org_id", "age") SELECT "id", "email", "org_id", "age" FROM "user_";
DROP TABLE "user_";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_user_" RENAME TO "user_";
PRAGMA legacy_alter_table = OFF;
DROP TABLE "user_";
DROP TABLE "orgs";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

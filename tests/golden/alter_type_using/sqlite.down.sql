-- 0002_using: down, lossy
-- lossy: the down cannot bring back the values of column codes.code as they were before the change to varchar(10)
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: alter column type: rebuild table codes
CREATE TABLE "migc_new_codes" (
    "id" integer NOT NULL,
    "code" text,
    CONSTRAINT "codes_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_codes" ("id", "code") SELECT "id", "code" FROM "codes";
DROP TABLE "codes";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_codes" RENAME TO "codes";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "codes";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

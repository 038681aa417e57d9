-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "settings" (
    "id" integer NOT NULL,
    "theme" text DEFAULT 'light',
    "size" integer,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_set: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: set default: rebuild table settings
CREATE TABLE "migc_new_settings" (
    "id" integer NOT NULL,
    "theme" text DEFAULT 'light',
    "size" integer DEFAULT 12,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_settings" ("id", "theme", "size") SELECT "id", "theme", "size" FROM "settings";
DROP TABLE "settings";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_settings" RENAME TO "settings";
PRAGMA legacy_alter_table = OFF;
-- sqlite: set default: rebuild table settings
CREATE TABLE "migc_new_settings" (
    "id" integer NOT NULL,
    "theme" text DEFAULT 'dark',
    "size" integer DEFAULT 12,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_settings" ("id", "theme", "size") SELECT "id", "theme", "size" FROM "settings";
DROP TABLE "settings";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_settings" RENAME TO "settings";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop default: rebuild table settings
CREATE TABLE "migc_new_settings" (
    "id" integer NOT NULL,
    "theme" text,
    "size" integer DEFAULT 12,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_settings" ("id", "theme", "size") SELECT "id", "theme", "size" FROM "settings";
DROP TABLE "settings";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_settings" RENAME TO "settings";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

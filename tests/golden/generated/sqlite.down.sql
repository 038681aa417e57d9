-- 0004_drop: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: add column: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "price_cents" integer NOT NULL,
    "quantity" integer NOT NULL DEFAULT 1,
    "total_cents" integer GENERATED ALWAYS AS (price_cents * quantity) STORED,
    "label" text,
    "shout" text GENERATED ALWAYS AS (upper(label)) STORED,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_items" ("id", "price_cents", "quantity", "label") SELECT "id", "price_cents", "quantity", "label" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "items" RENAME COLUMN "quantity" TO "qty";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_add: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop column: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "price_cents" integer NOT NULL,
    "qty" integer NOT NULL DEFAULT 1,
    "total_cents" integer GENERATED ALWAYS AS (price_cents * qty) STORED,
    "label" text,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_items" ("id", "price_cents", "qty", "label") SELECT "id", "price_cents", "qty", "label" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
ALTER TABLE "items" DROP COLUMN "label";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "tags";
DROP TABLE "items";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0002_drop: down, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "items" ADD COLUMN "sku" varchar(20);
UPDATE "items" SET "sku" = (id);
-- sqlite: set not null: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "weight" real DEFAULT 1.0,
    "sku" varchar(20) NOT NULL,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_items" ("id", "weight", "sku") SELECT "id", "weight", "sku" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
-- sqlite: add constraint: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "weight" real DEFAULT 1.0,
    "sku" varchar(20) NOT NULL,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_sku_key" UNIQUE ("sku")
);
INSERT INTO "migc_new_items" ("id", "weight", "sku") SELECT "id", "weight", "sku" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
ALTER TABLE "items" ADD COLUMN "price" numeric(10,2) NOT NULL DEFAULT 0;
-- sqlite: add constraint: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "weight" real DEFAULT 1.0,
    "sku" varchar(20) NOT NULL,
    "price" numeric(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_sku_key" UNIQUE ("sku"),
    CONSTRAINT "items_price_check" CHECK (price >= 0)
);
INSERT INTO "migc_new_items" ("id", "weight", "sku", "price") SELECT "id", "weight", "sku", "price" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
ALTER TABLE "items" ADD COLUMN "label" text;
CREATE INDEX "items_label_idx" ON "items" ("label");
CREATE INDEX "items_label_weight_idx" ON "items" ("label", "weight");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "items_label_weight_idx";
DROP INDEX "items_label_idx";
DROP TABLE "items";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "items" (
    "id" integer NOT NULL,
    "sku" varchar(20) NOT NULL,
    "price" numeric(10,2) NOT NULL DEFAULT 0,
    "label" text,
    "weight" real DEFAULT 1.0,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_sku_key" UNIQUE ("sku"),
    CONSTRAINT "items_price_check" CHECK (price >= 0)
);
CREATE INDEX "items_label_idx" ON "items" ("label");
CREATE INDEX "items_label_weight_idx" ON "items" ("label", "weight");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_drop: up, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop column: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "sku" varchar(20) NOT NULL,
    "price" numeric(10,2) NOT NULL DEFAULT 0,
    "weight" real DEFAULT 1.0,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_sku_key" UNIQUE ("sku"),
    CONSTRAINT "items_price_check" CHECK (price >= 0)
);
INSERT INTO "migc_new_items" ("id", "sku", "price", "weight") SELECT "id", "sku", "price", "weight" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop column: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "sku" varchar(20) NOT NULL,
    "weight" real DEFAULT 1.0,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "items_sku_key" UNIQUE ("sku")
);
INSERT INTO "migc_new_items" ("id", "sku", "weight") SELECT "id", "sku", "weight" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop column: rebuild table items
CREATE TABLE "migc_new_items" (
    "id" integer NOT NULL,
    "weight" real DEFAULT 1.0,
    CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_items" ("id", "weight") SELECT "id", "weight" FROM "items";
DROP TABLE "items";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_items" RENAME TO "items";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

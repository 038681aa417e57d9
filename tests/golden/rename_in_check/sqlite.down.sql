-- 0003_drop: down, reversible
-- may fail on data: adding check products_discount_le_price back fails on rows written meanwhile that break it
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (list_price > 100);
-- sqlite: add constraint: rebuild table products
CREATE TABLE "migc_new_products" (
    "id" integer NOT NULL,
    "list_price" numeric(10,2) NOT NULL,
    "discount" numeric(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "products_price_check" CHECK (list_price >= 0),
    CONSTRAINT "products_discount_le_price" CHECK (discount <= list_price and discount >= 0)
);
INSERT INTO "migc_new_products" ("id", "list_price", "discount") SELECT "id", "list_price", "discount" FROM "products";
DROP TABLE "products";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_products" RENAME TO "products";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (list_price > 100);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "products" RENAME COLUMN "list_price" TO "price";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "products_expensive";
DROP TABLE "products";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "products" (
    "id" integer NOT NULL,
    "price" numeric(10,2) NOT NULL,
    "discount" numeric(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "products_price_check" CHECK (price >= 0),
    CONSTRAINT "products_discount_le_price" CHECK (discount <= Price and discount >= 0)
);
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (price > 100);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "products" RENAME COLUMN "price" TO "list_price";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop constraint: rebuild table products
CREATE TABLE "migc_new_products" (
    "id" integer NOT NULL,
    "list_price" numeric(10,2) NOT NULL,
    "discount" numeric(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "products_price_check" CHECK (list_price >= 0)
);
INSERT INTO "migc_new_products" ("id", "list_price", "discount") SELECT "id", "list_price", "discount" FROM "products";
DROP TABLE "products";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_products" RENAME TO "products";
PRAGMA legacy_alter_table = OFF;
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (list_price > 100);
DROP INDEX "products_expensive";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "products" (
    "id" serial NOT NULL,
    "price" numeric(10,2) NOT NULL,
    "discount" numeric(10,2) NOT NULL DEFAULT 0,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "products_price_check" CHECK (price >= 0),
    CONSTRAINT "products_discount_le_price" CHECK (discount <= Price and discount >= 0)
);
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (price > 100);
COMMIT;

-- 0002_rename: up, reversible
BEGIN;
ALTER TABLE "products" RENAME COLUMN "price" TO "list_price";
COMMIT;

-- 0003_drop: up, reversible
BEGIN;
ALTER TABLE "products" DROP CONSTRAINT "products_discount_le_price";
DROP INDEX "products_expensive";
COMMIT;
[exit 0]

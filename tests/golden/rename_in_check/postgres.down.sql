-- 0003_drop: down, reversible
-- may fail on data: adding check products_discount_le_price back fails on rows written meanwhile that break it
BEGIN;
CREATE INDEX "products_expensive" ON "products" ("id") WHERE (list_price > 100);
ALTER TABLE "products" ADD CONSTRAINT "products_discount_le_price" CHECK (discount <= list_price and discount >= 0);
COMMIT;

-- 0002_rename: down, reversible
BEGIN;
ALTER TABLE "products" RENAME COLUMN "list_price" TO "price";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "products_expensive";
DROP TABLE "products";
COMMIT;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "items" (
    "id" serial NOT NULL,
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
COMMIT;

-- 0002_drop: up, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
BEGIN;
DROP INDEX "items_label_idx";
DROP INDEX "items_label_weight_idx";
ALTER TABLE "items" DROP COLUMN "label";
ALTER TABLE "items" DROP CONSTRAINT "items_price_check";
ALTER TABLE "items" DROP COLUMN "price";
ALTER TABLE "items" DROP CONSTRAINT "items_sku_key";
ALTER TABLE "items" DROP COLUMN "sku";
COMMIT;
[exit 0]

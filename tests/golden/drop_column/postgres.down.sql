-- 0002_drop: down, lossy
-- lossy: the down cannot bring back the values of column items.label; values of column items.price; values of column items.sku
BEGIN;
ALTER TABLE "items" ADD COLUMN "sku" varchar(20);
UPDATE "items" SET "sku" = (id);
ALTER TABLE "items" ALTER COLUMN "sku" SET NOT NULL;
ALTER TABLE "items" ADD CONSTRAINT "items_sku_key" UNIQUE ("sku");
ALTER TABLE "items" ADD COLUMN "price" numeric(10,2) NOT NULL DEFAULT 0;
ALTER TABLE "items" ADD CONSTRAINT "items_price_check" CHECK (price >= 0);
ALTER TABLE "items" ADD COLUMN "label" text;
CREATE INDEX "items_label_idx" ON "items" ("label");
CREATE INDEX "items_label_weight_idx" ON "items" ("label", "weight");
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP INDEX "items_label_weight_idx";
DROP INDEX "items_label_idx";
DROP TABLE "items";
COMMIT;
[exit 0]

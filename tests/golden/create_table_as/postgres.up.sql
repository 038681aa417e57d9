-- 0001_tables: up, reversible
BEGIN;
CREATE TABLE "orders" (
    "id" bigserial NOT NULL,
    "customer" text NOT NULL,
    "total" numeric(10,2),
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_as: up, reversible
BEGIN;
CREATE TABLE "customer_totals" (
    "customer" varchar(100) NOT NULL,
    "total" numeric(12,2) NOT NULL DEFAULT 0,
    "orders" integer NOT NULL,
    CONSTRAINT "customer_totals_pkey" PRIMARY KEY ("customer")
);
INSERT INTO "customer_totals" ("customer", "total", "orders")
select customer, coalesce(sum(total), 0), count(*) from orders group by customer;
COMMIT;
[exit 0]

-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "select" (
    "from" integer NOT NULL,
    "Mixed Case" text,
    "quo""te" text DEFAULT 'it''s',
    "back`tick" text,
    "naïve café" text,
    "tab" text DEFAULT ''';drop table x;--',
    "slash\" text DEFAULT E'a\\b',
    CONSTRAINT "select_pkey" PRIMARY KEY ("from")
);
CREATE INDEX "idx ""q""" ON "select" ("Mixed Case");
COMMIT;

-- 0002_rename: up, reversible
BEGIN;
ALTER TABLE "select" RENAME COLUMN "Mixed Case" TO "order";
ALTER TABLE "select" RENAME TO "group by";
COMMIT;
[exit 0]

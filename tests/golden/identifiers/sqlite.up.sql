-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "select" (
    "from" integer NOT NULL,
    "Mixed Case" text,
    "quo""te" text DEFAULT 'it''s',
    "back`tick" text,
    "naïve café" text,
    "tab" text DEFAULT ''';drop table x;--',
    "slash\" text DEFAULT 'a\b',
    CONSTRAINT "select_pkey" PRIMARY KEY ("from")
);
CREATE INDEX "idx ""q""" ON "select" ("Mixed Case");
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "select" RENAME COLUMN "Mixed Case" TO "order";
ALTER TABLE "select" RENAME TO "group by";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

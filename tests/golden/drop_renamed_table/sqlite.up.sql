-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "a" (
    "id" integer NOT NULL,
    "n" text,
    CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "a" RENAME TO "b";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the rows of table b
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "b";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the rows of table b
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "b" (
    "id" integer NOT NULL,
    "n" text,
    CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);
-- sqlite: no sequences: rename sequence b_id_seq has nothing to do
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_rename: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "b" RENAME TO "a";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "a";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "notes" (
    "id" bigint NOT NULL,
    "body" text,
    CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);
-- sqlite: no comments: comment on table notes is kept in the model only
-- sqlite: no comments: comment on column notes.body is kept in the model only
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_change: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no comments: comment on column notes.body is kept in the model only
-- sqlite: no comments: comment on table notes is kept in the model only
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, lossy
-- lossy: the down cannot bring back the values of column notes.body
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "notes" DROP COLUMN "body";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

-- 0003_drop: down, lossy
-- lossy: the down cannot bring back the values of column notes.body
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "notes" ADD COLUMN "body" text;
-- sqlite: no comments: comment on column notes.body is kept in the model only
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_change: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no comments: comment on table notes is kept in the model only
-- sqlite: no comments: comment on column notes.body is kept in the model only
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: no comments: comment on column notes.body is kept in the model only
-- sqlite: no comments: comment on table notes is kept in the model only
DROP TABLE "notes";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

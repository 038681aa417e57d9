-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "tasks" (
    "id" integer NOT NULL,
    "title" text,
    "done" boolean NOT NULL DEFAULT 0,
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_set: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: set not null: rebuild table tasks
CREATE TABLE "migc_new_tasks" (
    "id" integer NOT NULL,
    "title" text NOT NULL,
    "done" boolean NOT NULL DEFAULT 0,
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_tasks" ("id", "title", "done") SELECT "id", "title", "done" FROM "tasks";
DROP TABLE "tasks";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_tasks" RENAME TO "tasks";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0003_drop: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
-- sqlite: drop not null: rebuild table tasks
CREATE TABLE "migc_new_tasks" (
    "id" integer NOT NULL,
    "title" text NOT NULL,
    "done" boolean DEFAULT 0,
    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_tasks" ("id", "title", "done") SELECT "id", "title", "done" FROM "tasks";
DROP TABLE "tasks";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_tasks" RENAME TO "tasks";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

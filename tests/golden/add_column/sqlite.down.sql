-- 0002_add: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "players" DROP COLUMN "joined";
-- sqlite: drop column: rebuild table players
CREATE TABLE "migc_new_players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "team_id" integer,
    "number" smallint NOT NULL DEFAULT 0,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "players_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "players_number_check" CHECK (number >= 0)
);
INSERT INTO "migc_new_players" ("id", "name", "team_id", "number") SELECT "id", "name", "team_id", "number" FROM "players";
DROP TABLE "players";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_players" RENAME TO "players";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop column: rebuild table players
CREATE TABLE "migc_new_players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "team_id" integer,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "players_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);
INSERT INTO "migc_new_players" ("id", "name", "team_id") SELECT "id", "name", "team_id" FROM "players";
DROP TABLE "players";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_players" RENAME TO "players";
PRAGMA legacy_alter_table = OFF;
-- sqlite: drop column: rebuild table players
CREATE TABLE "migc_new_players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id")
);
INSERT INTO "migc_new_players" ("id", "name") SELECT "id", "name" FROM "players";
DROP TABLE "players";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_players" RENAME TO "players";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE "players";
DROP TABLE "teams";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

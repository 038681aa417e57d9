-- 0001_create: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "teams" (
    "id" integer NOT NULL,
    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id")
);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0002_add: up, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE "players" ADD COLUMN "team_id" integer CONSTRAINT "players_team_id_fkey" REFERENCES "teams" ("id") ON DELETE CASCADE;
ALTER TABLE "players" ADD COLUMN "number" smallint NOT NULL DEFAULT 0 CONSTRAINT "players_number_check" CHECK (number >= 0);
-- sqlite: add column: rebuild table players
CREATE TABLE "migc_new_players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "team_id" integer,
    "number" smallint NOT NULL DEFAULT 0,
    "nickname" varchar(30),
    CONSTRAINT "players_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "players_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "players_number_check" CHECK (number >= 0),
    CONSTRAINT "players_nickname_key" UNIQUE ("nickname")
);
INSERT INTO "migc_new_players" ("id", "name", "team_id", "number") SELECT "id", "name", "team_id", "number" FROM "players";
DROP TABLE "players";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_players" RENAME TO "players";
PRAGMA legacy_alter_table = OFF;
-- sqlite: add column: rebuild table players
CREATE TABLE "migc_new_players" (
    "id" integer NOT NULL,
    "name" text NOT NULL,
    "team_id" integer,
    "number" smallint NOT NULL DEFAULT 0,
    "nickname" varchar(30),
    "joined" date DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "players_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE,
    CONSTRAINT "players_number_check" CHECK (number >= 0),
    CONSTRAINT "players_nickname_key" UNIQUE ("nickname")
);
INSERT INTO "migc_new_players" ("id", "name", "team_id", "number", "nickname") SELECT "id", "name", "team_id", "number", "nickname" FROM "players";
DROP TABLE "players";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "migc_new_players" RENAME TO "players";
PRAGMA legacy_alter_table = OFF;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

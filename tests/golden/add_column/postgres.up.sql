-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "teams" (
    "id" serial NOT NULL,
    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "players" (
    "id" serial NOT NULL,
    "name" text NOT NULL,
    CONSTRAINT "players_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_add: up, reversible
BEGIN;
ALTER TABLE "players" ADD COLUMN "team_id" integer;
ALTER TABLE "players" ADD CONSTRAINT "players_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE;
ALTER TABLE "players" ADD COLUMN "number" smallint NOT NULL DEFAULT 0;
ALTER TABLE "players" ADD CONSTRAINT "players_number_check" CHECK (number >= 0);
ALTER TABLE "players" ADD COLUMN "nickname" varchar(30);
ALTER TABLE "players" ADD CONSTRAINT "players_nickname_key" UNIQUE ("nickname");
ALTER TABLE "players" ADD COLUMN "joined" date DEFAULT now();
COMMIT;
[exit 0]

-- 0002_add: down, reversible
BEGIN;
ALTER TABLE "players" DROP COLUMN "joined";
ALTER TABLE "players" DROP CONSTRAINT "players_nickname_key";
ALTER TABLE "players" DROP COLUMN "nickname";
ALTER TABLE "players" DROP CONSTRAINT "players_number_check";
ALTER TABLE "players" DROP COLUMN "number";
ALTER TABLE "players" DROP CONSTRAINT "players_team_id_fkey";
ALTER TABLE "players" DROP COLUMN "team_id";
COMMIT;

-- 0001_create: down, reversible
BEGIN;
DROP TABLE "players";
DROP TABLE "teams";
COMMIT;
[exit 0]

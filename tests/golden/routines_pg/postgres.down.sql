-- 0003_drop: down, reversible
BEGIN;
CREATE TRIGGER "accounts_touch" BEFORE INSERT OR UPDATE OF "balance" ON "accounts" FOR EACH ROW WHEN (new.balance is not null) EXECUTE FUNCTION "touch"();
CREATE FUNCTION "add"("a" integer, "b" integer) RETURNS integer LANGUAGE sql AS $$select a + b$$;
CREATE PROCEDURE "reset_balances"("to_value" numeric) LANGUAGE sql AS $$update accounts set balance = to_value$$;
COMMIT;

-- 0002_routines: down, reversible
BEGIN;
DROP PROCEDURE "reset_balances"(numeric);
DROP FUNCTION "add"(integer, integer);
DROP TRIGGER "accounts_touch" ON "accounts";
DROP FUNCTION "touch"();
COMMIT;

-- 0001_accounts: down, reversible
BEGIN;
DROP TABLE "accounts";
COMMIT;
[exit 0]

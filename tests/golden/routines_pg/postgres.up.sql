-- 0001_accounts: up, reversible
BEGIN;
CREATE TABLE "accounts" (
    "id" bigserial NOT NULL,
    "balance" numeric(12,2) NOT NULL DEFAULT 0,
    "updated_at" timestamptz,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_routines: up, reversible
BEGIN;
CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$begin
        new.updated_at := now();
        return new;
    end$$;
CREATE TRIGGER "accounts_touch" BEFORE INSERT OR UPDATE OF "balance" ON "accounts" FOR EACH ROW WHEN (new.balance is not null) EXECUTE FUNCTION "touch"();
CREATE FUNCTION "add"("a" integer, "b" integer) RETURNS integer LANGUAGE sql AS $$select a + b$$;
CREATE PROCEDURE "reset_balances"("to_value" numeric) LANGUAGE sql AS $$update accounts set balance = to_value$$;
COMMIT;

-- 0003_drop: up, reversible
BEGIN;
DROP PROCEDURE "reset_balances"(numeric);
DROP FUNCTION "add"(integer, integer);
DROP TRIGGER "accounts_touch" ON "accounts";
COMMIT;
[exit 0]

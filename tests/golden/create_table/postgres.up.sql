-- 0001_create_table: up, reversible
BEGIN;
CREATE TABLE "accounts" (
    "id" bigserial NOT NULL,
    "handle" varchar(40) NOT NULL,
    "email" text NOT NULL,
    "balance" numeric(12,2) NOT NULL DEFAULT 0,
    "ratio" double precision DEFAULT -1.5,
    "score" real,
    "small" smallint DEFAULT 7,
    "big" bigint,
    "active" boolean NOT NULL DEFAULT true,
    "flags" char(4) DEFAULT 'abcd',
    "born" date,
    "wakes_at" time,
    "seen_at" timestamp,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "updated_at" timestamptz DEFAULT now(),
    "ttl" interval,
    "token" uuid,
    "prefs" json,
    "extra" jsonb,
    "avatar" bytea,
    "counter" integer DEFAULT (1 + 2),
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_handle_key" UNIQUE ("handle"),
    CONSTRAINT "accounts_email_key" UNIQUE ("email"),
    CONSTRAINT "accounts_balance_nonneg" CHECK (balance >= 0)
);
COMMIT;

-- 0002_create_sessions: up, reversible
BEGIN;
CREATE TABLE "sessions" (
    "id" serial NOT NULL,
    "account_id" bigint NOT NULL,
    "started_at" timestamptz NOT NULL,
    "note" text,
    CONSTRAINT "sessions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sessions_check" CHECK (started_at > '2000-01-01')
);
COMMIT;
[exit 0]

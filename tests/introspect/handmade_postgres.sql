-- A schema written by hand, as an application that never used migc has
-- it: the types, keys, constraints and indexes real applications use.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TYPE mood AS ENUM ('happy', 'sad', 'it''s complicated');
CREATE TABLE organizations (
    id bigserial PRIMARY KEY,
    slug varchar(64) NOT NULL UNIQUE,
    name text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now(),
    settings jsonb NOT NULL DEFAULT '{}'::jsonb,
    plan character varying(20) DEFAULT 'free'::character varying
        CONSTRAINT org_plan_known CHECK (plan IN ('free', 'pro', 'enterprise'))
);
CREATE TABLE "Users" (
    id serial PRIMARY KEY,
    org_id bigint NOT NULL REFERENCES organizations ON DELETE CASCADE,
    email text NOT NULL,
    "Display Name" varchar(100),
    balance numeric(12, 2) NOT NULL DEFAULT 0.00,
    score double precision DEFAULT -1.5,
    token uuid,
    born date,
    wakes time without time zone,
    active boolean NOT NULL DEFAULT true,
    feeling mood DEFAULT 'happy',
    manager_id integer REFERENCES "Users" (id) ON DELETE SET NULL,
    CONSTRAINT users_email_per_org UNIQUE (org_id, email),
    CONSTRAINT users_balance_ok CHECK (balance >= 0 AND balance < 1000000)
);
CREATE TABLE memberships (
    user_id integer NOT NULL,
    team_id integer NOT NULL,
    role smallint NOT NULL DEFAULT 1,
    joined timestamp,
    PRIMARY KEY (user_id, team_id)
);
CREATE TABLE teams (
    id integer PRIMARY KEY,
    name text
);
ALTER TABLE memberships ADD CONSTRAINT memberships_user_fk
    FOREIGN KEY (user_id) REFERENCES "Users" (id) ON UPDATE CASCADE;
ALTER TABLE memberships ADD CONSTRAINT memberships_team_fk
    FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT;
CREATE INDEX users_org_idx ON "Users" (org_id);
CREATE UNIQUE INDEX users_active_email ON "Users" (email) WHERE active;
CREATE INDEX users_lower_email ON "Users" (lower(email));
CREATE INDEX orgs_name_trgm ON organizations USING gin (name gin_trgm_ops);
CREATE INDEX memberships_joined_desc ON memberships (joined DESC);
CREATE VIEW active_users AS SELECT id, email FROM "Users" WHERE active;
CREATE FUNCTION touch_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.joined := coalesce(NEW.joined, now());
    RETURN NEW;
END
$$;
CREATE TRIGGER memberships_touch BEFORE INSERT OR UPDATE OF role ON memberships
    FOR EACH ROW WHEN (NEW.role > 0) EXECUTE FUNCTION touch_membership();
CREATE FUNCTION org_count() RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM organizations';
CREATE FUNCTION slugify(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT lower(t)$$;
CREATE MATERIALIZED VIEW team_sizes (team_id, members) AS
    SELECT team_id, count(*) FROM memberships GROUP BY team_id;
CREATE UNIQUE INDEX team_sizes_team ON team_sizes (team_id);
CREATE INDEX team_sizes_big ON team_sizes (members DESC) WHERE members > 10;
CREATE VIEW private_users WITH (security_barrier) AS
    SELECT id, email FROM "Users" WHERE NOT active;

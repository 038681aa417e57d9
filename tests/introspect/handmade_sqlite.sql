-- A schema written by hand for SQLite, as an application that never used
-- migc has it.
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    slug VARCHAR(64) NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    plan TEXT DEFAULT 'free' CHECK (plan IN ('free', 'pro'))
);
CREATE TABLE "Users" (
    id integer primary key,
    org_id integer not null references organizations on delete cascade,
    email text not null,
    [Display Name] varchar(100),
    balance numeric(12, 2) not null default 0,
    score real default -1.5,
    active boolean not null default 1,
    manager_id integer references "Users" (id) on delete set null,
    constraint users_email_per_org unique (org_id, email),
    constraint users_balance_ok check (balance >= 0 and balance < 1000000)
);
CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES "Users" (id) ON UPDATE CASCADE,
    team_id INTEGER NOT NULL,
    role SMALLINT NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, team_id),
    FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT
);
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT);
CREATE INDEX users_org_idx ON "Users" (org_id);
CREATE UNIQUE INDEX users_active_email ON "Users" (email) WHERE active;
CREATE INDEX users_lower_email ON "Users" (lower(email));
CREATE VIEW active_users AS SELECT id, email FROM "Users" WHERE active;
CREATE TRIGGER users_touch AFTER UPDATE ON "Users"
BEGIN
    UPDATE organizations SET name = name WHERE id = NEW.org_id;
END;
CREATE TRIGGER memberships_role BEFORE UPDATE OF role ON memberships
    FOR EACH ROW WHEN NEW.role < 0
BEGIN
    SELECT RAISE(ABORT, 'role must not be negative');
END;
CREATE TRIGGER active_users_insert INSTEAD OF INSERT ON active_users
BEGIN
    INSERT INTO "Users" (id, email) VALUES (NEW.id, NEW.email);
END;

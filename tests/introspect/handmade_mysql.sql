-- A MariaDB database written by hand, as an application's would be:
-- no migc history made it.  tests/t_introspect_mysql.sh introspects it.
CREATE TABLE organizations (
    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    slug varchar(64) NOT NULL,
    name varchar(200) NOT NULL,
    plan ENUM('free', 'pro', 'enterprise') NOT NULL DEFAULT 'free',
    settings json,
    balance decimal(12,2) NOT NULL DEFAULT 0.00,
    active tinyint(1) NOT NULL DEFAULT 1,
    created_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT organizations_slug_key UNIQUE (slug),
    CONSTRAINT organizations_balance_check CHECK (balance >= 0)
) ENGINE=InnoDB;

CREATE TABLE teams (
    id int NOT NULL AUTO_INCREMENT,
    org_id bigint NOT NULL,
    parent_id int,
    name varchar(100) NOT NULL,
    founded date,
    PRIMARY KEY (id),
    CONSTRAINT teams_org_fk FOREIGN KEY (org_id) REFERENCES organizations (id)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT teams_parent_fk FOREIGN KEY (parent_id) REFERENCES teams (id)
        ON DELETE SET NULL
) ENGINE=InnoDB;
CREATE INDEX teams_org_name_idx ON teams (org_id, name);

CREATE TABLE memberships (
    team_id int NOT NULL,
    user_id int NOT NULL,
    role varchar(20) NOT NULL DEFAULT 'member',
    joined_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (team_id, user_id),
    CONSTRAINT memberships_team_fk FOREIGN KEY (team_id) REFERENCES teams (id)
        ON DELETE CASCADE,
    CONSTRAINT memberships_role_check CHECK (role IN ('member', 'admin', 'owner'))
) ENGINE=InnoDB;

CREATE TABLE `Users` (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(255) NOT NULL,
    `Display Name` varchar(100) DEFAULT 'it''s me',
    bio text,
    login_count int unsigned NOT NULL DEFAULT 0,
    uid char(36) NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_uid_key UNIQUE (uid)
) ENGINE=InnoDB;
ALTER TABLE memberships ADD CONSTRAINT memberships_user_fk
    FOREIGN KEY (user_id) REFERENCES `Users` (id) ON DELETE CASCADE;
CREATE INDEX users_email_prefix ON `Users` (email(20));
CREATE FULLTEXT INDEX users_bio_ft ON `Users` (bio);

CREATE TABLE events (
    id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    org_id bigint NOT NULL,
    kind varchar(40) NOT NULL,
    payload longtext,
    happened_at datetime(6) NOT NULL,
    CONSTRAINT events_org_fk FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB;
CREATE INDEX events_recent_idx ON events (org_id, happened_at DESC);

CREATE VIEW active_organizations AS
    SELECT id, slug, name FROM organizations WHERE active = 1;

CREATE TRIGGER events_kind_lower BEFORE INSERT ON events FOR EACH ROW
    SET NEW.kind = LOWER(NEW.kind);

-- Stored routines: a function a view calls, and a procedure whose
-- BEGIN ... END holds IF ... END IF and a CASE.
CREATE FUNCTION slug_of(s varchar(80)) RETURNS varchar(80) DETERMINISTIC
    RETURN LOWER(REPLACE(s, ' ', '-'));

DELIMITER //
CREATE PROCEDURE deactivate_org(IN org bigint)
BEGIN
    IF org > 0 THEN
        UPDATE organizations SET active = 0 WHERE id = org;
    END IF;
    SELECT CASE WHEN ROW_COUNT() > 0 THEN 'done' ELSE 'it''s not there' END;
END//
DELIMITER ;

CREATE VIEW org_slugs AS SELECT slug_of(name) AS slug FROM organizations;

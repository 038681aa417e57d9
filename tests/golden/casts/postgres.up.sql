-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "prefs" (
    "id" bigint NOT NULL,
    "theme" varchar(20) DEFAULT 'darkly'::varchar,
    "n" integer DEFAULT '42'::integer,
    "price" numeric(10,2) DEFAULT '1.50'::numeric(10,2),
    "day" date DEFAULT '2020-01-02'::date,
    "label" text DEFAULT (upper('abc'::varchar(3))),
    "at" timestamptz DEFAULT ('2020-01-01 10:00'::timestamptz),
    "v" text DEFAULT ((1.5)::double precision::text),
    CONSTRAINT "prefs_pkey" PRIMARY KEY ("id")
);
ALTER TABLE "prefs" ALTER COLUMN "n" SET DEFAULT 7::bigint;
COMMIT;

-- 0002_defaults: up, reversible
BEGIN;
ALTER TABLE "prefs" ALTER COLUMN "theme" SET DEFAULT 'lightly'::text;
ALTER TABLE "prefs" ALTER COLUMN "price" DROP DEFAULT;
ALTER TABLE "prefs" ADD COLUMN "flag" boolean NOT NULL DEFAULT 'true'::boolean;
ALTER TABLE "prefs" ADD COLUMN "code" char(3) DEFAULT coalesce(null::char(3), 'abc'::char(3));
COMMIT;
[exit 0]

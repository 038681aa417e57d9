-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "codes" (
    "id" serial NOT NULL,
    "code" text,
    CONSTRAINT "codes_pkey" PRIMARY KEY ("id")
);
COMMIT;

-- 0002_using: up, lossy
-- lossy: the down cannot bring back the values of column codes.code as they were before the change to varchar(10)
BEGIN;
ALTER TABLE "codes" ALTER COLUMN "code" TYPE varchar(10) USING (substr(code, 1, 10));
COMMIT;
[exit 0]

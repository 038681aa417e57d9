-- 0002_drop_books: down, lossy
-- lossy: the down cannot bring back the rows of table books
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE "books" (
    "id" integer NOT NULL,
    "author_id" integer,
    "title" varchar(300) NOT NULL DEFAULT 'untitled',
    "isbn" char(13),
    "pages" integer,
    CONSTRAINT "books_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "books_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE SET NULL,
    CONSTRAINT "books_isbn_key" UNIQUE ("isbn"),
    CONSTRAINT "books_pages_check" CHECK (pages > 0)
);
CREATE INDEX "books_title_idx" ON "books" ("title");
CREATE UNIQUE INDEX "books_author_title_key" ON "books" ("author_id", "title");
CREATE INDEX "books_long_idx" ON "books" ("pages") WHERE (pages > 500);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- 0001_create: down, reversible
PRAGMA foreign_keys = OFF;
BEGIN;
DROP INDEX "books_long_idx";
DROP INDEX "books_author_title_key";
DROP INDEX "books_title_idx";
DROP TABLE "books";
DROP TABLE "authors";
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
[exit 0]

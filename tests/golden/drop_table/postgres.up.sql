-- 0001_create: up, reversible
BEGIN;
CREATE TABLE "authors" (
    "id" serial NOT NULL,
    "name" text NOT NULL,
    CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "books" (
    "id" serial NOT NULL,
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
COMMIT;

-- 0002_drop_books: up, lossy
-- lossy: the down cannot bring back the rows of table books
BEGIN;
DROP TABLE "books";
COMMIT;
[exit 0]

-- 0002_drop_books: down, lossy
-- lossy: the down cannot bring back the rows of table books
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
CREATE TABLE `books` (
    `id` int NOT NULL AUTO_INCREMENT,
    `author_id` int,
    `title` varchar(300) NOT NULL DEFAULT 'untitled',
    `isbn` char(13),
    `pages` int,
    CONSTRAINT `books_pkey` PRIMARY KEY (`id`),
    CONSTRAINT `books_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE SET NULL,
    CONSTRAINT `books_isbn_key` UNIQUE (`isbn`),
    CONSTRAINT `books_pages_check` CHECK (pages > 0)
);
ALTER TABLE `books` ADD INDEX `books_title_idx` (`title`);
ALTER TABLE `books` ADD UNIQUE INDEX `books_author_title_key` (`author_id`, `title`), DROP INDEX `books_author_id_fkey`;
-- mysql has no partial indexes: books_long_idx covers every row
ALTER TABLE `books` ADD INDEX `books_long_idx` (`pages`);

-- 0001_create: down, reversible
-- mysql: each DDL statement commits on its own; a failure part-way leaves the statements before it applied
ALTER TABLE `books` DROP INDEX `books_long_idx`;
ALTER TABLE `books` ADD INDEX `books_author_id_fkey` (`author_id`), DROP INDEX `books_author_title_key`;
ALTER TABLE `books` DROP INDEX `books_title_idx`;
DROP TABLE `books`;
DROP TABLE `authors`;
[exit 0]

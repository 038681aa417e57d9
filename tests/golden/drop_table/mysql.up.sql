tests/cases/drop_table/0001_create.mig:10:1: error: mysql has no partial indexes: create unique index ... where cannot be compiled for mysql
    create unique index books_author_title_key on books (author_id, title) where (pages > 10);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
[exit 1]

tests/cases/schemas/0001_schema.mig:1:1: error: a mysql schema is a database: create schema cannot be compiled for mysql
    create schema analytics;
    ^~~~~~~~~~~~~~~~~~~~~~~
hint: create a database for it instead
[exit 1]

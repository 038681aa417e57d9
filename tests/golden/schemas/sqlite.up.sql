tests/cases/schemas/0001_schema.mig:1:1: error: sqlite has no schemas: create schema cannot be compiled for sqlite
    create schema analytics;
    ^~~~~~~~~~~~~~~~~~~~~~~
[exit 1]

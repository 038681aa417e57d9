tests/cases/index_expressions/0002_indexes.mig:1:1: error: mysql has no expression keys in an index: this create index cannot be compiled for mysql
    create unique index on accounts ((lower(email)));
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
[exit 1]

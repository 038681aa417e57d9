tests/cases/index_pg_options/0002_indexes.mig:1:1: error: sqlite has no index method btree: this create index cannot be compiled for sqlite
    create index accounts_email_pattern on accounts using btree (email text_pattern_ops nulls last) include (name);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
[exit 1]

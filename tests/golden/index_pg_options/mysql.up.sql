tests/cases/index_pg_options/0002_indexes.mig:1:1: error: mysql has no include columns in an index: this create index cannot be compiled for mysql
    create index accounts_email_pattern on accounts using btree (email text_pattern_ops nulls last) include (name);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
[exit 1]

tests/cases/matviews/0002_matview.mig:1:1: error: mysql has no materialized views
    create materialized view order_stats as 'select count(*) as n, sum(total) as total from orders' with no data;
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: a table made from the query (create table T (...) as '...') holds the rows; or keep this history for PostgreSQL
[exit 1]

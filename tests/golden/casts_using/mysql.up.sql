tests/cases/casts_using/0002_retype.mig:1:1: error: mysql has no USING: alter column type ... using cannot be compiled for mysql
    alter column readings.value type text using (value::bigint::text);
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: change the values with an sql statement, then the type
[exit 1]

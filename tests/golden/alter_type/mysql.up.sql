tests/cases/alter_type/0003_narrow.mig:2:1: error: mysql has no USING: alter column type ... using cannot be compiled for mysql
    alter column metrics.code type varchar(10) using (substr(code, 1, 10));
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: change the values with an sql statement, then the type
[exit 1]

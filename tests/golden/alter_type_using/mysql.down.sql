tests/cases/alter_type_using/0002_using.mig:1:1: error: mysql has no USING: alter column type ... using cannot be compiled for mysql
    alter column codes.code type varchar(10) using (substr(code, 1, 10));
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: change the values with an sql statement, then the type
[exit 1]

tests/cases/routines_pg/0002_routines.mig:10:1: error: a sqlite trigger has one event
    create trigger accounts_touch before insert or update of balance on accounts
    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
hint: write one trigger per event, with the same function
[exit 1]

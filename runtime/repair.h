/*
 * repair.h — the way out when the ledger and the files disagree on
 * purpose: `migc mark applied|pending VERSION` and `migc accept VERSION`
 * (golang-migrate's force, Alembic's stamp, Prisma's resolve).
 *
 * Each takes the lock, checks the request against the ledger under it,
 * changes one ledger row in a transaction (no migration SQL runs), and
 * prints what it did; with --dry-run it prints what it would do and
 * changes nothing.
 */
#ifndef MIGC_REPAIR_H
#define MIGC_REPAIR_H

#include "apply.h"

typedef enum RepairKind {
    REPAIR_MARK_APPLIED,    /* record it as applied, with its current SQL */
    REPAIR_MARK_PENDING,    /* remove its row; its down does not run */
    REPAIR_ACCEPT           /* record its file's new checksum and down SQL */
} RepairKind;

/* 0 on success, 1 after printing an error. */
int apply_repair(Db *db, MigSet *s, RepairKind kind, const char *version,
                 const ApplyOpts *o);

#endif

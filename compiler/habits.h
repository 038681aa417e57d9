/*
 * habits.h — hints for SQL typed out of habit (see habits.c).
 */
#ifndef MIGC_HABITS_H
#define MIGC_HABITS_H

#include <stddef.h>

#include "arena.h"

/* If the statement that starts at byte `start` of `text` (its first `len`
 * bytes) reads like SQL that migc spells differently (`alter table posts
 * add column views integer`), the hint "migc writes this as: add column
 * posts.views integer;" (arena); NULL otherwise. */
const char *habit_hint(Arena *a, const char *text, size_t len, int start);

#endif

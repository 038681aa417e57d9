/*
 * suggest.h — did-you-mean: the known name closest to a misspelled one.
 */
#ifndef MIGC_SUGGEST_H
#define MIGC_SUGGEST_H

/* Edit distance with adjacent transpositions counted as one edit (optimal
 * string alignment): "usres" is one typo away from "users". */
int suggest_edit_distance(const char *a, const char *b);

/* The candidate closest to `name`, if it is close enough to be a plausible
 * typo (at most a third of the name's length wrong, at least one edit, and
 * never the whole name), else NULL.  NULL candidates are skipped. */
const char *suggest_closest(const char *name, const char *const *cands,
                            int n);

#endif

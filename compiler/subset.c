/*
 * subset.c — a history of some of its migrations (history_keep, migc.h):
 * the history up to a version (`migc squash`), or of the migrations a
 * database applied (`migc diff`).
 */
#include "compile.h"

void history_keep(History *h, const bool *keep)
{
    int n = 0;
    for (int i = 0; i < h->nmigs; i++)
        if (keep[i])
            h->migs[n++] = h->migs[i];
    h->nmigs = n;
}

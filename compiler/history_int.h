/*
 * history_int.h — what the files of the compile driver share (compile.c,
 * folder.c, schema.c); not for use outside compiler/.
 */
#ifndef MIGC_HISTORY_INT_H
#define MIGC_HISTORY_INT_H

#include "compile.h"

/* Parse migration m (its source read) and add it to the history, with
 * its checksum when it parsed.  False after syntax errors. */
bool history_add_parsed(History *h, Migration *m);

/* An emitter context for migration m of h, writing to out. */
void history_ctx_init(EmitCtx *e, History *h, const Dialect *d, Migration *m,
                      StrBuf *out);

#endif

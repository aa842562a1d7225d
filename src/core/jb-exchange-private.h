/* jb-exchange-private.h: what the XML reader and writer share. */
#pragma once

#include "jb-exchange.h"

G_BEGIN_DECLS

/* The element of a field: its name, without "_id" for references
 * (owner_id → <owner ref="…"/>). */
const char  *jb_exchange_element_name  (const JbKind *kind, guint field);

G_END_DECLS

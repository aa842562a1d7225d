/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-field-type.h: what each type of field does, in one table.
 *
 * A value has two written forms: the canonical text kept in files and in
 * history (enum codes, plain yuan, ISO dates, true/false, the
 * referenced record's title for references) and the text people read (choice
 * labels, 万元 under Chinese, dates in the locale).  Records, the store,
 * history, the XML exchange, CSV and spreadsheets all go through this table
 * instead of switching on the type. */
#pragma once

#include "jb-kind.h"

G_BEGIN_DECLS

typedef struct {
  JbFieldType type;
  const char *name;          /* "text", "money"…, as the documentation says */
  gboolean    text_value;    /* held as text (text, dates, codes), else as a number */
  gboolean    free_text;     /* keeps its spaces; other values are trimmed */
  const char *unit;          /* of the canonical text: "CNY" for money, else NULL */
  /* The value as people read it ("" when unset). */
  char     *(*format)    (JbRecord *record, guint field);
  /* The canonical text, NULL when unset. */
  char     *(*to_string) (JbRecord *record, guint field);
  /* Sets the field from canonical text (trimmed, not empty); FALSE with a
   * message for people when it is not one.  References cannot be parsed. */
  gboolean  (*parse)     (JbRecord *record, guint field, const char *text, char **message);
  /* The rules every value of the type obeys (ranges, real dates, choices),
   * as JbProblems; the field is set. */
  void      (*validate)  (JbRecord *record, guint field, GPtrArray *problems);
} JbFieldTypeOps;

const JbFieldTypeOps *jb_field_type          (JbFieldType type);
/* Canonical text (as history keeps it) as people read it; @text itself if it
 * is not canonical for the field.  NULL → "—". */
char                 *jb_field_format_string (const JbKind *kind, guint field,
                                              const char *text);

G_END_DECLS

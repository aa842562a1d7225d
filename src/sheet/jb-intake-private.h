/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-private.h: what the intake files (jb-intake*.c) share. */
#pragma once

#include "jb-intake.h"
#include "jb-money.h"

G_BEGIN_DECLS

typedef struct {
  char *header;        /* as shown */
  char *target;        /* NULL: ignored */
  JbMoneyUnit unit;    /* the unit its header names, for amounts */
  gboolean unit_known;
} JbIntakeColumn;

struct _JbIntake {
  JbWorkbook *workbook;
  guint sheet;
  JbKindId kind;
  guint header_first, header_last;  /* rows from 0 */
  GArray *columns;                  /* JbIntakeColumn */
  GHashTable *choices;              /* "target\ntext" → code */
  GHashTable *rejected;             /* row (from 1) → GStrv: the row as read */
  GPtrArray *targets;               /* of the kind, NULL-terminated */
};

/* ---- jb-intake-aliases.c ---- */

/* The header as compared: no spaces, markers (*), colons or bracketed notes,
 * full-width forms folded, Latin letters in lower case.  *@unit is set when
 * the header names one (万元, 元, yuan). */
char       *jb_intake_normalize_header (const char *header, JbMoneyUnit *unit,
                                        gboolean *unit_known);
/* The target a normalized header stands for in @kind: "" to ignore (序号),
 * NULL if unknown. */
const char *jb_intake_match_header     (JbKindId kind, const char *normalized);
/* The header a template writes for @target: Chinese or English. */
const char *jb_intake_template_header  (JbKindId kind, const char *target, gboolean chinese);
/* The code of @text among @enumeration's values: by code, label (English or
 * the user's language) and common synonyms; NULL if none matches. */
const char *jb_intake_match_choice     (const JbEnum *enumeration, const char *text);
/* TRUE/FALSE for 是/否, yes/no, 1/0, √/×; FALSE if it is none of them. */
gboolean    jb_intake_parse_bool       (const char *text, gboolean *value);
/* Splits "上海市闵行区" into a province code and what follows it. */
const char *jb_intake_match_province_prefix (const char *text, const char **rest);
/* A row that is not data: notes (填表说明, 注：), a total (合计). */
gboolean    jb_intake_is_notes_text    (const char *text);
gboolean    jb_intake_is_total_text    (const char *text);

/* ---- jb-intake.c ---- */
/* The reference field to the row's organization, or NULL. */
const char    *jb_intake_org_field     (JbKindId kind);
const JbField *jb_intake_target_field  (JbIntake *intake, const char *target, gboolean *of_org);

G_END_DECLS

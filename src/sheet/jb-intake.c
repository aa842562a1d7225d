/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake.c: choosing a sheet, finding its header rows and mapping its
 * columns (see jb-intake.h).  Rows become records in jb-intake-rows.c.
 *
 * Sheets as people make them: a merged title row, a "填报单位：… 填报日期：…"
 * line, blank rows, one header row or two (a grouped header such as 联系方式
 * above 联系人 | 电话 | 邮箱, the other columns merged down across both).  The
 * header row is the one in the first rows whose cells name the most known
 * columns; the row below belongs to it when its cells sit under group
 * labels, the row above when it holds group labels only. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-intake-private.h"
#include "jb-sheet-private.h"

/* Rows with a value read to find the header: title, filler, header, samples. */
#define HEAD_ROWS 40
/* Sheets looked at for a table by jb_intake_guess_sheet(). */
#define GUESS_SHEETS 16

static const char * const demand_targets[] = {
  "code", "title", "org.name", "org.credit_code", "org.kind", "industry", "keywords",
  "province", "city", "district", "problem", "key_technology", "goal", "indicators",
  "investment", "coop_mode", "deadline", "status", "confidential", "org.contact",
  "org.phone", "org.email", "org.address", JB_INTAKE_NOTES, NULL,
};
static const char * const organization_targets[] = {
  "name", "kind", "province", "city", "district", "credit_code", "alliance", "contact",
  "phone", "email", "address", NULL,
};
static const char * const person_targets[] = {
  "name", "role", "org.name", "org.credit_code", "phone", "email", "certificate", NULL,
};
static const char * const achievement_targets[] = {
  "title", "org.name", "org.credit_code", "org.kind", "industry", "trl", "ip_form",
  "patents", "transfer_mode", "asking_price", "summary", "org.contact", "org.phone",
  "org.email", JB_INTAKE_NOTES, NULL,
};

/* What a column of a sheet of each kind may be; NULL for a kind sheets do
 * not bring. */
static const char * const *const kind_targets[JB_N_KINDS] = {
  [JB_KIND_DEMAND] = demand_targets,
  [JB_KIND_ORGANIZATION] = organization_targets,
  [JB_KIND_PERSON] = person_targets,
  [JB_KIND_ACHIEVEMENT] = achievement_targets,
};

static const char * const *
targets_of (JbKindId kind)
{
  return kind < JB_N_KINDS ? kind_targets[kind] : NULL;
}

gboolean
jb_intake_kind_supported (JbKindId kind)
{
  return kind < JB_N_KINDS && targets_of (kind) != NULL;
}

const char *
jb_intake_notes_field (JbKindId kind)
{
  /* Every kind has its notes (备注). */
  return jb_kind_field (jb_kind_get (kind), "notes") ? "notes" : NULL;
}

static void
clear_column (gpointer p)
{
  JbIntakeColumn *c = p;
  g_free (c->header);
  g_free (c->target);
}

JbIntake *
jb_intake_open (GFile *file, GCancellable *cancellable, GError **error)
{
  JbWorkbook *wb = jb_workbook_open (file, cancellable, error);
  if (wb == NULL)
    return NULL;
  JbIntake *intake = g_new0 (JbIntake, 1);
  intake->workbook = wb;
  intake->kind = JB_KIND_DEMAND;
  intake->columns = g_array_new (FALSE, TRUE, sizeof (JbIntakeColumn));
  g_array_set_clear_func (intake->columns, clear_column);
  intake->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  intake->rejected = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);
  return intake;
}

void
jb_intake_free (JbIntake *intake)
{
  if (intake == NULL)
    return;
  jb_workbook_free (intake->workbook);
  g_array_unref (intake->columns);
  g_hash_table_unref (intake->choices);
  g_hash_table_unref (intake->rejected);
  g_free (intake);
}

JbWorkbook *
jb_intake_get_workbook (JbIntake *intake)
{
  return intake->workbook;
}

/* ---- the head of a sheet ------------------------------------------------- */

typedef struct {
  guint row;
  GStrv cells;  /* trimmed texts, "" when empty */
  guint n;
} HeadRow;

typedef struct {
  GArray *rows;  /* HeadRow */
} Head;

static void
clear_head_row (gpointer p)
{
  g_strfreev (((HeadRow *) p)->cells);
}

static gboolean
collect_head (guint row, const JbCell *cells, guint n_cells, gpointer data, GError **error)
{
  Head *head = data;
  HeadRow hr = { row, g_new0 (char *, n_cells + 1), n_cells };
  for (guint i = 0; i < n_cells; i++)
    hr.cells[i] = g_strdup (cells[i].text);
  g_array_append_val (head->rows, hr);
  return head->rows->len < HEAD_ROWS;
}

static Head *
read_head (JbIntake *intake, guint sheet, GCancellable *cancellable, GError **error)
{
  Head *head = g_new0 (Head, 1);
  head->rows = g_array_new (FALSE, TRUE, sizeof (HeadRow));
  g_array_set_clear_func (head->rows, clear_head_row);
  if (!jb_workbook_read_sheet (intake->workbook, sheet, collect_head, head, cancellable, error))
    {
      g_array_unref (head->rows);
      g_free (head);
      return NULL;
    }
  return head;
}

static void
head_free (Head *head)
{
  g_array_unref (head->rows);
  g_free (head);
}

static const char *
cell_at (const HeadRow *r, guint col)
{
  return r && col < r->n ? r->cells[col] : "";
}

static guint
n_values (const HeadRow *r)
{
  guint n = 0;
  for (guint i = 0; i < r->n; i++)
    n += *r->cells[i] != '\0';
  return n;
}

static const char *
match (JbKindId kind, const char *text)
{
  g_autofree char *norm = jb_intake_normalize_header (text, NULL, NULL);
  return jb_intake_match_header (kind, norm);
}

/* Cells naming a known column (序号 not counted). */
static guint
score (JbKindId kind, const HeadRow *r)
{
  guint n = 0;
  for (guint i = 0; i < r->n; i++)
    {
      const char *t = *r->cells[i] ? match (kind, r->cells[i]) : NULL;
      n += t && *t;
    }
  return n;
}

static gboolean
has_colon (const char *text)
{
  return strchr (text, ':') || strstr (text, "：");
}

typedef struct {
  int best;          /* index in head->rows, -1 if none */
  int first, last;   /* header rows, as indexes */
  guint score;
} Found;

static Found
find_header (JbKindId kind, Head *head)
{
  Found f = { -1, -1, -1, 0 };
  for (guint i = 0; i < head->rows->len; i++)
    {
      guint s = score (kind, &g_array_index (head->rows, HeadRow, i));
      if (s > f.score)
        f.best = (int) i, f.score = s;
    }
  if (f.score < 2)
    {
      /* No known names: the widest of the first rows, mapped by hand. */
      guint widest = 0;
      f.best = -1;
      for (guint i = 0; i < MIN (head->rows->len, 10); i++)
        {
          guint n = n_values (&g_array_index (head->rows, HeadRow, i));
          if (n > widest && n >= 2)
            f.best = (int) i, widest = n;
        }
      if (f.best < 0)
        return f;
    }
  f.first = f.last = f.best;
  const HeadRow *h = &g_array_index (head->rows, HeadRow, f.best);

  /* The row below, when its cells name columns under a group label (the
   * label in the group's first column, blanks after it). */
  if ((guint) f.best + 1 < head->rows->len)
    {
      const HeadRow *b = &g_array_index (head->rows, HeadRow, f.best + 1);
      gboolean under = b->row == h->row + 1 && score (kind, b) >= 1;
      guint below_blank = 0;
      for (guint c = 0; under && c < b->n; c++)
        if (*b->cells[c])
          {
            const char *t = match (kind, b->cells[c]);
            gboolean blank_above = *cell_at (h, c) == '\0';
            below_blank += blank_above;
            under = blank_above || (t && *t);
          }
      if (under && below_blank > 0)
        f.last = f.best + 1;
    }
  /* The row above, when it holds group labels only. */
  if (f.best > 0 && f.last == f.best)
    {
      const HeadRow *a = &g_array_index (head->rows, HeadRow, f.best - 1);
      gboolean group = a->row + 1 == h->row && n_values (a) >= 2 &&
                       score (kind, a) * 2 < f.score && n_values (a) < n_values (h);
      for (guint c = 0; group && c < a->n; c++)
        group = !has_colon (a->cells[c]);
      if (group)
        f.first = f.best - 1;
    }
  return f;
}

static void
add_part (GString *header, const char *part)
{
  if (*part == '\0' || (header->len && g_str_has_suffix (header->str, part)))
    return;
  if (header->len)
    g_string_append (header, " / ");
  g_string_append (header, part);
}

/* Maps the columns from the header rows @f of @head. */
static void
map_columns (JbIntake *intake, Head *head, Found f)
{
  g_array_set_size (intake->columns, 0);
  guint n = 0;
  for (guint i = 0; i < head->rows->len; i++)
    n = MAX (n, g_array_index (head->rows, HeadRow, i).n);
  g_array_set_size (intake->columns, n);
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);

  const HeadRow *group = f.first >= 0 && f.first < f.best
                         ? &g_array_index (head->rows, HeadRow, f.first) : NULL;
  const HeadRow *main = f.best >= 0 ? &g_array_index (head->rows, HeadRow, f.best) : NULL;
  const HeadRow *below = f.last > f.best ? &g_array_index (head->rows, HeadRow, f.last) : NULL;
  /* A group label spans the columns after it that have headers below it;
   * a label with nothing below it is merged downwards instead (序号). */
  const HeadRow *upper = group ? group : below ? main : NULL;
  const HeadRow *lower = group ? main : below;
  const char *label = "";

  for (guint c = 0; c < n; c++)
    {
      JbIntakeColumn *col = &g_array_index (intake->columns, JbIntakeColumn, c);
      g_autoptr (GString) header = g_string_new (NULL);
      const char *up = upper ? cell_at (upper, c) : "";
      const char *low = lower ? cell_at (lower, c) : "";
      if (upper)
        {
          if (*up)
            label = *low ? up : "";
          else if (!*low)
            label = "";
          add_part (header, *up ? up : label);
          add_part (header, low);
        }
      else
        add_part (header, cell_at (main, c));

      /* The lowest part names the column best; the whole when it does not. */
      const char *bottom = upper ? (*low ? low : up) : cell_at (main, c);
      g_autofree char *norm = jb_intake_normalize_header (bottom, &col->unit, &col->unit_known);
      const char *target = jb_intake_match_header (intake->kind, norm);
      if (target == NULL && header->len)
        {
          JbMoneyUnit unit;
          gboolean known;
          g_autofree char *whole = jb_intake_normalize_header (header->str, &unit, &known);
          target = jb_intake_match_header (intake->kind, whole);
          if (known && !col->unit_known)
            col->unit = unit, col->unit_known = TRUE;
        }
      if (header->len == 0)
        {
          g_autofree char *letter = jb_sheet_column_name (c);
          g_string_assign (header, letter);
        }
      col->header = g_strdup (header->str);
      /* Unknown, or a second column for the same field: kept as notes. */
      if (target && *target && g_hash_table_contains (used, target))
        target = NULL;
      if (target && *target)
        g_hash_table_add (used, (gpointer) target);
      if (target == NULL)
        target = jb_intake_notes_field (intake->kind) || header->len ? JB_INTAKE_NOTES : NULL;
      col->target = target && *target ? g_strdup (target) : NULL;
    }
}

gboolean
jb_intake_set_sheet (JbIntake *intake, guint sheet, JbKindId kind, GCancellable *cancellable,
                     GError **error)
{
  g_return_val_if_fail (jb_intake_kind_supported (kind), FALSE);
  Head *head = read_head (intake, sheet, cancellable, error);
  if (head == NULL)
    return FALSE;
  intake->sheet = sheet;
  intake->kind = kind;
  Found f = find_header (kind, head);
  intake->header_first = f.first >= 0 ? g_array_index (head->rows, HeadRow, f.first).row : 0;
  intake->header_last = f.last >= 0 ? g_array_index (head->rows, HeadRow, f.last).row : 0;
  if (f.best < 0)
    {
      head_free (head);
      g_array_set_size (intake->columns, 0);
      return jb_sheet_fail (intake->workbook, error, JB_SHEET_ERROR_NO_SHEET,
                            _("The sheet “%s” has no table: no row has two values."),
                            jb_workbook_get_sheet_name (intake->workbook, sheet));
    }
  map_columns (intake, head, f);
  g_hash_table_remove_all (intake->choices);
  head_free (head);
  return TRUE;
}

guint
jb_intake_guess_sheet (JbIntake *intake, JbKindId kind, GCancellable *cancellable,
                       GError **error)
{
  guint n = MIN (jb_workbook_get_n_sheets (intake->workbook), GUESS_SHEETS);
  for (guint s = 0; s < n; s++)
    {
      g_autoptr (GError) local = NULL;
      Head *head = read_head (intake, s, cancellable, &local);
      if (head == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return 0;
            }
          continue;
        }
      Found f = find_header (kind, head);
      head_free (head);
      if (f.score >= 2)
        return s;
    }
  return 0;
}

guint
jb_intake_get_sheet (JbIntake *intake)
{
  return intake->sheet;
}

JbKindId
jb_intake_get_kind (JbIntake *intake)
{
  return intake->kind;
}

guint
jb_intake_get_header_first (JbIntake *intake)
{
  return intake->header_first + 1;
}

guint
jb_intake_get_header_last (JbIntake *intake)
{
  return intake->header_last + 1;
}

guint
jb_intake_get_n_columns (JbIntake *intake)
{
  return intake->columns->len;
}

const char *
jb_intake_get_header (JbIntake *intake, guint column)
{
  g_return_val_if_fail (column < intake->columns->len, NULL);
  return g_array_index (intake->columns, JbIntakeColumn, column).header;
}

const char *
jb_intake_get_target (JbIntake *intake, guint column)
{
  g_return_val_if_fail (column < intake->columns->len, NULL);
  return g_array_index (intake->columns, JbIntakeColumn, column).target;
}

void
jb_intake_set_target (JbIntake *intake, guint column, const char *target)
{
  g_return_if_fail (column < intake->columns->len);
  JbIntakeColumn *col = &g_array_index (intake->columns, JbIntakeColumn, column);
  g_free (col->target);
  col->target = target && *target ? g_strdup (target) : NULL;
}

const char * const *
jb_intake_list_targets (JbIntake *intake)
{
  return targets_of (intake->kind);
}

/* The row's organization: a demand's or achievement's owner, a person's
 * organization. */
const char *
jb_intake_org_field (JbKindId kind)
{
  static const char *const org_fields[JB_N_KINDS] = {
    [JB_KIND_DEMAND] = "owner_id",
    [JB_KIND_ACHIEVEMENT] = "owner_id",
    [JB_KIND_PERSON] = "organization_id",
  };
  return kind < JB_N_KINDS ? org_fields[kind] : NULL;
}

const JbField *
jb_intake_target_field (JbIntake *intake, const char *target, gboolean *of_org)
{
  *of_org = g_str_has_prefix (target, "org.");
  if (*of_org)
    return jb_kind_field (jb_kind_get (JB_KIND_ORGANIZATION), target + strlen ("org."));
  return jb_kind_field (jb_kind_get (intake->kind), target);
}

char *
jb_intake_target_label (JbIntake *intake, const char *target)
{
  if (target == NULL)
    return g_strdup (_("Ignored"));
  if (strcmp (target, JB_INTAKE_NOTES) == 0)
    {
      const char *notes = jb_intake_notes_field (intake->kind);
      const JbField *f = notes ? jb_kind_field (jb_kind_get (intake->kind), notes) : NULL;
      /* TRANSLATORS: a column kept as "header: value" lines in a text field */
      return f ? g_strdup_printf (_("Kept in “%s”"), _(f->label)) : g_strdup (_("Ignored"));
    }
  gboolean of_org;
  const JbField *f = jb_intake_target_field (intake, target, &of_org);
  if (f == NULL)
    return g_strdup (target);
  if (!of_org)
    return g_strdup (_(f->label));
  const JbField *ref = jb_kind_field (jb_kind_get (intake->kind),
                                      jb_intake_org_field (intake->kind));
  /* The organization's name is the organization: "Owner". */
  if (strcmp (target, "org.name") == 0)
    return g_strdup (_(ref->label));
  /* TRANSLATORS: a field of a demand's owner: "Owner: Phone" */
  return g_strdup_printf (_("%s: %s"), _(ref->label), _(f->label));
}

char *
jb_intake_missing_required (JbIntake *intake)
{
  const char * const *targets = targets_of (intake->kind);
  g_autoptr (GString) missing = g_string_new (NULL);
  for (guint t = 0; targets[t]; t++)
    {
      gboolean of_org;
      const JbField *f = jb_intake_target_field (intake, targets[t], &of_org);
      /* Required choices get their first value (draft, enterprise…). */
      const char *ref = jb_intake_org_field (intake->kind);
      gboolean org_required = ref && (jb_kind_field (jb_kind_get (intake->kind), ref)->flags &
                                      JB_FIELD_REQUIRED);
      gboolean required = f && (f->flags & JB_FIELD_REQUIRED) && f->type != JB_TYPE_ENUM &&
                          (!of_org || (org_required && strcmp (targets[t], "org.name") == 0));
      if (!required)
        continue;
      gboolean mapped = FALSE;
      for (guint c = 0; c < intake->columns->len && !mapped; c++)
        mapped = g_strcmp0 (g_array_index (intake->columns, JbIntakeColumn, c).target,
                            targets[t]) == 0;
      if (!mapped)
        {
          g_autofree char *label = jb_intake_target_label (intake, targets[t]);
          g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", label);
        }
    }
  return missing->len ? g_string_free (g_steal_pointer (&missing), FALSE) : NULL;
}

void
jb_intake_set_choice (JbIntake *intake, const char *target, const char *text, const char *code)
{
  char *key = g_strconcat (target, "\n", text, NULL);
  if (code)
    g_hash_table_replace (intake->choices, key, g_strdup (code));
  else
    {
      g_hash_table_remove (intake->choices, key);
      g_free (key);
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-intake-rows.c: data rows as records, for the preview and the import.
 *
 * Each row below the header becomes a record of the intake's kind and, for
 * demands, achievements and people, the organization it names: found by
 * credit code, then by exact name, else created.  A record already in the
 * database (a demand by code, else by owner and title) is updated with the
 * row's values.  Problems carry the row and the column they come from.  The
 * preview runs the same code in a transaction it rolls back; the import
 * commits only when no row has an error. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-intake-private.h"
#include "jb-sheet-private.h"
#include "jb-rules.h"

typedef struct {
  JbIntake *intake;
  JbStore *store;
  const JbKind *kind;
  const JbKind *org_kind;
  int org_ref;              /* field of the kind pointing at the organization, or -1 */
  int notes;                /* the kind's notes field, or -1 */
  guint limit;              /* data rows to read (0: all) */
  GCancellable *cancellable;
  JbProgressFunc progress;
  gpointer user_data;
  double reported;

  GPtrArray *rows;          /* preview: JbIntakeRow */
  GPtrArray *problems;      /* import: JbIntakeProblem */
  guint n_failed, n_rows, n_problems;
  JbImportSummary summary;
  gboolean after_notes;
  GHashTable *choice_cache; /* "enum\ntext" → code ("" when none) */
  GHashTable *orgs;         /* "code:…" / "name:…" → id, of this run */
  /* When the kind's table was empty, only this run's rows can match a row:
   * their keys (code, owner and title…) say when to ask the database. */
  GHashTable *keys;         /* NULL: always ask */
  GError *fatal;            /* the database failed: stop */

  /* the row being read */
  guint row;
  JbRecord *record;
  JbRecord *org_record;
  GPtrArray *row_problems;
  int *field_column;        /* per field of the kind: the column that set it */
  int org_column[32];       /* per organization field */
  GString *notes_text;
} Run;

static void
add_problem (Run *run, int column, gboolean warning, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static void
add_problem (Run *run, int column, gboolean warning, const char *format, ...)
{
  va_list args;
  JbIntakeProblem *p = g_new0 (JbIntakeProblem, 1);
  p->row = run->row + 1;
  p->column = column;
  p->warning = warning;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (column >= 0 && (guint) column < run->intake->columns->len)
    p->column_name = g_strdup (g_array_index (run->intake->columns, JbIntakeColumn,
                                              column).header);
  else if (column >= 0)
    p->column_name = jb_sheet_column_name ((guint) column);
  else
    p->column_name = g_strdup ("");
  g_ptr_array_add (run->row_problems, p);
}

void
jb_intake_problem_free (JbIntakeProblem *p)
{
  g_free (p->column_name);
  g_free (p->message);
  g_free (p);
}

void
jb_intake_row_free (JbIntakeRow *row)
{
  g_clear_object (&row->record);
  g_clear_object (&row->organization);
  g_ptr_array_unref (row->problems);
  g_free (row);
}

char *
jb_intake_problem_to_string (JbIntake *intake, JbIntakeProblem *p)
{
  const char *name = jb_workbook_get_name (intake->workbook);
  if (p->column_name && *p->column_name)
    return g_strdup_printf ("%s:%u: %s: %s", name, p->row, p->column_name, p->message);
  return g_strdup_printf ("%s:%u: %s", name, p->row, p->message);
}

/* ---- values ---------------------------------------------------------------- */

static const char *
choice (Run *run, const char *target, const JbEnum *e, const char *text)
{
  g_autofree char *key = g_strconcat (target, "\n", text, NULL);
  const char *code = g_hash_table_lookup (run->intake->choices, key);
  if (code)
    return code;
  g_autofree char *cache_key = g_strconcat (e->name, "\n", text, NULL);
  const char *cached = g_hash_table_lookup (run->choice_cache, cache_key);
  if (cached == NULL)
    {
      const char *found = jb_intake_match_choice (e, text);
      cached = found ? found : "";
      g_hash_table_insert (run->choice_cache, g_steal_pointer (&cache_key), (gpointer) cached);
    }
  return *cached ? cached : NULL;
}

static void
add_note (Run *run, const char *header, const char *value)
{
  if (run->notes_text->len)
    g_string_append_c (run->notes_text, '\n');
  g_string_append_printf (run->notes_text, "%s: %s", header, value);
}

/* "上海市闵行区" in a district column: the province, the city, the district. */
static void
set_region (Run *run, JbRecord *record, int column, const char *text)
{
  const JbKind *kind = jb_record_get_kind (record);
  int province = jb_kind_field_index (kind, "province");
  int city = jb_kind_field_index (kind, "city");
  int district = jb_kind_field_index (kind, "district");
  const char *rest = text;
  const char *code = jb_intake_match_province_prefix (text, &rest);
  if (code && !jb_record_is_set (record, province))
    jb_record_set_text (record, province, code);
  const char *shi = strstr (rest, "市");
  if (shi && shi[strlen ("市")] != '\0' && !jb_record_is_set (record, city))
    {
      g_autofree char *c = g_strndup (rest, (gsize) (shi - rest) + strlen ("市"));
      jb_record_set_text (record, city, c);
      rest = shi + strlen ("市");
    }
  if (*rest)
    jb_record_set_text (record, district, rest);
  else if (!code)
    jb_record_set_text (record, district, text);
}

static void
apply_value (Run *run, guint c, const JbCell *cell)
{
  JbIntakeColumn *col = &g_array_index (run->intake->columns, JbIntakeColumn, c);
  const char *text = cell->text;
  gboolean of_org;
  const JbField *f = jb_intake_target_field (run->intake, col->target, &of_org);
  JbRecord *record = of_org ? run->org_record : run->record;
  if (f == NULL || record == NULL)
    return;
  const JbKind *kind = jb_record_get_kind (record);
  int i = jb_kind_field_index (kind, f->name);
  if (of_org)
    run->org_column[i] = (int) c;
  else
    run->field_column[i] = (int) c;

  switch (f->type)
    {
    case JB_TYPE_TEXT:
      if (strcmp (f->name, "keywords") == 0)
        {
          g_autofree char *words = jb_keywords_normalize (text);
          jb_record_set_text (record, i, words);
        }
      else if (strcmp (f->name, "district") == 0)
        set_region (run, record, (int) c, text);
      else
        jb_record_set_text (record, i, text);
      break;
    case JB_TYPE_LONG_TEXT:
      jb_record_set_text (record, i, text);
      break;
    case JB_TYPE_INT:
      {
        const char *p = text;
        while (*p && !g_ascii_isdigit (*p))
          p++;
        gint64 n = g_ascii_strtoll (p, NULL, 10);
        if (*p == '\0' || n < f->min || n > f->max)
          add_problem (run, (int) c, FALSE, _("“%s” is not a whole number from %lld to %lld."),
                       text, (long long) f->min, (long long) f->max);
        else
          jb_record_set_int (record, i, n);
      }
      break;
    case JB_TYPE_MONEY:
      {
        g_autofree char *number = NULL;
        if (cell->type == JB_CELL_NUMBER)
          number = jb_sheet_format_number (g_ascii_strtod (text, NULL));
        gint64 fen;
        g_autoptr (GError) local = NULL;
        if (jb_money_parse (number ? number : text, col->unit_known ? col->unit : JB_MONEY_YUAN,
                            &fen, &local))
          jb_record_set_int (record, i, fen);
        else
          add_problem (run, (int) c, FALSE, "%s", local->message);
      }
      break;
    case JB_TYPE_DATE:
      {
        g_autofree char *iso = NULL;
        if (cell->type == JB_CELL_DATE)
          iso = jb_date_normalize (text);
        else if (cell->type == JB_CELL_NUMBER)
          iso = jb_date_from_serial (g_ascii_strtod (text, NULL),
                                     run->intake->workbook->date1904);
        else
          /* A deadline given as a month or a range means its end. */
          iso = jb_date_normalize_loose (text, strcmp (f->name, "deadline") == 0 ||
                                               strcmp (f->name, "end_date") == 0);
        if (iso)
          jb_record_set_text (record, i, iso);
        else
          add_problem (run, (int) c, FALSE,
                       _("“%s” is not a date: write 2023-06-30, 2023/6/30, 2023年6月30日 or "
                         "2023年6月."), text);
      }
      break;
    case JB_TYPE_ENUM:
      {
        const char *code = choice (run, col->target, f->enumeration, text);
        if (code)
          jb_record_set_text (record, i, code);
        else if (jb_enum_index (f->enumeration, "other") >= 0 && run->notes >= 0)
          {
            jb_record_set_text (record, i, "other");
            add_note (run, col->header, text);
            add_problem (run, (int) c, TRUE,
                         _("“%s” is not one of the choices: stored as Other, the text kept "
                           "in “%s”."), text, _(run->kind->fields[run->notes].label));
          }
        else if (!(f->flags & JB_FIELD_REQUIRED) && run->notes >= 0)
          {
            add_note (run, col->header, text);
            add_problem (run, (int) c, TRUE,
                         _("“%s” is not one of the choices: left empty, the text kept in "
                           "“%s”."), text, _(run->kind->fields[run->notes].label));
          }
        else
          {
            g_autoptr (GString) labels = g_string_new (NULL);
            for (guint v = 0; v < f->enumeration->n_values; v++)
              g_string_append_printf (labels, "%s%s", v ? ", " : "",
                                      _(f->enumeration->values[v].label));
            add_problem (run, (int) c, FALSE, _("“%s” is not one of %s."), text, labels->str);
          }
      }
      break;
    case JB_TYPE_BOOL:
      {
        gboolean value;
        if (jb_intake_parse_bool (text, &value))
          jb_record_set_int (record, i, value);
        else
          add_problem (run, (int) c, FALSE, _("“%s” is neither yes (是) nor no (否)."), text);
      }
      break;
    case JB_TYPE_REF:
    case JB_N_TYPES:
      /* References are matched to records by name, before the values. */
      break;
    }
}

/* ---- records --------------------------------------------------------------- */

/* The rules a save applies without the database, as problems of columns. */
static gboolean
check (Run *run, JbRecord *record, const int *columns)
{
  g_autoptr (GPtrArray) problems = jb_problems_new ();
  jb_record_validate (record, problems);
  jb_rules_check (record, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      JbProblem *p = g_ptr_array_index (problems, i);
      int column = p->field >= 0 ? columns[p->field] : -1;
      const JbKind *kind = jb_record_get_kind (record);
      if (column < 0 && p->field >= 0)
        /* TRANSLATORS: a problem with a field no column fills: "Owner: is missing" */
        add_problem (run, -1, FALSE, _("%s: %s"), _(kind->fields[p->field].label), p->message);
      else
        add_problem (run, column, FALSE, "%s", p->message);
    }
  return problems->len == 0;
}

/* Saves @record; the store checks every rule.  Only when it refuses are the
 * rules asked again, field by field, to name the columns at fault: one
 * check per row, not two. */
static gboolean
save (Run *run, JbRecord *record, const int *columns, const char *what)
{
  g_autoptr (GError) local = NULL;
  JbSaveFlags flags = JB_SAVE_BULK | JB_SAVE_ANY_STATUS;
  if (jb_record_get_id (record) == 0)
    {
      /* A new record's creation is its created time, as for an exchange
       * file: no history row for each of 100 000 rows.  (Changes to saved
       * records keep their history.) */
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *now = jb_timestamp_now ();
      jb_record_set_uuid (record, uuid);
      jb_record_set_times (record, now, now);
      flags |= JB_SAVE_KEEP_TIMES;
    }
  if (jb_store_save (run->store, record, flags, &local))
    return TRUE;
  if (g_error_matches (local, JB_STORE_ERROR, JB_STORE_ERROR_FAILED) && run->fatal == NULL)
    run->fatal = g_error_copy (local);
  /* A refused bulk save may have given the record an id or a code: no
   * matter to the rules of its fields. */
  if (check (run, record, columns))
    /* TRANSLATORS: "the demand “…” was refused: what is wrong" */
    add_problem (run, -1, FALSE, _("%s was refused: %s"), what, local->message);
  return FALSE;
}

static gint64
find (Run *run, JbKindId kind, const char *f1, const char *v1, const char *f2, const char *v2)
{
  const char *fields[2] = { f1, f2 };
  const char *values[2] = { v1, v2 };
  g_autoptr (GError) local = NULL;
  gint64 id = jb_store_find (run->store, kind, fields, values, f2 ? 2 : 1, &local);
  if (id < 0 && run->fatal == NULL)
    run->fatal = g_steal_pointer (&local);
  return MAX (id, 0);
}

/* Copies into @dst every field @src sets (all when @overwrite, else only
 * those @dst lacks); TRUE if anything changed. */
static gboolean
merge (JbRecord *dst, JbRecord *src, gboolean overwrite)
{
  const JbKind *kind = jb_record_get_kind (dst);
  gboolean changed = FALSE;
  for (guint i = 0; i < kind->n_fields; i++)
    {
      if (!jb_record_is_set (src, i) || (!overwrite && jb_record_is_set (dst, i)) ||
          jb_record_equal_field (dst, src, i))
        continue;
      switch (kind->fields[i].type)
        {
        case JB_TYPE_TEXT:
        case JB_TYPE_LONG_TEXT:
        case JB_TYPE_DATE:
        case JB_TYPE_ENUM:
          jb_record_set_text (dst, i, jb_record_get_text (src, i));
          break;
        default:
          jb_record_set_int (dst, i, jb_record_get_int (src, i));
          break;
        }
      changed = TRUE;
    }
  return changed;
}

/* Keys kept in memory at most (about 100 bytes each; as many as the
 * exchange import keeps ids): past them the database is asked every row. */
#define MAX_KEYS 200000

/* An organization as the row gives it: found (and completed with what the
 * row adds) or created.  Returns its id, 0 if the row has a problem or names
 * none. */
static gint64
resolve_organization (Run *run, JbRecord *org, const int *columns, JbRecord **stored)
{
  const char *name = jb_record_get_text_by_name (org, "name");
  const char *code = jb_record_get_text_by_name (org, "credit_code");
  if (name == NULL && code == NULL)
    return 0;
  g_autofree char *key = code ? g_strconcat ("code:", code, NULL)
                              : g_strconcat ("name:", name, NULL);
  gpointer cached = g_hash_table_lookup (run->orgs, key);
  if (cached && stored == NULL)
    return GPOINTER_TO_SIZE (cached);

  gint64 id = cached ? (gint64) GPOINTER_TO_SIZE (cached) : 0;
  if (id == 0 && code)
    id = find (run, JB_KIND_ORGANIZATION, "credit_code", code, NULL, NULL);
  if (id == 0 && name)
    id = find (run, JB_KIND_ORGANIZATION, "name", name, NULL, NULL);
  if (run->fatal)
    return 0;
  const char *what = name ? name : code;
  g_autofree char *label = g_strdup_printf (_("The organization “%s”"), what);
  if (id)
    {
      g_autoptr (JbRecord) saved = jb_store_load (run->store, JB_KIND_ORGANIZATION, id, NULL);
      if (saved == NULL)
        return 0;
      const char *saved_code = jb_record_get_text_by_name (saved, "credit_code");
      if (!cached && code && saved_code && strcmp (code, saved_code) != 0)
        add_problem (run, columns[jb_kind_field_index (run->org_kind, "credit_code")], TRUE,
                     _("%s has the credit code %s in the database, kept; the sheet says %s."),
                     jb_record_get_title (saved), saved_code, code);
      /* Only what the database lacks: the row may be older than the record. */
      if (!cached && merge (saved, org, FALSE))
        {
          if (!save (run, saved, columns, label))
            return 0;
          run->summary.updated++;
        }
      if (stored)
        *stored = g_object_ref (saved);
    }
  else
    {
      if (name == NULL)
        {
          add_problem (run, columns[jb_kind_field_index (run->org_kind, "credit_code")], FALSE,
                       _("No organization has the credit code %s: give its name too."), code);
          return 0;
        }
      jb_rules_prefill (run->store, org);
      if (!save (run, org, columns, label))
        return 0;
      id = jb_record_get_id (org);
      run->summary.created++;
      if (stored)
        *stored = g_object_ref (org);
    }
  /* Bounded like the keys below: past that, the database is asked. */
  if (g_hash_table_size (run->orgs) >= MAX_KEYS)
    return id;
  g_hash_table_insert (run->orgs, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) id));
  if (code && name)
    g_hash_table_insert (run->orgs, g_strconcat ("name:", name, NULL),
                         GSIZE_TO_POINTER ((gsize) id));
  return id;
}

static char *
record_key (Run *run, JbRecord *record)
{
  const char *code = run->kind->id == JB_KIND_DEMAND ? jb_record_get_text_by_name (record, "code")
                                                     : NULL;
  if (code)
    return g_strconcat ("code:", code, NULL);
  gint64 ref = run->org_ref >= 0 ? jb_record_get_int (record, run->org_ref) : 0;
  const char *title = jb_record_get_title (record);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", ref, title ? title : "");
}

/* The record the row updates, 0 if it is new. */
static gint64
existing_record (Run *run, JbRecord *record)
{
  if (run->keys)
    {
      char *key = record_key (run, record);
      if (g_hash_table_contains (run->keys, key))
        g_free (key);
      else if (g_hash_table_size (run->keys) >= MAX_KEYS)
        {
          g_free (key);
          g_clear_pointer (&run->keys, g_hash_table_unref);
        }
      else
        {
          g_hash_table_add (run->keys, key);
          return 0;  /* new to the run, and the table had nothing */
        }
    }
  g_autofree char *ref = run->org_ref >= 0 && jb_record_is_set (record, run->org_ref)
    ? g_strdup_printf ("%" G_GINT64_FORMAT, jb_record_get_int (record, run->org_ref)) : NULL;
  switch (run->kind->id)
    {
    case JB_KIND_DEMAND:
      {
        const char *code = jb_record_get_text_by_name (record, "code");
        const char *title = jb_record_get_text_by_name (record, "title");
        if (code)
          return find (run, JB_KIND_DEMAND, "code", code, NULL, NULL);
        return ref && title ? find (run, JB_KIND_DEMAND, "owner_id", ref, "title", title) : 0;
      }
    case JB_KIND_ACHIEVEMENT:
      {
        const char *title = jb_record_get_text_by_name (record, "title");
        return ref && title ? find (run, JB_KIND_ACHIEVEMENT, "owner_id", ref, "title", title)
                            : 0;
      }
    case JB_KIND_PERSON:
      {
        const char *name = jb_record_get_text_by_name (record, "name");
        const char *phone = jb_record_get_text_by_name (record, "phone");
        if (name && ref)
          return find (run, JB_KIND_PERSON, "name", name, "organization_id", ref);
        return name && phone ? find (run, JB_KIND_PERSON, "name", name, "phone", phone) : 0;
      }
    default:
      return 0;
    }
}

/* Saves the row's record (and organization); *@update: it was in the
 * database already.  FALSE if the row has a problem. */
static gboolean
store_row (Run *run, gboolean *update, JbRecord **org_out)
{
  JbRecord *record = run->record;
  g_autofree char *title = g_strdup (jb_record_get_title (record));
  *update = FALSE;

  if (run->kind->id == JB_KIND_ORGANIZATION)
    {
      /* The row is the organization itself. */
      const char *name = jb_record_get_text_by_name (record, "name");
      const char *code = jb_record_get_text_by_name (record, "credit_code");
      gint64 id = code ? find (run, JB_KIND_ORGANIZATION, "credit_code", code, NULL, NULL) : 0;
      if (id == 0 && name)
        id = find (run, JB_KIND_ORGANIZATION, "name", name, NULL, NULL);
      if (id)
        {
          g_autoptr (JbRecord) saved = jb_store_load (run->store, JB_KIND_ORGANIZATION, id, NULL);
          *update = TRUE;
          if (saved && !merge (saved, record, TRUE))
            {
              run->summary.unchanged++;
              jb_record_assign (record, saved);
              return TRUE;
            }
          if (saved == NULL)
            return FALSE;
          jb_record_assign (record, saved);
        }
      else
        {
          jb_rules_prefill (run->store, record);
        }
      g_autofree char *label = g_strdup_printf (_("The organization “%s”"), title ? title : "");
      if (!save (run, record, run->field_column, label))
        return FALSE;
      if (id)
        run->summary.updated++;
      else
        run->summary.created++;
      return TRUE;
    }

  if (run->org_record)
    {
      JbRecord *stored = NULL;
      guint before = run->row_problems->len;
      gint64 org = resolve_organization (run, run->org_record, run->org_column,
                                         org_out ? &stored : NULL);
      if (org_out)
        *org_out = stored;
      if (run->row_problems->len > before || run->fatal)
        return FALSE;
      if (org)
        jb_record_set_int (record, run->org_ref, org);
    }

  gint64 id = existing_record (run, record);
  if (run->fatal)
    return FALSE;
  const char *kind_label = _(run->kind->label);
  g_autofree char *label = g_strdup_printf (_("%s “%s”"), kind_label, title ? title : "");
  if (id)
    {
      g_autoptr (JbRecord) saved = jb_store_load (run->store, run->kind->id, id, NULL);
      *update = TRUE;
      if (saved == NULL)
        return FALSE;
      if (!merge (saved, record, TRUE))
        {
          run->summary.unchanged++;
          jb_record_assign (record, saved);
          return TRUE;
        }
      jb_record_assign (record, saved);
    }
  else
    jb_rules_prefill (run->store, record);
  if (!save (run, record, run->field_column, label))
    return FALSE;
  if (id)
    run->summary.updated++;
  else
    run->summary.created++;
  return TRUE;
}

static void run_init (Run *run, JbIntake *intake, JbStore *store);
static void run_clear (Run *run);

/* ---- unknown choices ------------------------------------------------------- */

typedef struct {
  JbIntake *intake;
  Run *run;
  GPtrArray *found;     /* JbIntakeChoice */
  GHashTable *index;    /* "target\ntext" → JbIntakeChoice */
  GCancellable *cancellable;
  guint n;
} Scan;

void
jb_intake_choice_free (JbIntakeChoice *c)
{
  g_free (c->target);
  g_free (c->text);
  g_free (c);
}

static gboolean
scan_row (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  Scan *scan = data;
  GArray *columns = scan->intake->columns;
  if (row <= scan->intake->header_last)
    return TRUE;
  for (guint c = 0; c < MIN (n, columns->len); c++)
    {
      JbIntakeColumn *col = &g_array_index (columns, JbIntakeColumn, c);
      gboolean of_org;
      const JbField *f = col->target && *cells[c].text
                         ? jb_intake_target_field (scan->intake, col->target, &of_org) : NULL;
      if (f == NULL || f->type != JB_TYPE_ENUM ||
          choice (scan->run, col->target, f->enumeration, cells[c].text))
        continue;
      g_autofree char *key = g_strconcat (col->target, "\n", cells[c].text, NULL);
      JbIntakeChoice *found = g_hash_table_lookup (scan->index, key);
      if (found == NULL && scan->found->len < JB_INTAKE_MAX_PROBLEMS)
        {
          found = g_new0 (JbIntakeChoice, 1);
          found->target = g_strdup (col->target);
          found->column = c;
          found->text = g_strdup (cells[c].text);
          found->first_row = row + 1;
          g_ptr_array_add (scan->found, found);
          g_hash_table_insert (scan->index, g_steal_pointer (&key), found);
        }
      if (found)
        found->n_rows++;
    }
  return ++scan->n % 256 != 0 || !g_cancellable_set_error_if_cancelled (scan->cancellable,
                                                                         error);
}

GPtrArray *
jb_intake_unknown_choices (JbIntake *intake, GCancellable *cancellable, GError **error)
{
  Run run;
  run_init (&run, intake, NULL);
  Scan scan = { intake, &run, g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                              jb_intake_choice_free),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), cancellable, 0 };
  gboolean ok = jb_workbook_read_sheet (intake->workbook, intake->sheet, scan_row, &scan,
                                        cancellable, error);
  g_hash_table_unref (scan.index);
  run_clear (&run);
  if (!ok)
    g_clear_pointer (&scan.found, g_ptr_array_unref);
  return scan.found;
}

/* ---- rows ------------------------------------------------------------------ */

static gboolean
has_error (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    if (!((JbIntakeProblem *) g_ptr_array_index (problems, i))->warning)
      return TRUE;
  return FALSE;
}

static void
keep_problems (Run *run, const JbCell *cells, guint n)
{
  gboolean failed = has_error (run->row_problems);
  run->n_failed += failed;
  for (guint i = 0; i < run->row_problems->len; i++)
    {
      run->n_problems++;
      if (run->problems->len < JB_INTAKE_MAX_PROBLEMS)
        g_ptr_array_add (run->problems, g_ptr_array_steal_index (run->row_problems, i--));
    }
  g_ptr_array_set_size (run->row_problems, 0);
  if (failed && g_hash_table_size (run->intake->rejected) < JB_INTAKE_MAX_PROBLEMS)
    {
      GStrv values = g_new0 (char *, n + 1);
      for (guint c = 0; c < n; c++)
        values[c] = g_strdup (cells[c].text);
      g_hash_table_insert (run->intake->rejected, GUINT_TO_POINTER (run->row + 1), values);
    }
}

static gboolean
on_row (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  Run *run = data;
  JbIntake *intake = run->intake;
  GArray *columns = intake->columns;

  if (row <= intake->header_last || run->after_notes)
    return TRUE;
  guint first = n, n_all = 0, n_mapped = 0;
  for (guint c = 0; c < n; c++)
    if (*cells[c].text)
      {
        first = MIN (first, c);
        n_all++;
        n_mapped += c < columns->len && g_array_index (columns, JbIntakeColumn, c).target;
      }
  if (n_all == 0 || n_mapped == 0)
    return TRUE;
  /* 填表说明 and what follows it are notes on the form, not data. */
  if (n_all <= 2 && jb_intake_is_notes_text (cells[first].text))
    {
      run->after_notes = TRUE;
      return TRUE;
    }
  if (jb_intake_is_total_text (cells[first].text))
    return TRUE;

  run->row = row;
  run->n_rows++;
  g_clear_object (&run->record);
  g_clear_object (&run->org_record);
  run->record = jb_record_new (run->kind->id);
  run->org_record = run->org_ref >= 0 ? jb_record_new (JB_KIND_ORGANIZATION) : NULL;
  for (guint i = 0; i < run->kind->n_fields; i++)
    run->field_column[i] = -1;
  for (guint i = 0; i < G_N_ELEMENTS (run->org_column); i++)
    run->org_column[i] = -1;
  g_string_truncate (run->notes_text, 0);

  for (guint c = 0; c < MIN (n, columns->len); c++)
    {
      JbIntakeColumn *col = &g_array_index (columns, JbIntakeColumn, c);
      if (col->target == NULL || *cells[c].text == '\0')
        continue;
      if (strcmp (col->target, JB_INTAKE_NOTES) == 0)
        {
          if (run->notes >= 0)
            add_note (run, col->header, cells[c].text);
        }
      else
        apply_value (run, c, &cells[c]);
    }
  if (run->notes_text->len)
    {
      const char *had = jb_record_get_text (run->record, (guint) run->notes);
      g_autofree char *text = had ? g_strconcat (had, "\n", run->notes_text->str, NULL)
                                  : g_strdup (run->notes_text->str);
      jb_record_set_text (run->record, (guint) run->notes, text);
    }

  gboolean update = FALSE;
  JbRecord *org = NULL;
  if (!has_error (run->row_problems))
    store_row (run, &update, run->rows ? &org : NULL);
  if (run->fatal)
    {
      g_propagate_error (error, g_steal_pointer (&run->fatal));
      g_clear_object (&org);
      return FALSE;
    }

  if (run->rows)
    {
      JbIntakeRow *r = g_new0 (JbIntakeRow, 1);
      r->row = row + 1;
      r->record = g_object_ref (run->record);
      r->organization = org;
      r->update = update;
      r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
      for (guint i = 0; i < run->row_problems->len; i++)
        g_ptr_array_add (r->problems, g_ptr_array_steal_index (run->row_problems, i--));
      g_ptr_array_add (run->rows, r);
    }
  else
    keep_problems (run, cells, n);

  if (run->n_rows % 64 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      double fraction = jb_workbook_get_progress (intake->workbook) * 0.99;
      if (run->progress && fraction - run->reported >= 0.005)
        {
          run->reported = fraction;
          run->progress (fraction, run->user_data);
        }
    }
  return run->limit == 0 || run->n_rows < run->limit;
}

static void
run_init (Run *run, JbIntake *intake, JbStore *store)
{
  memset (run, 0, sizeof *run);
  run->intake = intake;
  run->store = store;
  run->kind = jb_kind_get (intake->kind);
  run->org_kind = jb_kind_get (JB_KIND_ORGANIZATION);
  const char *ref = jb_intake_org_field (intake->kind);
  run->org_ref = ref ? jb_kind_field_index (run->kind, ref) : -1;
  const char *notes = jb_intake_notes_field (intake->kind);
  run->notes = notes ? jb_kind_field_index (run->kind, notes) : -1;
  run->choice_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (store && jb_store_count (store, run->kind->id) == 0 &&
      run->kind->id != JB_KIND_ORGANIZATION)
    run->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->row_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
  run->field_column = g_new (int, run->kind->n_fields);
  run->notes_text = g_string_new (NULL);
  g_assert (run->org_kind->n_fields <= G_N_ELEMENTS (run->org_column));
}

static void
run_clear (Run *run)
{
  g_hash_table_unref (run->choice_cache);
  g_hash_table_unref (run->orgs);
  g_clear_pointer (&run->keys, g_hash_table_unref);
  g_ptr_array_unref (run->row_problems);
  g_free (run->field_column);
  g_string_free (run->notes_text, TRUE);
  g_clear_object (&run->record);
  g_clear_object (&run->org_record);
  g_clear_error (&run->fatal);
}

GPtrArray *
jb_intake_preview (JbIntake *intake, JbStore *store, guint n_rows, GCancellable *cancellable,
                   GError **error)
{
  Run run;
  run_init (&run, intake, store);
  run.limit = n_rows ? n_rows : JB_INTAKE_PREVIEW_ROWS;
  run.cancellable = cancellable;
  run.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_row_free);
  /* The real saves, so that the preview is what the import does; undone. */
  gboolean ok = jb_store_begin (store, error);
  if (ok)
    {
      ok = jb_workbook_read_sheet (intake->workbook, intake->sheet, on_row, &run, cancellable,
                                   error);
      jb_store_rollback (store);
    }
  GPtrArray *rows = run.rows;
  run_clear (&run);
  if (!ok)
    g_clear_pointer (&rows, g_ptr_array_unref);
  return rows;
}

gboolean
jb_intake_import (JbIntake *intake, JbStore *store, GCancellable *cancellable,
                  JbProgressFunc progress, gpointer user_data, JbImportSummary *summary,
                  GPtrArray **problems, GError **error)
{
  g_autofree char *missing = jb_intake_missing_required (intake);
  if (missing)
    /* TRANSLATORS: %s lists the missing columns' names */
    return jb_sheet_fail (intake->workbook, error, JB_SHEET_ERROR_INVALID,
                          _("The sheet has no column for: %s."), missing);

  g_autofree char *backup = g_strconcat (jb_store_get_path (store), ".before-import", NULL);
  if (!jb_store_backup (store, backup, error))
    return FALSE;

  Run run;
  run_init (&run, intake, store);
  run.cancellable = cancellable;
  run.progress = progress;
  run.user_data = user_data;
  run.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);
  g_hash_table_remove_all (intake->rejected);

  /* Columns that have nowhere to go in this kind: said once. */
  run.row = intake->header_last;
  for (guint c = 0; run.notes < 0 && c < intake->columns->len; c++)
    if (g_strcmp0 (g_array_index (intake->columns, JbIntakeColumn, c).target,
                   JB_INTAKE_NOTES) == 0)
      add_problem (&run, (int) c, TRUE, _("%s have no field for this column: it is not "
                                          "imported."), _(run.kind->plural));
  g_ptr_array_extend_and_steal (run.problems, g_steal_pointer (&run.row_problems));
  run.row_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jb_intake_problem_free);

  gboolean ok = jb_store_begin (store, error);
  gboolean in_transaction = ok;
  jb_store_set_cache_size (store, 64);
  ok = ok && jb_workbook_read_sheet (intake->workbook, intake->sheet, on_row, &run, cancellable,
                                     error);
  if (ok && run.n_failed > 0)
    {
      g_set_error (error, JB_SHEET_ERROR, JB_SHEET_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row was refused; nothing was imported.",
                                "%s: %u rows were refused; nothing was imported.", run.n_failed),
                   jb_workbook_get_name (intake->workbook), run.n_failed);
      ok = FALSE;
    }
  if (ok && run.n_rows == 0)
    ok = jb_sheet_fail (intake->workbook, error, JB_SHEET_ERROR_INVALID,
                        _("The sheet has no rows below its header."));
  if (in_transaction)
    {
      if (ok)
        ok = jb_store_commit (store, error);
      else
        jb_store_rollback (store);
    }
  jb_store_set_cache_size (store, 0);
  if (ok && progress)
    progress (1.0, user_data);
  if (ok && summary)
    *summary = run.summary;
  if (problems)
    *problems = g_steal_pointer (&run.problems);
  else
    g_ptr_array_unref (run.problems);
  run_clear (&run);
  return ok;
}

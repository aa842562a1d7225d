/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The XML exchange: round trips, the schema, re-import, filtered export,
 * atomicity, cancel and the command line.  Hostile files: test-exchange-hostile.c. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <string.h>
#include <sys/stat.h>

#include "exchange-test-util.h"
#include "jb-cli.h"
#include "jb-credit-code.h"
#include "jb-exchange-private.h"

/* ---- generated data ----------------------------------------------------- */

/* How many records of each kind populate() makes. */
static const guint counts[JB_N_KINDS] = { 12, 8, 6, 40, 15, 8, 10, 12, 8 };

static void
set_text_field (JbRecord *r, guint i, guint n)
{
  const JbKind *kind = jb_record_get_kind (r);
  const JbField *f = &kind->fields[i];
  g_autofree char *text = NULL;

  if (strcmp (f->name, "email") == 0)
    text = g_strdup_printf ("user%u.%s@example.com", n, kind->name);
  else if (strcmp (f->name, "credit_code") == 0)
    {
      char code[19];
      g_snprintf (code, sizeof code, "91310000%09u", n);
      code[17] = jb_credit_code_check_char (code);
      code[18] = '\0';
      text = g_strdup (code);
    }
  else if (strcmp (f->name, "keywords") == 0)
    text = g_strdup ("电池、储能, 快充");
  else if (strcmp (f->name, "code") == 0)
    text = g_strdup_printf ("MH-2022-%03u", n);
  else if (f->type == JB_TYPE_LONG_TEXT)
    /* Newlines (also CRLF), markup characters, tabs and edge spaces all survive. */
    text = g_strdup_printf ("  第一行 %u <b>&amp;</b> \"引号\" 'apos'\n第二行\r\n\t缩进 ]]> 末尾  ", n);
  else
    text = g_strdup_printf ("%s %s <%u> & “宁德时代” ’%u", kind->name, f->name, n, i);
  jb_record_set_text (r, i, text);
}

/* A record of @kind numbered @n: every field set when @n is even, only what the
 * rules need when it is odd; enumerations cycle through all their codes. */
static JbRecord *
make_record (JbKindId kind_id, guint n, GPtrArray **pool)
{
  const JbKind *kind = jb_kind_get (kind_id);
  JbRecord *r = jb_record_new (kind_id);
  gboolean all = n % 2 == 0;

  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      if (!all && !(f->flags & JB_FIELD_REQUIRED))
        continue;
      switch (f->type)
        {
        case JB_TYPE_TEXT:
        case JB_TYPE_LONG_TEXT:
          set_text_field (r, i, n);
          break;
        case JB_TYPE_INT:
          jb_record_set_int (r, i, f->min + (gint64) n % (f->max - f->min + 1));
          break;
        case JB_TYPE_MONEY:
          jb_record_set_int (r, i, (gint64) n * 123456789 + 7);
          break;
        case JB_TYPE_DATE:
          {
            g_autofree char *date = g_strdup_printf ("2022-%02u-%02u", 1 + n % 12, 1 + i);
            jb_record_set_text (r, i, date);
          }
          break;
        case JB_TYPE_ENUM:
          jb_record_set_text (r, i, f->enumeration->values[(n + i) % f->enumeration->n_values].code);
          break;
        case JB_TYPE_REF:
          {
            GPtrArray *targets = pool[f->ref_kind];
            if (targets->len == 0)
              break;
            JbRecord *target = g_ptr_array_index (targets, (n * 7 + i) % targets->len);
            jb_record_set_int (r, i, jb_record_get_id (target));
          }
          break;
        case JB_TYPE_BOOL:
          jb_record_set_int (r, i, (n / 2) % 2);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  /* What the rules ask beyond required fields. */
  if (kind_id == JB_KIND_DEAL && !all)
    jb_record_set_text_by_name (r, "stage", "intention");
  if (kind_id == JB_KIND_AWARD && !all)
    jb_record_set_int_by_name (r, "organization_id", jb_record_get_id (g_ptr_array_index (pool[0], n % pool[0]->len)));
  if (kind_id == JB_KIND_EVENT)
    {
      int parent = jb_kind_field_index (kind, "parent_id");
      /* Sessions below earlier events; the first two events are roots. */
      if (n >= 2 && all)
        jb_record_set_int (r, (guint) parent,
                           jb_record_get_id (g_ptr_array_index (pool[JB_KIND_EVENT], n - 2)));
      else
        jb_record_unset (r, (guint) parent);
      jb_record_set_text_by_name (r, "end_date", jb_record_get_text_by_name (r, "start_date"));
    }
  return r;
}

static void
populate (JbStore *store)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *pool[JB_N_KINDS];

  g_assert_true (jb_store_begin (store, &error));
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      pool[k] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint n = 0; n < counts[k]; n++)
        {
          JbRecord *r = make_record (k, n, pool);
          if (!jb_store_save (store, r, JB_SAVE_DEFAULT, &error))
            g_error ("%s %u: %s", jb_kind_get (k)->name, n, error->message);
          g_ptr_array_add (pool[k], r);
        }
    }
  /* The first event (created first) moves below the last one: the export must
   * still write the parent first. */
  JbRecord *first = g_ptr_array_index (pool[JB_KIND_EVENT], 0);
  JbRecord *last = g_ptr_array_index (pool[JB_KIND_EVENT], pool[JB_KIND_EVENT]->len - 1);
  jb_record_set_int_by_name (first, "parent_id", jb_record_get_id (last));
  g_assert_true (jb_store_save (store, first, JB_SAVE_DEFAULT, &error));
  g_assert_true (jb_store_commit (store, &error));
  for (guint k = 0; k < JB_N_KINDS; k++)
    g_ptr_array_unref (pool[k]);
}

static guint
populated_total (void)
{
  guint total = 0;
  for (guint k = 0; k < JB_N_KINDS; k++)
    total += counts[k];
  return total;
}

/* ---- schema ------------------------------------------------------------- */

static void
assert_valid (GBytes *xml)
{
  static xmlSchemaPtr schema;
  if (schema == NULL)
    {
      g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, "data", "exchange",
                                                "jiebang-exchange-1.xsd", NULL);
      g_autofree char *text = NULL;
      gsize len;
      g_assert_true (g_file_get_contents (path, &text, &len, NULL));
      /* From memory: the importer's entity loader refuses every file. */
      xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt (text, (int) len);
      schema = xmlSchemaParse (pctx);
      xmlSchemaFreeParserCtxt (pctx);
      g_assert_nonnull (schema);
    }
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);
  xmlDocPtr doc = xmlReadMemory (data, (int) len, "export.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  xmlSchemaValidCtxtPtr vctx = xmlSchemaNewValidCtxt (schema);
  g_assert_cmpint (xmlSchemaValidateDoc (vctx, doc), ==, 0);
  xmlSchemaFreeValidCtxt (vctx);
  xmlFreeDoc (doc);
}

/* ---- tests -------------------------------------------------------------- */

static void
assert_same_bytes (GBytes *a, GBytes *b)
{
  if (!g_bytes_equal (a, b))
    {
      g_test_message ("first:\n%.*s", (int) MIN (g_bytes_get_size (a), 4000),
                      (const char *) g_bytes_get_data (a, NULL));
      g_test_message ("second:\n%.*s", (int) MIN (g_bytes_get_size (b), 4000),
                      (const char *) g_bytes_get_data (b, NULL));
      g_test_fail ();
    }
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  populate (f->store);
  g_autoptr (GBytes) first = export_bytes (f->store, NULL);
  assert_valid (first);

  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  JbImportSummary summary;
  g_autoptr (GError) error = NULL;
  g_assert_true (import_bytes (f, other, first, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, ==, populated_total ());
  g_assert_cmpuint (summary.updated + summary.unchanged + summary.refused, ==, 0);

  g_autoptr (GBytes) second = export_bytes (other, NULL);
  assert_same_bytes (first, second);

  /* The shape promised by the README, on the first organization. */
  const char *text = g_bytes_get_data (first, NULL);
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
                                   "  <organization id=\""));
  g_assert_true (g_str_has_suffix (text, "  </award>\n</exchange>\n"));
  g_assert_nonnull (strstr (text, "currency=\"CNY\">1234567.96</"));
  g_assert_nonnull (strstr (text, "&#13;\n"));
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) xml = export_bytes (f->store, NULL);
  assert_valid (xml);
  g_assert_cmpstr (g_bytes_get_data (xml, NULL), ==,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\"/>\n");
  JbImportSummary summary;
  g_autoptr (GError) error = NULL;
  g_assert_true (import_bytes (f, f->store, xml, &summary, &error));
  g_assert_cmpuint (summary.created, ==, 0);
}

static GBytes *
find_sample (void)
{
  g_autofree char *dir = g_build_filename (JB_TEST_SRCDIR, "data", "sample", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".xml"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        char *text;
        gsize len;
        g_assert_true (g_file_get_contents (path, &text, &len, NULL));
        g_test_message ("sample: %s", path);
        return g_bytes_new_take (text, len);
      }
  return NULL;
}

static void
test_sample (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) sample = find_sample ();
  g_assert_nonnull (sample);
  assert_valid (sample);

  JbImportSummary summary;
  g_autoptr (GError) error = NULL;
  g_assert_true (import_bytes (f, f->store, sample, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, >, 0);
  g_autoptr (GBytes) first = export_bytes (f->store, NULL);
  assert_valid (first);

  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  g_assert_true (import_bytes (f, other, first, &summary, &error));
  g_autoptr (GBytes) second = export_bytes (other, NULL);
  assert_same_bytes (first, second);
  /* The sample is written in the canonical form itself. */
  assert_same_bytes (sample, first);
}

static JbRecord *
load_demand (JbStore *store, const char *code)
{
  g_autoptr (GPtrArray) rows = jb_store_list (store, JB_KIND_DEMAND, code, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  return jb_store_load (store, JB_KIND_DEMAND, jb_record_get_id (g_ptr_array_index (rows, 0)),
                        NULL);
}

static void
save_changed (JbStore *store, JbRecord *r, const char *field, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_usleep (2000); /* a later timestamp than the copy in the other database */
  jb_record_set_text_by_name (r, field, value);
  g_assert_true (jb_store_save (store, r, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
}

static void
test_reimport (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  JbImportSummary s;
  guint total = populated_total ();

  populate (f->store);
  g_autoptr (GBytes) first = export_bytes (f->store, NULL);
  g_assert_true (import_bytes (f, f->store, first, &s, &error));
  g_assert_cmpuint (s.unchanged, ==, total);
  g_assert_cmpuint (s.created + s.updated + s.refused, ==, 0);

  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  g_assert_true (import_bytes (f, other, first, &s, &error));

  /* Elsewhere, demand 012 goes draft → review → published (a jump that the
   * window would refuse in one step, but the file is the truth); here, demand
   * 004 changes later. */
  g_autoptr (JbRecord) there = load_demand (other, "MH-2022-012");
  g_assert_cmpstr (jb_record_get_text_by_name (there, "status"), ==, "draft");
  /* An imported record has the history a save gives it. */
  g_autoptr (GPtrArray) created = jb_store_history (other, jb_record_get_uuid (there), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 1);
  JbHistoryEntry *entry = g_ptr_array_index (created, 0);
  g_assert_cmpstr (entry->action, ==, "created");
  g_assert_cmpstr (entry->at, ==, jb_record_get_updated (there));
  g_assert_cmpstr (entry->new_value, ==, jb_record_get_title (there));
  save_changed (other, there, "status", "review");
  save_changed (other, there, "status", "published");
  g_autoptr (JbRecord) here = load_demand (f->store, "MH-2022-004");
  save_changed (f->store, here, "title", "本地修改");
  g_autoptr (GBytes) second = export_bytes (other, NULL);

  g_assert_true (import_bytes (f, f->store, second, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.created, ==, 0);
  g_assert_cmpuint (s.updated, ==, 1);
  g_assert_cmpuint (s.refused, ==, 1);
  g_assert_cmpuint (s.unchanged, ==, total - 2);

  g_autoptr (JbRecord) updated = load_demand (f->store, "MH-2022-012");
  g_assert_cmpstr (jb_record_get_text_by_name (updated, "status"), ==, "published");
  g_autoptr (GPtrArray) changes = jb_store_history (f->store, jb_record_get_uuid (updated), &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (changes, changes->len - 1);
  g_assert_cmpstr (entry->action, ==, "changed");
  g_assert_cmpstr (entry->field, ==, "status");
  g_assert_cmpstr (entry->old_value, ==, "draft");
  g_assert_cmpstr (entry->new_value, ==, "published");
  g_assert_cmpstr (entry->at, ==, jb_record_get_updated (updated));
  g_assert_cmpstr (jb_record_get_updated (updated), ==, jb_record_get_updated (there));
  g_autoptr (JbRecord) kept = load_demand (f->store, "MH-2022-004");
  g_assert_cmpstr (jb_record_get_text_by_name (kept, "title"), ==, "本地修改");

  g_autofree char *text = jb_import_summary_to_string (&s);
  g_assert_nonnull (strstr (text, "1 updated"));
  g_assert_nonnull (strstr (text, "1 refused"));
}

/* Ids and references of every record in an exchange file, by kind. */
typedef struct {
  GHashTable *ids;   /* uuid → kind name */
  GHashTable *refs;  /* uuid → TRUE */
  guint per_kind[JB_N_KINDS];
} FileIndex;

static void
index_file (GBytes *xml, FileIndex *ix)
{
  gsize len;
  const char *data = g_bytes_get_data (xml, &len);
  xmlDocPtr doc = xmlReadMemory (data, (int) len, "x.xml", NULL, XML_PARSE_NONET);
  ix->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ix->refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  memset (ix->per_kind, 0, sizeof ix->per_kind);
  for (xmlNodePtr rec = xmlDocGetRootElement (doc)->children; rec; rec = rec->next)
    {
      if (rec->type != XML_ELEMENT_NODE)
        continue;
      const JbKind *kind = jb_kind_by_name ((const char *) rec->name);
      ix->per_kind[kind->id]++;
      g_hash_table_insert (ix->ids, (char *) xmlGetProp (rec, BAD_CAST "id"), (gpointer) kind->name);
      for (xmlNodePtr field = rec->children; field; field = field->next)
        {
          xmlChar *ref = field->type == XML_ELEMENT_NODE ? xmlGetProp (field, BAD_CAST "ref") : NULL;
          if (ref)
            g_hash_table_add (ix->refs, g_strdup ((const char *) ref));
          xmlFree (ref);
        }
    }
  xmlFreeDoc (doc);
}

static void
test_filtered (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  populate (f->store);

  g_autoptr (JbRecord) a = load_demand (f->store, "MH-2022-012");
  g_autoptr (JbRecord) b = load_demand (f->store, "MH-2022-008");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = jb_record_get_id (a);
  g_array_append_val (ids, id);
  id = jb_record_get_id (b);
  g_array_append_val (ids, id);
  id = 999999; /* gone meanwhile: ignored */
  g_array_append_val (ids, id);

  g_autoptr (GBytes) xml = export_bytes (f->store, ids);
  assert_valid (xml);
  FileIndex ix;
  index_file (xml, &ix);
  g_assert_cmpuint (ix.per_kind[JB_KIND_DEMAND], ==, 2);
  g_assert_true (g_hash_table_contains (ix.ids, jb_record_get_uuid (a)));
  g_assert_true (g_hash_table_contains (ix.ids, jb_record_get_uuid (b)));
  for (guint k = JB_KIND_SOLUTION; k < JB_N_KINDS; k++)
    g_assert_cmpuint (ix.per_kind[k], ==, 0);
  /* Nothing else than what the demands need: every other record is referred to. */
  GHashTableIter iter;
  const char *uuid, *kind;
  g_hash_table_iter_init (&iter, ix.ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &uuid, (gpointer *) &kind))
    if (strcmp (kind, "demand") != 0)
      g_assert_true (g_hash_table_contains (ix.refs, uuid));
  /* Everything they need: the file imports into an empty database. */
  g_assert_cmpuint (ix.per_kind[JB_KIND_ORGANIZATION], >, 0);
  g_assert_cmpuint (ix.per_kind[JB_KIND_EVENT], >, 1); /* an event and its parents */
  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  JbImportSummary s;
  g_assert_true (import_bytes (f, other, xml, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.created, ==, g_hash_table_size (ix.ids));
  g_hash_table_unref (ix.ids);
  g_hash_table_unref (ix.refs);
}

static void
test_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  populate (f->store);
  g_autoptr (GBytes) source = export_bytes (f->store, NULL);
  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  g_autoptr (GBytes) before = fingerprint (other);

  /* The last record of the file breaks a rule of the store: an award without
   * recipient.  Everything before it was fine, and none of it may stay. */
  const char *text = g_bytes_get_data (source, NULL);
  const char *last = g_strrstr (text, "  <award ");
  const char *org = strstr (last, "    <organization ref=");
  g_assert_nonnull (org);
  const char *org_end = strchr (org, '\n') + 1;
  g_autoptr (GString) broken = g_string_new_len (text, org - text);
  g_string_append (broken, org_end);
  g_autoptr (GBytes) bytes = g_bytes_new (broken->str, broken->len);
  guint line = 1;
  for (const char *p = text; p < last; p++)
    line += *p == '\n';

  JbImportSummary s;
  g_assert_false (import_bytes (f, other, bytes, &s, &error));
  g_assert_error (error, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_REFUSED);
  g_autofree char *expected = g_strdup_printf ("*in.xml:%u: <award>*", line);
  if (!g_pattern_match_simple (expected, error->message))
    g_error ("“%s” does not match %s", error->message, expected);
  g_autoptr (GBytes) after = fingerprint (other);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (jb_store_count (other, JB_KIND_ORGANIZATION), ==, 0);

  /* The copy made before is dropped with the refused import: nothing changed
   * (test-import-rules: a previous copy stays as it was). */
  g_autofree char *backup = g_strconcat (jb_store_get_path (other), ".before-import", NULL);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

typedef struct {
  GCancellable *cancellable;
  guint calls;
  double last;
} Progress;

static void
cancel_on_progress (double fraction, gpointer user_data)
{
  Progress *p = user_data;
  g_assert_cmpfloat (fraction, >=, p->last);
  p->last = fraction;
  if (++p->calls == 2)
    g_cancellable_cancel (p->cancellable);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  for (int i = 0; i < 3; i++)
    populate_more (f->store, 400);
  g_autoptr (GBytes) source = export_bytes (f->store, NULL);
  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  populate (other);
  g_autoptr (GBytes) before = fingerprint (other);

  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Progress p = { cancellable, 0, 0 };
  g_autofree char *path = write_input (f, source);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  JbImportSummary s;
  g_assert_false (jb_exchange_import (other, file, cancellable, cancel_on_progress, &p, &s,
                                      &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (p.calls, ==, 2);
  g_autoptr (GBytes) after = fingerprint (other);
  g_assert_true (g_bytes_equal (before, after));

  /* Without cancel, progress runs to 1. */
  Progress q = { NULL, 0, 0 };
  g_clear_error (&error);
  g_assert_true (jb_exchange_import (other, file, NULL, cancel_on_progress, &q, &s, &error));
  g_assert_cmpfloat (q.last, ==, 1.0);
  g_assert_cmpuint (q.calls, >, 10);
}

typedef struct {
  GCancellable *cancellable;  /* cancelled once the building began, if set */
  JbStore *store;
  guint calls;                /* while building */
  double last;
  gint64 rows;                /* demands in the store when the building began */
} Building;

/* Past half the progress, a bulk import builds what it deferred (the search
 * index, sort indexes, totals), every record already saved. */
static void
on_building (double fraction, gpointer user_data)
{
  Building *b = user_data;
  g_assert_cmpfloat (fraction, >=, b->last);
  b->last = fraction;
  if (fraction <= 0.5)
    return;
  if (b->calls++ == 0)
    b->rows = jb_store_count (b->store, JB_KIND_DEMAND);
  if (b->cancellable)
    g_cancellable_cancel (b->cancellable);
}

static void
test_cancel_indexing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  for (int i = 0; i < 3; i++)
    populate_more (f->store, 400);
  g_autoptr (GBytes) source = export_bytes (f->store, NULL);
  g_autofree char *path = write_input (f, source);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  g_autoptr (GBytes) before = fingerprint (other);
  JbImportSummary s;

  jb_exchange_set_bulk_from (0);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Building b = { cancellable, other, 0, 0, 0 };
  g_assert_false (jb_exchange_import (other, file, cancellable, on_building, &b, &s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (b.calls, ==, 1);
  g_assert_cmpint (b.rows, ==, 1200);
  g_autoptr (GBytes) after = fingerprint (other);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_error (&error);
  g_assert_true (jb_store_check_index (other, &error));

  /* Again without a cancel: the building reports as it goes, up to 1, and
   * leaves what every save would have. */
  Building again = { NULL, other, 0, 0, 0 };
  g_assert_true (jb_exchange_import (other, file, NULL, on_building, &again, &s, &error));
  jb_exchange_set_bulk_from (-1);
  g_assert_cmpuint (s.created, ==, 1203);
  g_assert_cmpint (again.rows, ==, 1200);
  g_assert_cmpuint (again.calls, >=, 3);
  g_assert_cmpfloat (again.last, ==, 1.0);
  g_assert_true (jb_store_check_index (other, &error));
  g_autoptr (GBytes) copy = export_bytes (other, NULL);
  g_assert_true (g_bytes_equal (source, copy));
}

static void
test_export_failure (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  populate (f->store);

  /* A cancelled export leaves the previous file as it was, and no temporary. */
  g_autofree char *path = g_build_filename (f->dir, "out.xml", NULL);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_assert_false (jb_exchange_export (f->store, file, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *contents = NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    g_assert_false (g_str_has_suffix (name, ".tmp"));

  /* A folder that does not exist: the message names the file. */
  g_clear_error (&error);
  g_autoptr (GFile) nowhere = g_file_new_for_path ("/nonexistent-jiebang/out.xml");
  g_assert_false (jb_exchange_export (f->store, nowhere, NULL, NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent-jiebang/out.xml: "));
}

/* ---- the command line --------------------------------------------------- */

/* The steps run in subprocesses (jb_cli_run prints and returns an exit code);
 * the paths go through the environment, since each subprocess has a fixture
 * of its own. */
static int
cli_step (const char *step)
{
  const char *db = g_getenv ("JB_CLI_DB"), *db2 = g_getenv ("JB_CLI_DB2");
  const char *out = g_getenv ("JB_CLI_OUT"), *bad = g_getenv ("JB_CLI_BAD");

  if (strcmp (step, "export") == 0)
    return jb_cli_run (db, NULL, out);
  if (strcmp (step, "import") == 0)
    return jb_cli_run (db2, out, NULL);
  if (strcmp (step, "bad") == 0)
    return jb_cli_run (db2, bad, NULL);
  if (strcmp (step, "missing") == 0)
    return jb_cli_run (db2, "/nonexistent/x.xml", NULL);
  return jb_cli_run (db2, NULL, NULL);
}

static void
test_cli (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      int rc = cli_step (g_getenv ("JB_CLI_STEP"));
      fixture_tear_down (f, NULL);
      exit (rc);
    }

  populate (f->store);
  g_autofree char *out = g_build_filename (f->dir, "cli.xml", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "cli.db", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_assert_true (g_file_set_contents (bad, "<?xml version=\"1.0\"?>\n"
                                      "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
                                      "  <organization/>\n</exchange>\n", -1, NULL));
  g_setenv ("JB_CLI_DB", jb_store_get_path (f->store), TRUE);
  g_setenv ("JB_CLI_DB2", db2, TRUE);
  g_setenv ("JB_CLI_OUT", out, TRUE);
  g_setenv ("JB_CLI_BAD", bad, TRUE);

  struct { const char *step; gboolean ok; const char *out, *err; } steps[] = {
    { "export", TRUE, "Exported every record to *cli.xml.\n", "" },
    { "import", TRUE, "Imported *cli.xml: 119 created, 0 updated, 0 unchanged, 0 refused*", "" },
    { "bad", FALSE, "", "*bad.xml:3: <organization> needs the attribute id.\n" },
    { "missing", FALSE, "", "/nonexistent/x.xml: *" },
    { "nothing", FALSE, "", "Nothing to do*" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_setenv ("JB_CLI_STEP", steps[i].step, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDIN);
      if (steps[i].ok)
        g_test_trap_assert_passed ();
      else
        g_test_trap_assert_failed ();
      g_test_trap_assert_stdout (steps[i].out);
      g_test_trap_assert_stderr (steps[i].err);
    }
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

static gpointer
read_all (gpointer path)
{
  char *data = NULL;
  gsize len = 0;
  g_file_get_contents (path, &data, &len, NULL);
  return data;
}

/* A pipe or a device (/dev/null, /dev/stdout) is written into, not replaced
 * by a file renamed over it. */
static void
test_export_to_pipe (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  GThread *reader = g_thread_new ("reader", read_all, fifo);
  g_autoptr (GFile) file = g_file_new_for_path (fifo);
  g_assert_true (jb_exchange_export (f->store, file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *read = g_thread_join (reader);
  g_assert_nonnull (strstr (read, "<exchange"));
  g_assert_cmpint (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL), ==,
                   G_FILE_TYPE_SPECIAL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();

#define ADD(path, fn) g_test_add ("/exchange/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("round-trip", test_round_trip);
  ADD ("empty", test_empty);
  ADD ("sample", test_sample);
  ADD ("reimport", test_reimport);
  ADD ("filtered", test_filtered);
  ADD ("atomic", test_atomic);
  ADD ("cancel", test_cancel);
  ADD ("cancel-indexing", test_cancel_indexing);
  ADD ("export-failure", test_export_failure);
  ADD ("cli", test_cli);
  ADD ("export-to-pipe", test_export_to_pipe);
  return g_test_run ();
}

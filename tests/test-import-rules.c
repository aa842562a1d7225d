/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a hostile test set and a run through the window found in the importer
 * and the command line (issue 9): each finding, as a test of its own. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlschemas.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exchange-test-util.h"
#include "test-util.h"
#include "jb-cli.h"
#include "jb-exchange-private.h"
#include "jb-file.h"
#include "jb-intake.h"
#include "jb-schema.h"

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
#define HEAD DECL ROOT
#define TAIL "</exchange>\n"
#define T1 "2022-08-01T09:00:00.000000Z"
#define T2 "2023-08-01T09:00:00.000000Z"
#define TIMES(t) "created=\"" T1 "\" updated=\"" t "\""
#define U1 "6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0001"
#define U1_CAPS "6F1C0A52-1B7E-4C57-9A53-0D6B1C1E0001"
#define U2 "6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0002"
#define U3 "6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0003"
#define ORG_T(id, name, t) "  <organization id=\"" id "\" " TIMES (t) ">\n    <name>" name \
                           "</name>\n    <kind>institute</kind>\n  </organization>\n"
#define ORG(id, name) ORG_T (id, name, T1)

/* Imports @xml (strlen) into @store; the error's message, or NULL on success. */
static char *
try_import (Fixture *f, JbStore *store, const char *xml, gsize len, JbImportSummary *summary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (xml, len ? len : strlen (xml));
  JbImportSummary s = { 0 };
  if (import_bytes (f, store, bytes, summary ? summary : &s, &error))
    return NULL;
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static void
assert_refused (Fixture *f, JbStore *store, const char *xml, int line, const char *pattern)
{
  g_autoptr (GBytes) before = fingerprint (store);
  g_autofree char *message = try_import (f, store, xml, 0, NULL);
  g_autofree char *path = g_build_filename (f->dir, "in.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:%d: %s", path, line, pattern);
  if (message == NULL)
    g_error ("accepted, expected “%s”", expected);
  if (!g_pattern_match_simple (expected, message))
    g_error ("“%s” does not match “%s”", message, expected);
  g_autoptr (GBytes) after = fingerprint (store);
  g_assert_true (g_bytes_equal (before, after));
}

static void
assert_imported (Fixture *f, JbStore *store, const char *xml, gsize len)
{
  g_autofree char *message = try_import (f, store, xml, len, NULL);
  if (message)
    g_error ("refused: %s", message);
}

static char *
event_uuid (guint i)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
}

/* 1. A chain of a hundred events: making its first part of its last is
 * refused, by an import as by a save in the window. */
static void
test_event_cycle (Fixture *f, gconstpointer data)
{
  const guint n = 100;
  GString *xml = g_string_new (HEAD);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = event_uuid (i);
      g_autofree char *parent = i ? event_uuid (i - 1) : NULL;
      g_string_append_printf (xml, "  <event id=\"%s\" " TIMES (T1) ">\n    <title>第%u场</title>\n"
                              "    <kind>%s</kind>\n", id, i, i ? "session" : "challenge");
      if (parent)
        g_string_append_printf (xml, "    <parent ref=\"%s\"/>\n", parent);
      g_string_append (xml, "  </event>\n");
    }
  g_string_append (xml, TAIL);
  assert_imported (f, f->store, xml->str, 0);
  g_string_free (xml, TRUE);

  g_autofree char *first = event_uuid (0), *last = event_uuid (n - 1);
  g_autofree char *cycle = g_strdup_printf (HEAD "  <event id=\"%s\" " TIMES (T2) ">\n"
                                            "    <title>第0场</title>\n    <kind>challenge</kind>\n"
                                            "    <parent ref=\"%s\"/>\n  </event>\n" TAIL,
                                            first, last);
  assert_refused (f, f->store, cycle, 3, "*An event cannot be part of itself or of one of its "
                  "sessions.");

  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) root = jb_store_load_by_uuid (f->store, JB_KIND_EVENT, first, &error);
  g_assert_no_error (error);
  jb_record_set_int_by_name (root, "parent_id", jb_store_id_for_uuid (f->store, JB_KIND_EVENT,
                                                                       last));
  g_assert_false (jb_store_save (f->store, root, JB_SAVE_DEFAULT, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cannot be part of itself"));
}

/* 2. A new record may not take the id of a record of another kind. */
static void
test_id_across_kinds (Fixture *f, gconstpointer data)
{
  assert_imported (f, f->store, HEAD ORG (U1, "甲") TAIL, 0);
  assert_refused (f, f->store, HEAD "  <person id=\"" U1 "\" " TIMES (T1) ">\n"
                  "    <name>张三</name>\n    <role>manager</role>\n  </person>\n" TAIL, 3,
                  "<person> “张三” (" U1 ") was refused: The id " U1 " is already the id of the "
                  "organization “甲”.");
  /* The same through the store, as the window and spreadsheets save. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) person = jb_record_new (JB_KIND_PERSON);
  jb_record_set_uuid (person, U1);
  jb_record_set_times (person, T1, T1);
  jb_record_set_text_by_name (person, "name", "李四");
  jb_record_set_text_by_name (person, "role", "manager");
  g_assert_false (jb_store_save (f->store, person, JB_SAVE_KEEP_TIMES, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is already the id of the organization"));
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_PERSON), ==, 0);

  /* Saved in bulk, as a large file is: the id is looked for only in the
   * kinds that held records before (the organizations), and found there. */
  jb_exchange_set_bulk_from (0);
  assert_refused (f, f->store, HEAD "  <person id=\"" U2 "\" " TIMES (T1) ">\n"
                  "    <name>王五</name>\n    <role>manager</role>\n  </person>\n"
                  "  <person id=\"" U1 "\" " TIMES (T1) ">\n"
                  "    <name>张三</name>\n    <role>manager</role>\n  </person>\n" TAIL, 7,
                  "<person> “张三” (" U1 ") was refused: The id " U1 " is already the id of the "
                  "organization “甲”.");
  /* An id the file repeats across kinds is the file's own fault, said so
   * before any lookup. */
  assert_refused (f, f->store, HEAD ORG (U2, "乙") "  <person id=\"" U2 "\" " TIMES (T1) ">\n"
                  "    <name>王五</name>\n    <role>manager</role>\n  </person>\n" TAIL, 7,
                  "The id " U2 " appears twice in the file.");
  jb_exchange_set_bulk_from (-1);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_PERSON), ==, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);
}

/* 3. The same id in capitals is the same record, kept in lowercase. */
static void
test_id_case (Fixture *f, gconstpointer data)
{
  JbImportSummary s;
  assert_imported (f, f->store, HEAD ORG (U1_CAPS, "甲") TAIL, 0);
  g_autoptr (GBytes) out = export_bytes (f->store, NULL);
  g_assert_nonnull (strstr (g_bytes_get_data (out, NULL), "id=\"" U1 "\""));
  g_assert_cmpint (jb_store_id_for_uuid (f->store, JB_KIND_ORGANIZATION, U1_CAPS), >, 0);

  /* A newer copy in lowercase updates it; a reference in capitals finds it. */
  g_autofree char *message = try_import (f, f->store, HEAD ORG_T (U1, "乙", T2)
                                         "  <demand id=\"" U2 "\" " TIMES (T1) ">\n"
                                         "    <title>需求</title>\n"
                                         "    <owner ref=\"" U1_CAPS "\"/>\n"
                                         "    <status>draft</status>\n  </demand>\n" TAIL,
                                         0, &s);
  if (message)
    g_error ("%s", message);
  g_assert_cmpuint (s.updated, ==, 1);
  g_assert_cmpuint (s.created, ==, 1);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);

  /* Twice in one file, in two cases, is twice. */
  assert_refused (f, f->store, HEAD ORG (U3, "丙") ORG ("6F1C0A52-1B7E-4C57-9A53-0D6B1C1E0003", "丁")
                  TAIL, 7, "The id " U3 " appears twice in the file.");
}

static int
count_rows (void *user_data, int n, char **values, char **names)
{
  *(int *) user_data = atoi (values[0]);
  return 0;
}

/* 3. A database of version 7 whose ids an older Jiebang kept in capitals:
 * they become lowercase, with their history; one that would then twin
 * another gets a new id. */
static void
test_id_case_migration (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "v7.db", NULL);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 0; v < 7; v++)
    g_assert_cmpint (sqlite3_exec (db, jb_schema_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_autofree char *v7 = g_strdup_printf (
    "PRAGMA application_id = %d; PRAGMA user_version = 7;"
    "INSERT INTO organization (uuid, created, updated, name, kind) VALUES"
    " ('" U1_CAPS "', '" T1 "', '" T1 "', '甲', 'institute'),"
    " ('6F1C0A52-1B7E-4C57-9A53-0D6B1C1E0002', '" T1 "', '" T1 "', '乙', 'institute'),"
    " ('" U2 "', '" T1 "', '" T1 "', '丙', 'institute');"
    "INSERT INTO history (kind, record_uuid, at, action, field, old_value, new_value) VALUES"
    " ('organization', '" U1_CAPS "', '" T2 "', 'changed', 'city', NULL, '上海');",
    JB_APPLICATION_ID);
  g_assert_cmpint (sqlite3_exec (db, v7, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (JbRecord) a = jb_store_load_by_uuid (store, JB_KIND_ORGANIZATION, U1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jb_record_get_text_by_name (a, "name"), ==, "甲");
  g_autoptr (GPtrArray) history = jb_store_history (store, U1, &error);
  g_assert_cmpuint (history->len, ==, 2);  /* created (its own time), changed */
  g_autoptr (JbRecord) c = jb_store_load_by_uuid (store, JB_KIND_ORGANIZATION, U2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (jb_record_get_text_by_name (c, "name"), ==, "丙");

  /* 乙 twinned 丙: a new id of its own, lowercase, and the file exports. */
  g_autoptr (GBytes) out = export_bytes (store, NULL);
  const char *text = g_bytes_get_data (out, NULL);
  const char *b = strstr (text, "<name>乙</name>");
  g_assert_nonnull (b);
  const char *id = g_strrstr_len (text, b - text, "id=\"");
  g_autofree char *b_id = g_strndup (id + 4, 36);
  g_assert_true (g_uuid_string_is_valid (b_id));
  g_assert_cmpstr (b_id, !=, U2);
  for (const char *p = b_id; *p; p++)
    g_assert_false (g_ascii_isupper (*p));
  Fixture other = { f->dir, NULL };
  g_autoptr (JbStore) copy = fixture_open_other (&other, "copy.db");
  assert_imported (f, copy, text, g_bytes_get_size (out));
  g_assert_cmpint (jb_store_count (copy, JB_KIND_ORGANIZATION), ==, 3);
  g_clear_object (&store);

  int n = -1;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "SELECT count(*) FROM organization WHERE uuid != lower(uuid)", count_rows,
                &n, NULL);
  g_assert_cmpint (n, ==, 0);
  sqlite3_close (db);
}

/* 4. One normalisation for every path: surrounding white space goes (the
 * ideographic space too), white space alone is nothing. */
static void
test_normalised_text (Fixture *f, gconstpointer data)
{
  assert_imported (f, f->store, HEAD ORG (U1, "甲") TAIL, 0);
  assert_refused (f, f->store, HEAD ORG (U2, " 甲\u3000") TAIL, 3,
                  "<organization> “甲” (" U2 ") was refused: Name: Already taken by “甲”.");
  assert_refused (f, f->store, HEAD "  <event id=\"" U2 "\" " TIMES (T1) ">\n"
                  "    <title>   </title>\n    <kind>forum</kind>\n  </event>\n" TAIL, 3,
                  "*was refused: Title: This field is required.");
  assert_refused (f, f->store, HEAD "  <organization id=\"" U2 "\" " TIMES (T1) ">\n"
                  "    <name>乙</name>\n    <kind>institute</kind>\n    <city> \t </city>\n"
                  "  </organization>\n" TAIL, 6, "<city> is empty*");

  /* The window's and the spreadsheets' path: the record itself. */
  g_autoptr (GError) error = NULL;
  g_autoptr (JbRecord) org = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (org, "name", "\u3000甲 ");
  jb_record_set_text_by_name (org, "kind", "enterprise");
  g_assert_cmpstr (jb_record_get_text_by_name (org, "name"), ==, "甲");
  g_assert_false (jb_store_save (f->store, org, JB_SAVE_DEFAULT, &error));
  g_assert_nonnull (strstr (error->message, "Already taken by “甲”"));
  g_clear_error (&error);
  jb_record_set_text_by_name (org, "name", " \t\u3000");
  g_assert_false (jb_record_is_set (org, (guint) jb_kind_field_index (jb_record_get_kind (org),
                                                                       "name")));
  g_assert_false (jb_store_save (f->store, org, JB_SAVE_DEFAULT, &error));
  g_assert_cmpstr (error->message, ==, "Name: This field is required.");
  g_clear_error (&error);

  /* A spreadsheet: the owner " 甲　" is 甲, not a second organization. */
  g_autofree char *csv = g_build_filename (f->dir, "in.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "需求名称,需求单位\n 固态电池\t, 甲　\n", -1, NULL));
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (JbIntake) intake = jb_intake_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (jb_intake_set_sheet (intake, 0, JB_KIND_DEMAND, NULL, &error));
  g_assert_true (jb_intake_import (intake, f->store, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);
  g_autoptr (GPtrArray) demands = jb_store_list (f->store, JB_KIND_DEMAND, NULL, &error);
  g_assert_cmpuint (demands->len, ==, 1);
  g_assert_cmpstr (jb_record_get_title (g_ptr_array_index (demands, 0)), ==, "固态电池");
}

/* 5. A file without demand codes keeps none: it exports as it came. */
static void
test_no_codes_round_trip (Fixture *f, gconstpointer data)
{
  populate_more (f->store, 3);
  g_autoptr (GBytes) full = export_bytes (f->store, NULL);
  g_auto (GStrv) lines = g_strsplit (g_bytes_get_data (full, NULL), "\n", -1);
  GString *without = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    if (!strstr (lines[i], "<code>"))
      g_string_append_printf (without, "%s%s", lines[i], lines[i + 1] ? "\n" : "");
  g_assert_cmpuint (without->len, <, g_bytes_get_size (full));

  g_autoptr (JbStore) other = fixture_open_other (f, "other.db");
  assert_imported (f, other, without->str, without->len);
  g_autoptr (GBytes) again = export_bytes (other, NULL);
  g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again), without->str,
                   without->len);
  g_string_free (without, TRUE);
}

static GBytes *
to_utf16 (const char *utf8, const char *encoding, const char *bom, gsize bom_len)
{
  gsize len;
  g_autofree char *body = g_convert (utf8, -1, encoding, "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (body);
  GByteArray *bytes = g_byte_array_new ();
  g_byte_array_append (bytes, (const guint8 *) bom, (guint) bom_len);
  g_byte_array_append (bytes, (const guint8 *) body, (guint) len);
  return g_byte_array_free_to_bytes (bytes);
}

/* 6. UTF-16, with its byte order mark either way round, with and without a
 * declaration: the same records as in UTF-8.  A DOCTYPE is still refused. */
static void
test_utf16 (Fixture *f, gconstpointer data)
{
  populate_more (f->store, 2);
  g_autoptr (GBytes) utf8 = export_bytes (f->store, NULL);
  const char *text = g_bytes_get_data (utf8, NULL);
  g_assert_true (g_str_has_prefix (text, DECL));
  g_autofree char *declared = g_strconcat ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n",
                                           text + strlen (DECL), NULL);
  const char *bare = text + strlen (DECL);
  struct { const char *xml, *encoding, *bom; gsize bom_len; } cases[] = {
    { declared, "UTF-16LE", "\xFF\xFE", 2 },
    { declared, "UTF-16BE", "\xFE\xFF", 2 },
    { bare, "UTF-16LE", "\xFF\xFE", 2 },
    { bare, "UTF-16BE", "\xFE\xFF", 2 },
    { declared, "UTF-16LE", "", 0 },  /* no mark: "<?" tells */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("utf16-%u.db", i);
      g_autoptr (JbStore) other = fixture_open_other (f, name);
      g_autoptr (GBytes) in = to_utf16 (cases[i].xml, cases[i].encoding, cases[i].bom,
                                        cases[i].bom_len);
      assert_imported (f, other, g_bytes_get_data (in, NULL), g_bytes_get_size (in));
      g_autoptr (GBytes) out = export_bytes (other, NULL);
      g_assert_true (g_bytes_equal (out, utf8));
    }

  g_autoptr (GBytes) doctype = to_utf16 ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                         "<!DOCTYPE exchange [<!ENTITY e \"x\">]>\n" ROOT TAIL,
                                         "UTF-16LE", "\xFF\xFE", 2);
  g_autofree char *message = try_import (f, f->store, g_bytes_get_data (doctype, NULL),
                                         g_bytes_get_size (doctype), NULL);
  g_assert_nonnull (message);
  g_assert_true (g_pattern_match_simple ("*in.xml:2: *DOCTYPE*", message));

  /* Half a character at the end: refused, and said so. */
  g_autoptr (GBytes) whole = to_utf16 (text, "UTF-16LE", "\xFF\xFE", 2);
  g_autoptr (GBytes) odd = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) - 1);
  g_autofree char *odd_message = try_import (f, f->store, g_bytes_get_data (odd, NULL),
                                             g_bytes_get_size (odd), NULL);
  g_assert_nonnull (odd_message);
  g_assert_true (g_pattern_match_simple ("*in.xml:*: *", odd_message));
}

/* 7. An empty element written with an end tag is the same XML; and a root
 * may say where its schema is. */
static void
test_empty_ref_element (Fixture *f, gconstpointer data)
{
  assert_imported (f, f->store, HEAD ORG (U1, "甲") "  <demand id=\"" U2 "\" " TIMES (T1) ">\n"
                   "    <title>需求</title>\n    <owner ref=\"" U1 "\"></owner>\n"
                   "    <status>draft</status>\n  </demand>\n" TAIL, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 1);
  assert_refused (f, f->store, HEAD "  <demand id=\"" U3 "\" " TIMES (T1) ">\n"
                  "    <title>需求</title>\n    <owner ref=\"" U1 "\"> </owner>\n"
                  "  </demand>\n" TAIL, 5, "<owner ref=…> must be empty*");
}

static void
test_schema_location (Fixture *f, gconstpointer data)
{
  assert_imported (f, f->store, DECL "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\"\n"
                   "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                   "  xsi:schemaLocation=\"urn:jiebang:exchange:1 jiebang-exchange-1.xsd\">\n"
                   ORG (U1, "甲") TAIL, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 1);
  /* Other xsi: attributes would change what the element means: refused. */
  assert_refused (f, f->store, DECL "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>\n",
                  2, "Unknown attribute “xsi:nil” on <exchange>.");
}

/* 8. Past line 65 535, a record's problem names its own line, not the next. */
static void
test_line_past_65535 (Fixture *f, gconstpointer data)
{
  GString *head = g_string_new (HEAD);
  guint line = 3;
  for (guint i = 0; line < 70000; i++, line += 4)
    g_string_append_printf (head, "  <organization id=\"00000000-0000-4000-8000-%012u\" "
                            TIMES (T1) ">\n    <name>机构%u</name>\n    <kind>institute</kind>\n"
                            "  </organization>\n", i, i);
  struct { const char *record; int offset; const char *what; } cases[] = {
    /* refused by the store's rules: the record's first line */
    { "  <organization id=\"" U1 "\" " TIMES (T1) ">\n    <name>甲</name>\n  </organization>\n",
      0, "*was refused: Kind: This field is required." },
    /* a field's value */
    { "  <organization id=\"" U1 "\" " TIMES (T1) ">\n    <name>甲</name>\n"
      "    <kind>company</kind>\n  </organization>\n", 2, "<kind>: “company” is not one of*" },
    /* an empty element's attribute */
    { "  <organization id=\"x\" " TIMES (T1) "/>\n", 0, "“x” is not an id (a UUID)." },
    /* a field element that holds an element */
    { "  <organization id=\"" U1 "\" " TIMES (T1) ">\n\n\n    <name><b/></name>\n"
      "  </organization>\n", 3,
      "<name> cannot contain elements." },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strconcat (head->str, cases[i].record, TAIL, NULL);
      g_autofree char *message = try_import (f, f->store, xml, 0, NULL);
      g_autofree char *expected = g_strdup_printf ("*in.xml:%u: %s", line + cases[i].offset,
                                                   cases[i].what);
      g_assert_nonnull (message);
      if (!g_pattern_match_simple (expected, message))
        g_error ("“%s” does not match “%s”", message, expected);
    }
  g_string_free (head, TRUE);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);
}

static guint
count_temporaries (Fixture *f)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  guint n = 0;
  while ((name = g_dir_read_name (dir)))
    n += g_str_has_suffix (name, ".tmp");
  return n;
}

static GBytes *
read_file (const char *path)
{
  char *data = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* 9. Two imports at once: the second waits for the first's lock, then says
 * the database is busy; neither copy before the import is spoilt. */
static void
test_two_imports (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) second = fixture_open_other (f, "test.db");
  g_autofree char *backup = g_strconcat (jb_store_get_path (f->store), ".before-import", NULL);

  g_assert_true (jb_store_begin_import (f->store, &error));
  g_autofree char *message = try_import (f, second, HEAD ORG (U1, "甲") TAIL, 0, NULL);
  g_assert_nonnull (message);
  g_assert_null (strstr (message, "I/O"));
  g_assert_true (g_pattern_match_simple ("The database is busy*", message));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  /* The first import's copy; a team database's server keeps the copies. */
  gboolean team = jb_store_is_team (f->store);
  g_assert_cmpuint (count_temporaries (f), ==, team ? 0 : 1);

  populate_more (f->store, 1);
  g_assert_true (jb_store_end_import (f->store, TRUE, &error));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS) == !team);
  g_assert_cmpuint (count_temporaries (f), ==, 0);

  /* Now the second goes through, and its copy holds what the first wrote. */
  assert_imported (f, second, HEAD ORG (U1, "甲") TAIL, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 2);
  if (team)
    {
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      return;
    }
  g_autoptr (JbStore) copy = jb_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (copy, JB_KIND_ORGANIZATION), ==, 1);
  g_assert_cmpint (jb_store_count (copy, JB_KIND_DEMAND), ==, 1);
}

/* 11. A refused import leaves the copy of the last successful one alone. */
static void
test_refused_keeps_copy (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = g_strconcat (jb_store_get_path (f->store), ".before-import", NULL);
  populate_more (f->store, 2);
  assert_imported (f, f->store, HEAD ORG (U1, "甲") TAIL, 0);
  /* A team database's server keeps the copies: none here, refused or not. */
  if (jb_store_is_team (f->store))
    {
      assert_refused (f, f->store, HEAD ORG (U2, "乙") "  <widget/>\n" TAIL, 7, "*not a kind*");
      g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_temporaries (f), ==, 0);
      return;
    }
  g_autoptr (GBytes) kept = read_file (backup);

  assert_refused (f, f->store, HEAD ORG (U2, "乙") "  <widget/>\n" TAIL, 7, "*not a kind*");
  g_autoptr (GBytes) after = read_file (backup);
  g_assert_true (g_bytes_equal (kept, after));
  g_assert_cmpuint (count_temporaries (f), ==, 0);

  assert_imported (f, f->store, HEAD ORG (U2, "乙") TAIL, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (JbStore) copy = jb_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (jb_store_count (copy, JB_KIND_ORGANIZATION), ==, 2);  /* with 甲 */
}

/* A process that is gone: one that has exited. */
static long
dead_pid (void)
{
  pid_t pid = fork ();
  if (pid == 0)
    _exit (0);
  waitpid (pid, NULL, 0);
  return (long) pid;
}

/* A temporary name for @basename of the process @pid. */
static char *
temp_of (Fixture *f, const char *basename, long pid)
{
  g_autofree char *mine = jb_file_temp_name (basename);
  g_autofree char *own = g_strdup_printf ("-%ld-", (long) getpid ());
  g_autofree char *other = g_strdup_printf ("-%ld-", pid);
  char *at = strstr (mine, own);
  g_assert_nonnull (at);
  g_autofree char *name = g_strdup_printf ("%.*s%s%s", (int) (at - mine), mine, other,
                                           at + strlen (own));
  return g_build_filename (f->dir, name, NULL);
}

/* 11. An export (or an import's copy) killed midway left its temporary file:
 * the next one removes it, and leaves a running one's alone. */
static void
test_stale_temporaries (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stale = temp_of (f, "out.xml", dead_pid ());
  g_autofree char *running = temp_of (f, "out.xml", (long) getpid ());
  g_autofree char *stale_copy = temp_of (f, "test.db.before-import", dead_pid ());
  g_autofree char *unrelated = g_build_filename (f->dir, ".out.xml.1234.tmp", NULL);
  const char *files[] = { stale, running, stale_copy, unrelated };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_assert_true (g_file_set_contents (files[i], "half", -1, NULL));

  g_autofree char *out = g_build_filename (f->dir, "out.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (out);
  populate_more (f->store, 1);
  g_assert_true (jb_exchange_export (f->store, file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (running, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stale_copy, G_FILE_TEST_EXISTS));

  assert_imported (f, f->store, HEAD ORG (U1, "甲") TAIL, 0);
  g_assert_false (g_file_test (stale_copy, G_FILE_TEST_EXISTS));
  g_remove (running);
  g_remove (unrelated);
}

/* 10. The dates the reader keeps are those the XSD lets through. */
static void
test_date_range (Fixture *f, gconstpointer data)
{
  /* From memory: the importer's entity loader refuses every file. */
  g_autofree char *xsd = NULL;
  gsize xsd_len;
  g_assert_true (g_file_get_contents (JB_TEST_SRCDIR "/data/exchange/jiebang-exchange-1.xsd",
                                      &xsd, &xsd_len, NULL));
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewMemParserCtxt (xsd, (int) xsd_len);
  xmlSchemaPtr schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (valid, NULL, NULL);
  struct { const char *date; const char *created; gboolean ok; } cases[] = {
    { "1900-01-01", T1, TRUE },
    { "2999-12-31", T1, TRUE },
    { "1899-12-31", T1, FALSE },
    { "3000-01-01", T1, FALSE },
    { "0001-01-01", T1, FALSE },
    { "2023-02-29", T1, FALSE },
    { "2023-01-01", "1899-12-31T23:59:59.000000Z", FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = event_uuid (i + 1);
      g_autofree char *xml = g_strdup_printf (
        HEAD "  <event id=\"%s\" created=\"%s\" updated=\"%s\">\n    <title>活动</title>\n"
        "    <kind>forum</kind>\n    <start_date>%s</start_date>\n  </event>\n" TAIL,
        id, cases[i].created, T1, cases[i].date);
      xmlDocPtr doc = xmlReadMemory (xml, (int) strlen (xml), "in.xml", NULL, XML_PARSE_NONET);
      g_assert_nonnull (doc);
      gboolean schema_ok = xmlSchemaValidateDoc (valid, doc) == 0;
      xmlFreeDoc (doc);
      g_autofree char *message = try_import (f, f->store, xml, 0, NULL);
      if (schema_ok != cases[i].ok || (message == NULL) != cases[i].ok)
        g_error ("%s (created %s): the schema says %s, the reader %s", cases[i].date,
                 cases[i].created, schema_ok ? "yes" : "no", message ? message : "yes");
      if (!cases[i].ok && cases[i].date[0] != '2')
        g_assert_true (g_pattern_match_simple ("*in.xml:6: <start_date>: “*” is outside the dates "
                                               "Jiebang keeps, 1900-01-01 to 2999-12-31.",
                                               message));
    }
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

/* Runs @func as a user who cannot write where the mode bits say so: as
 * root (who can), in a child process of the user nobody (the fixture's
 * folder must let others in). */
static void
run_unprivileged (Fixture *f, void (*func) (Fixture *f))
{
  if (getuid () != 0)
    {
      func (f);
      return;
    }
  pid_t pid = fork ();
  if (pid == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (3);
      func (f);
      _exit (0);
    }
  int status;
  waitpid (pid, &status, 0);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
open_in_read_only_folder (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ro", "jiebang.db", NULL);
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY);
  g_assert_true (g_pattern_match_simple ("*its folder “*/ro” is read-only*", error->message));
}

static void
import_into_read_only_file (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ro.db", NULL);
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);
  /* Reading (an export) works; an import says why it cannot. */
  g_bytes_unref (export_bytes (store, NULL));
  g_autofree char *in = g_build_filename (f->dir, "ro.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (in);
  g_assert_false (jb_exchange_import (store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, JB_STORE_ERROR, JB_STORE_ERROR_READ_ONLY);
  g_assert_true (g_pattern_match_simple ("“*ro.db” is read-only*", error->message));
  g_assert_null (strstr (error->message, "甲"));
}

/* 10. A read-only folder or file is said to be so.  (A file's permissions:
 * not run on a team database, whose read-only role is test-team's.) */
static void
test_read_only (Fixture *f, gconstpointer data)
{
  /* A database in a folder that became read-only. */
  g_autofree char *ro = g_build_filename (f->dir, "ro", NULL);
  g_assert_cmpint (g_mkdir (ro, 0755), ==, 0);
  Fixture in_ro = { ro, NULL };
  JbStore *store = fixture_open_other (&in_ro, "jiebang.db");
  g_object_unref (store);
  {
    /* Freed before the child is forked: it ends with _exit(), past this
     * frame's g_autofree, and valgrind finds a string that nothing uses after
     * the fork nowhere in the child (definitely lost there). */
    g_autofree char *db = g_build_filename (ro, "jiebang.db", NULL);
    g_assert_cmpint (chmod (db, 0666), ==, 0);
  }
  g_assert_cmpint (chmod (ro, 0555), ==, 0);
  g_assert_cmpint (chmod (f->dir, 0755), ==, 0);
  run_unprivileged (f, open_in_read_only_folder);
  g_assert_cmpint (chmod (ro, 0755), ==, 0);

  /* A read-only database in a folder that is not. */
  JbStore *other = fixture_open_other (f, "ro.db");
  g_object_unref (other);
  {
    /* Freed before the fork, as above. */
    g_autofree char *in = g_build_filename (f->dir, "ro.xml", NULL);
    g_assert_true (g_file_set_contents (in, HEAD ORG (U1, "甲") TAIL, -1, NULL));
    g_autofree char *ro_db = g_build_filename (f->dir, "ro.db", NULL);
    g_assert_cmpint (chmod (ro_db, 0444), ==, 0);
  }
  g_assert_cmpint (chmod (f->dir, 0777), ==, 0);
  run_unprivileged (f, import_into_read_only_file);
  g_assert_cmpint (chmod (f->dir, 0700), ==, 0);
}

/* 10. --export from a database that does not exist creates nothing. */
static void
test_export_no_such_database (Fixture *f, gconstpointer data)
{
  g_autofree char *db = g_build_filename (f->dir, "typo.db", NULL);
  g_autofree char *out = g_build_filename (f->dir, "out.xml", NULL);
  g_assert_cmpint (jb_cli_run_full (db, NULL, out, NULL), ==, 1);
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  /* An existing one exports. */
  g_autofree char *real = g_build_filename (f->dir, "test.db", NULL);
  test_print_capture_begin ();
  g_assert_cmpint (jb_cli_run_full (real, NULL, out, NULL), ==, 0);
  g_autofree char *said = test_print_capture_end ();
  g_assert_nonnull (strstr (said, out));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();
#define ADD(path, fn) g_test_add ("/import/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("event-cycle-any-length", test_event_cycle);
  ADD ("id-unique-across-kinds", test_id_across_kinds);
  ADD ("id-case", test_id_case);
  ADD ("id-case-migration", test_id_case_migration);
  ADD ("normalised-text", test_normalised_text);
  ADD ("no-codes-round-trip", test_no_codes_round_trip);
  ADD ("utf16", test_utf16);
  ADD ("empty-ref-element", test_empty_ref_element);
  ADD ("schema-location", test_schema_location);
  ADD ("line-past-65535", test_line_past_65535);
  ADD ("two-at-once", test_two_imports);
  ADD ("refused-keeps-copy", test_refused_keeps_copy);
  ADD ("stale-temporaries", test_stale_temporaries);
  ADD ("date-range", test_date_range);
  if (!test_store_is_team ())
    ADD ("read-only", test_read_only);
  ADD ("export-no-such-database", test_export_no_such_database);
  return g_test_run ();
}

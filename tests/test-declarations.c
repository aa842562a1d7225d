/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is still written twice, checked against the kinds (jb-kind-*.c): the
 * SQL schema, the exchange format's XSD, the tables' columns (ui/jb-KIND-list.ui)
 * and the forms (ui/jb-KIND-form.ui).  Display-free: the .ui files are read as XML. */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <sqlite3.h>
#include <string.h>

#include "jb-exchange-private.h"
#include "jb-field-type.h"
#include "jb-store.h"

static xmlDocPtr
read_source (const char *relative)
{
  g_autofree char *path = g_build_filename (JB_TEST_SRCDIR, relative, NULL);
  g_autofree char *text = NULL;
  gsize len;
  /* From memory: jb_exchange_init() refuses libxml2 every file it would load. */
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  xmlDocPtr doc = xmlReadMemory (text, (int) len, path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  if (doc == NULL)
    g_error ("cannot read %s", path);
  return doc;
}

/* The values of the XPath @format (attributes or element text), in document
 * order. */
static GPtrArray *
strings (xmlDocPtr doc, const char *format, ...) G_GNUC_PRINTF (2, 3);

static GPtrArray *
strings (xmlDocPtr doc, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *xpath = g_strdup_vprintf (format, args);
  va_end (args);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathRegisterNs (ctx, BAD_CAST "xs", BAD_CAST "http://www.w3.org/2001/XMLSchema");
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST xpath, ctx);
  g_assert_nonnull (result);
  for (int i = 0; result->nodesetval && i < result->nodesetval->nodeNr; i++)
    {
      xmlChar *text = xmlNodeGetContent (result->nodesetval->nodeTab[i]);
      g_ptr_array_add (out, g_strdup ((const char *) text));
      xmlFree (text);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return out;
}

static char *
one_string (xmlDocPtr doc, const char *xpath)
{
  g_autoptr (GPtrArray) all = strings (doc, "%s", xpath);
  return all->len ? g_strdup (g_ptr_array_index (all, 0)) : NULL;
}

/* The table of every kind has the record columns, then the kind's fields in
 * order, stored as their type says, NOT NULL exactly when required. */
static void
test_schema (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-decl-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *path = g_build_filename (dir, "schema.db", NULL);
  g_autoptr (JbStore) store = jb_store_open (path, &error);
  g_assert_no_error (error);
  sqlite3 *db;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", kind->name);
      sqlite3_stmt *stmt;
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      const char *record_columns[] = { "id", "uuid", "created", "updated" };
      guint col = 0;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          const char *type = (const char *) sqlite3_column_text (stmt, 2);
          gboolean not_null = sqlite3_column_int (stmt, 3);
          if (col < G_N_ELEMENTS (record_columns))
            g_assert_cmpstr (name, ==, record_columns[col]);
          else
            {
              guint i = col - G_N_ELEMENTS (record_columns);
              g_assert_cmpuint (i, <, kind->n_fields);
              const JbField *f = &kind->fields[i];
              if (g_strcmp0 (name, f->name) != 0)
                g_error ("%s: column %u is %s, the kind says %s", kind->name, col, name, f->name);
              g_assert_cmpstr (type, ==, jb_field_type (f->type)->text_value ? "TEXT" : "INTEGER");
              if (!not_null != !(f->flags & JB_FIELD_REQUIRED))
                g_error ("%s.%s: NOT NULL and required disagree", kind->name, name);
            }
          col++;
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (col, ==, G_N_ELEMENTS (record_columns) + kind->n_fields);
    }
  sqlite3_close (db);
  g_clear_object (&store);
  jb_store_remove_files (path);
  g_rmdir (dir);
}

/* "jb_enum_deal_stage" → "deal-stage", the XSD's simple type. */
static char *
xsd_enum_type (const JbEnum *e)
{
  char *name = g_strdup (e->name + strlen ("jb_enum_"));
  g_strdelimit (name, "_", '-');
  return name;
}

/* The XSD's complex type of every kind lists its fields in order, with the
 * type of each and minOccurs="0" exactly for the optional ones; each choice
 * lists the codes of jb-kind-*.c in order. */
static void
test_xsd (void)
{
  xmlDocPtr doc = read_source ("data/exchange/jiebang-exchange-1.xsd");
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autofree char *base = g_strdup_printf ("/xs:schema/xs:complexType[@name='%s']"
                                               "/xs:sequence/xs:element", kind->name);
      g_autoptr (GPtrArray) names = strings (doc, "%s/@name", base);
      g_assert_cmpuint (names->len, ==, kind->n_fields);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          const char *element = jb_exchange_element_name (kind, i);
          g_assert_cmpstr (g_ptr_array_index (names, i), ==, element);
          g_autofree char *at = g_strdup_printf ("%s[@name='%s']", base, element);
          g_autofree char *type_path = g_strdup_printf ("%s/@type", at);
          g_autofree char *min_path = g_strdup_printf ("%s/@minOccurs", at);
          g_autofree char *type = one_string (doc, type_path);
          g_autofree char *min = one_string (doc, min_path);
          g_assert_cmpstr (min, ==, f->flags & JB_FIELD_REQUIRED ? NULL : "0");
          g_autofree char *expected = NULL;
          switch (f->type)
            {
            case JB_TYPE_TEXT:
            case JB_TYPE_LONG_TEXT:
              expected = g_strdup ("text");
              break;
            case JB_TYPE_ENUM:
              expected = xsd_enum_type (f->enumeration);
              break;
            case JB_TYPE_INT:
              {
                g_autofree char *lo_path = g_strdup_printf ("%s//xs:minInclusive/@value", at);
                g_autofree char *hi_path = g_strdup_printf ("%s//xs:maxInclusive/@value", at);
                g_autofree char *lo = one_string (doc, lo_path);
                g_autofree char *hi = one_string (doc, hi_path);
                g_assert_cmpint (g_ascii_strtoll (lo, NULL, 10), ==, f->min);
                g_assert_cmpint (g_ascii_strtoll (hi, NULL, 10), ==, f->max);
              }
              break;
            case JB_TYPE_BOOL:
              expected = g_strdup ("boolean");
              break;
            case JB_TYPE_REF:
              expected = g_strdup ("ref");
              break;
            default:
              expected = g_strdup (jb_field_type (f->type)->name);
              break;
            }
          if (g_strcmp0 (type, expected) != 0)
            g_error ("%s/%s: the XSD says %s, the kind %s", kind->name, element, type, expected);
          if (f->type == JB_TYPE_ENUM)
            {
              g_autoptr (GPtrArray) codes =
                strings (doc, "/xs:schema/xs:simpleType[@name='%s']//xs:enumeration/@value",
                         expected);
              g_assert_cmpuint (codes->len, ==, f->enumeration->n_values);
              for (guint v = 0; v < codes->len; v++)
                g_assert_cmpstr (g_ptr_array_index (codes, v), ==,
                                 f->enumeration->values[v].code);
            }
        }
    }
  xmlFreeDoc (doc);
}

/* Each table shows listed fields only, and every listed field; each form edits
 * every field of its kind once. */
static void
test_ui_declarations (void)
{
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_autofree char *list = g_strdup_printf ("ui/jb-%s-list.ui", kind->name);
      g_autofree char *form = g_strdup_printf ("ui/jb-%s-form.ui", kind->name);
      xmlDocPtr list_doc = read_source (list);
      xmlDocPtr form_doc = read_source (form);
      g_autoptr (GPtrArray) columns = strings (list_doc, "//object[@class='GtkColumnViewColumn']/@id");
      g_autoptr (GPtrArray) editors = strings (form_doc, "//object[@class='JbFieldEditor']"
                                                         "/property[@name='field']");
      g_autoptr (GPtrArray) kinds = strings (form_doc, "//object[@class='JbFieldEditor']"
                                                       "/property[@name='kind']");
      guint n_listed = 0;
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const JbField *f = &kind->fields[i];
          gboolean listed = (f->flags & JB_FIELD_LISTED) != 0;
          gboolean shown = g_ptr_array_find_with_equal_func (columns, f->name, g_str_equal, NULL);
          if (listed != shown)
            g_error ("%s: %s is %s a listed field but %s a column", list, f->name,
                     listed ? "" : "not", shown ? "" : "not");
          n_listed += listed;
          guint n = 0;
          for (guint e = 0; e < editors->len; e++)
            n += g_str_equal (g_ptr_array_index (editors, e), f->name);
          if (n != 1)
            g_error ("%s: the field %s has %u editors", form, f->name, n);
        }
      g_assert_cmpuint (columns->len, ==, n_listed);
      g_assert_cmpuint (editors->len, ==, kind->n_fields);
      for (guint e = 0; e < kinds->len; e++)
        g_assert_cmpstr (g_ptr_array_index (kinds, e), ==, kind->name);
      xmlFreeDoc (list_doc);
      xmlFreeDoc (form_doc);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();
  g_test_add_func ("/declarations/schema", test_schema);
  g_test_add_func ("/declarations/xsd", test_xsd);
  g_test_add_func ("/declarations/ui", test_ui_declarations);
  return g_test_run ();
}

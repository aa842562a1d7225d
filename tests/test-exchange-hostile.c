/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile and broken exchange files: each ends in "FILE:LINE: what", with the
 * database exactly as it was, and nothing read from another file. */
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "exchange-test-util.h"
#include "jb-exchange-private.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
             "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
#define U1 "6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0001"
#define U2 "6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0002"
#define TIMES "created=\"2022-08-01T09:00:00.000000Z\" updated=\"2022-08-01T09:00:00.000000Z\""
#define ORG_OPEN(id) "  <organization id=\"" id "\" " TIMES ">\n"
#define ORG(id, name) ORG_OPEN (id) "    <name>" name "</name>\n    <kind>institute</kind>\n" \
                      "  </organization>\n"
#define DEMAND_OPEN(id) "  <demand id=\"" id "\" " TIMES ">\n"
#define TAIL "</exchange>\n"
#define END_ORG "  </organization>\n" TAIL
#define END_DEMAND "  </demand>\n" TAIL

/* Lines: 1 declaration, 2 <exchange>, 3 first record, 4 its first field… */
typedef struct {
  const char *name;
  const char *xml;    /* NULL: built by the test */
  int line;
  const char *what;   /* a g_pattern_match_simple pattern for after "LINE: " */
} Case;

static const Case cases[] = {
  { "doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE exchange>\n<exchange/>\n", 2, "*DOCTYPE*" },
  { "billion-laughs",
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE exchange [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">\n"
    ORG_OPEN (U1) "    <name>&lol9;</name>\n  </organization>\n" TAIL, 2, "*DOCTYPE*" },
  /* The canary's path is filled in by the test. */
  { "external-entity", NULL, 2, "*DOCTYPE*" },
  { "external-parameter-entity", NULL, 2, "*DOCTYPE*" },
  { "external-dtd", NULL, 2, "*DOCTYPE*" },
  { "network-entity",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE exchange [\n <!ENTITY e SYSTEM \"http://127.0.0.1:9/x\">\n]>\n"
    "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">&e;</exchange>\n", 2, "*DOCTYPE*" },
  { "xinclude", NULL, 3, "<xi:include> is not in the namespace*" },
  { "undefined-entity", HEAD ORG_OPEN (U1) "    <name>&secret;</name>\n", 4, "*not well-formed*secret*" },
  { "deep-in-field", NULL, 4, "<name> cannot contain elements." },
  { "deep-without-root", NULL, 1, "*not a Jiebang exchange file*" },
  { "huge-text", NULL, 4, "<name> is too long." },
  { "huger-than-libxml-allows", NULL, 4, "*not well-formed*" },
  { "invalid-utf8", HEAD ORG_OPEN (U1) "    <name>\xff\xfe</name>\n", 4, "*not well-formed*UTF-8*" },
  { "truncated", HEAD ORG_OPEN (U1) "    <name>宁德", 4, "The file ends early, at line 4:*" },
  { "truncated-between-records", HEAD ORG (U1, "甲"), 6, "The file ends early, at line 6:*" },
  { "truncated-in-tag", HEAD ORG (U1, "甲") "  <organi", 7, "The file ends early, at line 7:*" },
  { "truncated-in-attribute", HEAD "  <organization id=\"6f1c", 3, "The file ends early, at line 3:*" },
  { "truncated-in-end-tag", HEAD ORG (U1, "甲") "</exch", 7, "The file ends early, at line 7:*" },
  { "truncated-after-end-tag", HEAD ORG (U1, "甲") "  </organization>\n", 7, "*not well-formed*" },
  { "empty", "", 1, "The file is empty." },
  { "garbage", "\x01\x02\x03PK\x03\x04 binary", 1, "*not well-formed*" },
  { "trailing-root", HEAD TAIL "<exchange/>\n", 4, "*not well-formed*Extra content*" },
  { "wrong-namespace", "<?xml version=\"1.0\"?>\n<exchange xmlns=\"urn:other\" version=\"1\"/>\n", 2,
    "*not a Jiebang exchange file*" },
  { "no-namespace", "<?xml version=\"1.0\"?>\n<exchange version=\"1\"/>\n", 2, "*not a Jiebang*" },
  { "wrong-root", "<?xml version=\"1.0\"?>\n<exchanges xmlns=\"urn:jiebang:exchange:1\" version=\"1\"/>\n",
    2, "*not a Jiebang exchange file*" },
  { "version-2", "<?xml version=\"1.0\"?>\n\n<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"2\"/>\n",
    3, "*version “2”*" },
  { "no-version", "<?xml version=\"1.0\"?>\n<exchange xmlns=\"urn:jiebang:exchange:1\"/>\n", 2,
    "*version “”*" },
  { "foreign-record-namespace", HEAD "  <organization xmlns=\"urn:x\"/>\n" TAIL, 3, "*not in the namespace*" },
  { "unknown-kind", HEAD "  <widget id=\"" U1 "\"/>\n" TAIL, 3, "<widget> is not a kind of record." },
  { "unknown-field", HEAD ORG_OPEN (U1) "    <name>甲</name>\n    <colour>red</colour>\n" END_ORG, 5,
    "<organization> has no field <colour>." },
  { "unknown-attribute", HEAD "  <organization id=\"" U1 "\" " TIMES " secret=\"1\">\n", 3,
    "Unknown attribute “secret” on <organization>." },
  { "missing-id", HEAD "  <organization " TIMES "/>\n" TAIL, 3, "<organization> needs the attribute id." },
  { "bad-uuid", HEAD "  <organization id=\"1\" " TIMES "/>\n" TAIL, 3, "“1” is not an id (a UUID)." },
  { "bad-time", HEAD "  <organization id=\"" U1 "\" created=\"2022-08-01\" updated=\"2022-08-01\"/>\n" TAIL,
    3, "created and updated must be times*" },
  { "updated-before-created", HEAD "  <organization id=\"" U1 "\" created=\"2022-08-02T09:00:00.000000Z\" "
    "updated=\"2022-08-01T09:00:00.000000Z\"/>\n" TAIL, 3, "*updated before it was created*" },
  { "missing-required", HEAD ORG_OPEN (U1) "    <name>甲</name>\n  </organization>\n" TAIL, 3,
    "<organization> “甲” (" U1 ") was refused: Kind: This field is required." },
  { "field-repeated", HEAD ORG_OPEN (U1) "    <name>甲</name>\n    <name>乙</name>\n" END_ORG, 5,
    "<name> is repeated or out of order*" },
  { "field-out-of-order", HEAD ORG_OPEN (U1) "    <kind>institute</kind>\n    <name>乙</name>\n" END_ORG, 5,
    "<name> is repeated or out of order*" },
  { "field-empty", HEAD ORG_OPEN (U1) "    <name>甲</name>\n    <kind>institute</kind>\n    <city></city>\n" END_ORG, 6,
    "<city> is empty*" },
  { "text-between-records", HEAD "  hello\n" ORG (U1, "甲") TAIL, 3, "Text outside a record." },
  { "text-in-record", HEAD ORG_OPEN (U1) "    hello\n    <name>甲</name>\n" END_ORG, 4, "Text outside a field*" },
  { "kinds-out-of-order", HEAD "  <person id=\"" U2 "\" " TIMES ">\n    <name>张三</name>\n"
    "    <role>manager</role>\n  </person>\n" ORG (U1, "甲") TAIL, 7,
    "<organization> comes after <person>*" },
  { "bad-enum", HEAD ORG_OPEN (U1) "    <name>甲</name>\n    <kind>company</kind>\n" END_ORG, 5,
    "<kind>: “company” is not one of enterprise, institute, university, agency, government, investor, other." },
  { "bad-bool", HEAD ORG_OPEN (U1) "    <name>甲</name>\n    <kind>institute</kind>\n    <alliance>yes</alliance>\n" END_ORG,
    6, "<alliance>: “yes” is neither true nor false." },
  { "bad-date", HEAD "  <event id=\"" U1 "\" " TIMES ">\n    <title>挑战赛</title>\n    <kind>challenge</kind>\n"
    "    <start_date>2023-02-30</start_date>\n" "  </event>\n" TAIL, 6, "<start_date>: “2023-02-30” is not a date (YYYY-MM-DD)." },
  { "bad-int", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n"
    "    <status>draft</status>\n  </demand>\n"
    "  <solution id=\"6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0003\" " TIMES ">\n    <title>方案</title>\n"
    "    <demand ref=\"" U2 "\"/>\n    <solver ref=\"" U1 "\"/>\n    <status>submitted</status>\n"
    "    <trl>10</trl>\n" "  </solution>\n" TAIL, 17, "<trl>: “10” is not a whole number from 1 to 9." },
  { "amount-grouped", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n"
    "    <investment currency=\"CNY\">4,980,000.00</investment>\n" END_DEMAND, 10, "<investment>: “4,980,000.00” is not an amount*" },
  { "amount-one-decimal", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <investment currency=\"CNY\">1.5</investment>\n" END_DEMAND,
    8, "*not an amount in yuan with two decimals*" },
  { "amount-negative", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <investment currency=\"CNY\">-5.00</investment>\n" END_DEMAND,
    8, "*not an amount in yuan*" },
  { "amount-too-large", HEAD ORG (U1, "甲") DEMAND_OPEN (U2)
    "    <investment currency=\"CNY\">99999999999999999.00</investment>\n" END_DEMAND, 8, "<investment>: The amount is too large." },
  { "amount-usd", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <investment currency=\"USD\">5.00</investment>\n" END_DEMAND,
    8, "<investment> needs currency=\"CNY\"*" },
  { "amount-no-currency", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <investment>5.00</investment>\n" END_DEMAND,
    8, "<investment> needs currency=\"CNY\"*" },
  { "dangling-ref", HEAD DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n" END_DEMAND, 5,
    "<owner> refers to the organization " U1 ", which is neither earlier in the file nor in the database." },
  { "ref-wrong-kind", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n"
    "    <event ref=\"" U1 "\"/>\n" END_DEMAND, 10, "<event> refers to the event " U1 "*" },
  { "ref-with-content", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\">x</owner>\n" END_DEMAND,
    9, "<owner ref=…> must be empty*" },
  { "ref-missing", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner/>\n" END_DEMAND, 9,
    "<owner> needs a ref attribute." },
  { "forward-ref",
    HEAD "  <event id=\"" U2 "\" " TIMES ">\n    <title>专场</title>\n    <kind>session</kind>\n"
    "    <parent ref=\"" U1 "\"/>\n  </event>\n"
    "  <event id=\"" U1 "\" " TIMES ">\n    <title>挑战赛</title>\n    <kind>challenge</kind>\n  </event>\n" TAIL,
    6, "<parent> refers to the event " U1 "*" },
  { "duplicate-id", HEAD ORG (U1, "甲") ORG (U1, "乙") TAIL, 7, "The id " U1 " appears twice in the file." },
  { "duplicate-id-later", HEAD ORG (U1, "甲") ORG (U2, "乙") ORG (U2, "丙") TAIL, 11,
    "The id " U2 " appears twice in the file." },
  { "duplicate-id-across-kinds", HEAD ORG (U1, "甲") DEMAND_OPEN (U1) END_DEMAND, 7, "The id " U1 " appears twice*" },
  { "control-character", HEAD ORG_OPEN (U1) "    <name>&#1;</name>\n", 4, "*not well-formed*" },
  { "rule-in-last-record", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n"
    "    <keywords>一,二,三,四,五,六</keywords>\n    <status>draft</status>\n  </demand>\n" TAIL, 7,
    "<demand> “需求” (" U2 ") was refused: Keywords: At most 5 keywords, please." },
  { "unique-clash", HEAD ORG (U1, "甲") ORG (U2, "甲") TAIL, 7, "*was refused: Name: Already taken by “甲”." },
  /* An import leaves unique fields to the table's constraint, and still names
   * every problem of the record, in the order of a save in the window. */
  { "unique-clash-and-rule", HEAD ORG (U1, "甲") ORG_OPEN (U2) "    <name>甲</name>\n"
    "    <kind>institute</kind>\n    <email>x</email>\n" END_ORG, 7,
    "<organization> “甲” (" U2 ") was refused: E-mail: “x” is not an e-mail address.\n"
    "Name: Already taken by “甲”." },
  { "unique-code-clash", HEAD ORG (U1, "甲") DEMAND_OPEN (U2) "    <code>MH-1</code>\n"
    "    <title>需求</title>\n    <owner ref=\"" U1 "\"/>\n    <status>draft</status>\n  </demand>\n"
    "  <demand id=\"6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0003\" " TIMES ">\n    <code>MH-1</code>\n"
    "    <title>需求二</title>\n    <owner ref=\"" U1 "\"/>\n    <status>draft</status>\n" END_DEMAND, 13,
    "<demand> “需求二” (6f1c0a52-1b7e-4c57-9a53-0d6b1c1e0003) was refused: Code: Already taken "
    "by “需求”." },
  { "one-line-text", HEAD ORG_OPEN (U1) "    <name>甲\n乙</name>\n    <kind>institute</kind>\n  </organization>\n" TAIL,
    3, "*Keep this to one line.*" },
};

typedef struct {
  Fixture fixture;
  char *canary;
} HostileFixture;

static char *
build_case (const Case *c, const char *canary)
{
  const char *decl = "<?xml version=\"1.0\"?>\n";
  const char *root = "<exchange xmlns=\"urn:jiebang:exchange:1\" version=\"1\">";

  if (c->xml)
    return g_strdup (c->xml);
  if (strcmp (c->name, "external-entity") == 0)
    return g_strdup_printf ("%s<!DOCTYPE exchange [\n <!ENTITY e SYSTEM \"file://%s\">\n]>\n%s&e;</exchange>\n",
                            decl, canary, root);
  if (strcmp (c->name, "external-parameter-entity") == 0)
    return g_strdup_printf ("%s<!DOCTYPE exchange [\n <!ENTITY %% p SYSTEM \"file://%s\">\n %%p;\n]>\n%s</exchange>\n",
                            decl, canary, root);
  if (strcmp (c->name, "external-dtd") == 0)
    return g_strdup_printf ("%s<!DOCTYPE exchange SYSTEM \"file://%s\">\n%s</exchange>\n", decl, canary, root);
  if (strcmp (c->name, "xinclude") == 0)
    return g_strdup_printf (HEAD "  <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                            "href=\"file://%s\" parse=\"text\"/>\n" TAIL, canary);

  GString *s = g_string_new (NULL);
  if (strcmp (c->name, "deep-in-field") == 0)
    {
      g_string_append (s, HEAD ORG_OPEN (U1) "    <name>");
      for (int i = 0; i < 100000; i++)
        g_string_append (s, "<a>");
    }
  else if (strcmp (c->name, "deep-without-root") == 0)
    for (int i = 0; i < 100000; i++)
      g_string_append (s, "<a>");
  else if (g_str_has_prefix (c->name, "huge"))
    {
      gsize n = strcmp (c->name, "huge-text") == 0 ? 2 * 1024 * 1024 : 12 * 1000 * 1000;
      g_string_append (s, HEAD ORG_OPEN (U1) "    <name>");
      for (gsize i = 0; i < n; i += 10)
        g_string_append (s, "宁德时代x");
      g_string_append (s, "</name>\n  </organization>\n" TAIL);
    }
  else
    g_assert_not_reached ();
  return g_string_free (s, FALSE);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Fixture f;
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f, NULL);
  populate_more (f.store, 3);
  g_autofree char *canary = g_build_filename (f.dir, "canary.txt", NULL);
  g_assert_true (g_file_set_contents (canary, "CANARY-SECRET", -1, NULL));
  g_autoptr (GBytes) before = fingerprint (f.store);

  g_autofree char *xml = build_case (c, canary);
  /* The escapes in C strings cannot hold a NUL, so lengths come from strlen. */
  g_autoptr (GBytes) bytes = g_bytes_new (xml, strlen (xml));
  JbImportSummary summary = { 0 };
  gboolean ok = import_bytes (&f, f.store, bytes, &summary, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == JB_EXCHANGE_ERROR);

  g_autofree char *path = g_build_filename (f.dir, "in.xml", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:%d: %s", path, c->line, c->what);
  if (!g_pattern_match_simple (expected, error->message))
    g_error ("%s: “%s” does not match “%s”", c->name, error->message, expected);
  g_assert_null (strstr (error->message, "CANARY"));

  g_autoptr (GBytes) after = fingerprint (f.store);
  g_assert_true (g_bytes_equal (before, after));
  fixture_tear_down (&f, NULL);
}

/* The same, with every id after the first in the store's temporary table,
 * as in a file of more ids than an import keeps in memory. */
static void
test_case_ids_in_table (gconstpointer data)
{
  jb_exchange_set_ids_in_memory (1);
  test_case (data);
  jb_exchange_set_ids_in_memory (0);
}

/* The entity loader refuses every external resource, even for code that asks
 * libxml2 to load them. */
static void
test_entity_loader (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-canary-XXXXXX", &error);
  g_autofree char *canary = g_build_filename (dir, "canary.txt", NULL);
  g_assert_true (g_file_set_contents (canary, "CANARY-SECRET", -1, NULL));
  g_autofree char *xml = g_strdup_printf ("<!DOCTYPE r [<!ENTITY e SYSTEM \"file://%s\">]><r>&e;</r>",
                                          canary);

  xmlDocPtr doc = xmlReadMemory (xml, (int) strlen (xml), NULL, NULL,
                                 XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_NOERROR |
                                 XML_PARSE_NOWARNING);
  if (doc)
    {
      xmlChar *text = xmlNodeGetContent (xmlDocGetRootElement (doc));
      g_assert_null (strstr ((const char *) text, "CANARY"));
      xmlFree (text);
      xmlFreeDoc (doc);
    }
  g_remove (canary);
  g_rmdir (dir);
}

/* A file that does not exist: the message names it (no line to give). */
static void
test_missing_file (void)
{
  Fixture f;
  g_autoptr (GError) error = NULL;
  fixture_set_up (&f, NULL);
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent/demands.xml");
  g_assert_false (jb_exchange_import (f.store, file, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/demands.xml: "));
  fixture_tear_down (&f, NULL);
}

int
main (int argc, char **argv)
{
  /* A small file is saved row by row, a large one in bulk: with --bulk
   * (the test "test-exchange-hostile-bulk") every case runs the other way,
   * and both must refuse alike and leave the store as it was. */
  if (argc > 1 && g_strv_contains ((const char *const *) argv, "--bulk"))
    {
      jb_exchange_set_bulk_from (0);
      for (int i = 1; i < argc; i++)
        if (strcmp (argv[i], "--bulk") == 0)
          memmove (&argv[i], &argv[i + 1], (size_t) (argc-- - i) * sizeof *argv);
    }
  g_test_init (&argc, &argv, NULL);
  jb_exchange_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/exchange/hostile/", cases[i].name, NULL);
      g_test_add_data_func (path, &cases[i], test_case);
      if (g_str_has_prefix (cases[i].name, "duplicate-id"))
        {
          g_autofree char *table = g_strconcat ("/exchange/hostile/ids-in-table/", cases[i].name,
                                                NULL);
          g_test_add_data_func (table, &cases[i], test_case_ids_in_table);
        }
    }
  g_test_add_func ("/exchange/hostile/entity-loader", test_entity_loader);
  g_test_add_func ("/exchange/hostile/missing-file", test_missing_file);
  return g_test_run ();
}

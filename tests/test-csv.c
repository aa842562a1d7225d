/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV export (jb-csv.h): BOM, RFC 4180 quoting of Chinese text, CRLF, and a
 * file written whole or not at all. */
#include <glib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "jb-csv.h"

static void
test_quoting (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  const char *cells[] = { "固态电池", "电池，储能, 快充", "他说\"好\"", "第一行\n第二行", "", NULL,
                          " 空格", "plain" };
  jb_csv_append_row (s, cells, G_N_ELEMENTS (cells));
  g_assert_cmpstr (s->str, ==,
                   "固态电池,\"电池，储能, 快充\",\"他说\"\"好\"\"\",\"第一行\n第二行\",,,"
                   "\" 空格\",plain\r\n");
  /* A full-width comma alone needs no quotes: only the ASCII one separates. */
  g_string_truncate (s, 0);
  const char *wide[] = { "电池，储能", "a\rb", NULL };
  jb_csv_append_row (s, wide, -1);
  g_assert_cmpstr (s->str, ==, "电池，储能,\"a\rb\"\r\n");
}

static GStrv
rows (guint i, gpointer data)
{
  const char *table[][3] = { { "MH-2022-001", "高能量密度固态电池, 电解质", "4,960万元" },
                             { "MH-2022-002", "设施哈密瓜\n品种改良", "\"优\"" } };
  if (i >= G_N_ELEMENTS (table))
    return NULL;
  return g_strdupv ((char **) (const char *[]) { table[i][0], table[i][1], table[i][2], NULL });
}

static void
test_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jb-csv-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "需求.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  const char *header[] = { "编号", "标题", "金额", NULL };

  g_assert_true (jb_csv_write_file (file, header, rows, NULL, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *text = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  g_assert_cmpstr (text, ==,
                   "\xEF\xBB\xBF" "编号,标题,金额\r\n"
                   "MH-2022-001,\"高能量密度固态电池, 电解质\",\"4,960万元\"\r\n"
                   "MH-2022-002,\"设施哈密瓜\n品种改良\",\"\"\"优\"\"\"\r\n");
  g_assert_true (g_utf8_validate (text, (gssize) len, NULL));

  /* Replaced whole; no temporary file left beside it. */
  g_assert_true (jb_csv_write_file (file, header, rows, NULL, NULL, &error));
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  for (const char *name; (name = g_dir_read_name (d));)
    n++;
  g_assert_cmpuint (n, ==, 1);

  /* Cancelled: the old file stays as it was. */
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  g_cancellable_cancel (cancel);
  g_assert_false (jb_csv_write_file (file, NULL, rows, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *again = NULL;
  g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, text);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/file", test_file);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sheet.c: spreadsheet intake (src/sheet/).  One collection sheet as
 * districts make them — a merged title, a 填报单位 line, a grouped header on
 * two rows, blank rows, numbers stored as text, dates as serials and as
 * text, amounts with the unit in the header or the cell, keywords in every
 * separator, a 填表说明 at the bottom, an instructions sheet before it — is
 * written as .xlsx, .ods, .xls, and .csv in UTF-8, UTF-8 with a BOM and
 * GB18030, and must import to the same records from each. */
#include "config.h"

#include <glib/gstdio.h>
#include "jb-sheet-private.h"
#include <locale.h>
#include <string.h>

#include "jb-cli.h"
#include "jb-date.h"
#include "jb-environment.h"
#include "jb-intake.h"
#include "jb-rules.h"
#include "jb-xlsx.h"
#include "sheet-test-util.h"
#include "test-util.h"

static char code1[19], code2[19];

#define ROW(...) ((const char * const []) { __VA_ARGS__, NULL })
#define EMPTY ((const char * const []) { NULL })

static const char * const * const demand_rows[] = {
  ROW ("2023年闵行区企业创新需求汇总表"),
  ROW ("填报单位：闵行区科学技术委员会", "", "", "", "", "", "", "填报日期：2023年7月1日"),
  EMPTY,
  ROW ("序号", "需求名称", "需求单位名称", "统一社会信用代码", "所在区", "机构属性", "联系方式", "",
       "", "所属领域", "关键词", "拟投入资金（万元）", "需求时限", "合作方式", "主要问题",
       "法人代表"),
  ROW ("", "", "", "", "", "", "联系人", "联系电话", "邮箱"),
  ROW ("#1", " 高倍率快充锂电池 ", "上海锂能科技有限公司", code1, "上海市闵行区", "企业", "张三",
       "#13800138000", "zhang@li.example", "新能源", "电池、快充，储能", "#500", "@2023-06-30",
       "合作研发", "充电速度慢", "李四"),
  EMPTY,
  ROW ("2", "设施哈密瓜品种改良", "上海市农业科学院", "", "闵行区", "研究机构", "王五",
       "021-12345678", "", "现代农业", "哈密瓜 品种 改良", "50万", "2023/6/30", "委托研发",
       "品质不稳定", ""),
  ROW ("3", "工业废水零排放", "上海锂能科技有限公司", code1, "闵行区", "企业", "张三",
       "13800138000", "", "节能环保", "废水;零排放", "500,000元", "2023年6月30日", "独立研发",
       "成本高", ""),
  ROW ("4", "\u3000芯片封装散热\u00A0", "上海芯联半导体有限公司", code2, "闵行区", "企业", "赵六", "", "",
       "集成电路", "散热, 封装", "#120.5", "2023年6月", "技术转让", "散热差", ""),
  EMPTY,
  ROW ("填表说明：1. 每行填写一项需求；2. 金额单位为万元。"),
  ROW ("2. 所属领域请从下拉列表选择。"),
  NULL,
};

static const char * const * const notes_rows[] = {
  ROW ("请按汇总表填写，每个单位可填写多项需求。"),
  ROW ("联系人：区科委 021-00000000"),
  NULL,
};

static const TestSheet demand_sheet = { "需求汇总", demand_rows, 16 };
static const TestSheet workbook[] = { { "说明", notes_rows, 0 }, { "需求汇总", demand_rows, 16 } };

/* The records every format must give, one line each. */
static const char expected[] =
  "高倍率快充锂电池|上海锂能科技有限公司|CODE1|enterprise|new_energy|电池、快充、储能|shanghai|"
  "闵行区|500000000|joint|2023-06-30|充电速度慢|法人代表: 李四|张三|13800138000|"
  "zhang@li.example\n"
  "设施哈密瓜品种改良|上海市农业科学院||institute|agriculture|哈密瓜、品种、改良||闵行区|"
  "50000000|commissioned|2023-06-30|品质不稳定||王五|021-12345678|\n"
  "工业废水零排放|上海锂能科技有限公司|CODE1|enterprise|energy_saving|废水、零排放||"
  "闵行区|50000000|other|2023-06-30|成本高|合作方式: 独立研发|张三|13800138000|"
  "zhang@li.example\n"
  "芯片封装散热|上海芯联半导体有限公司|CODE2|enterprise|ic|散热、封装||闵行区|120500000|"
  "transfer|2023-06-30|散热差||赵六||\n";

typedef struct {
  char *dir;
  char *db;
  JbStore *store;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("jb-sheet-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->store = test_open_store (f->db, NULL);
  g_assert_nonnull (f->store);
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      /* A database's backups folder (an import's copy) holds files only. */
      g_autoptr (GDir) sub = g_dir_open (path, 0, NULL);
      const char *inner;
      while (sub && (inner = g_dir_read_name (sub)))
        {
          g_autofree char *child = g_build_filename (path, inner, NULL);
          g_unlink (child);
        }
      if (sub)
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* The demands of the store, ordered by title, as the expected lines. */
static char *
dump_demands (JbStore *store)
{
  g_autoptr (GPtrArray) rows = jb_store_list (store, JB_KIND_DEMAND, NULL, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) full = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (full, jb_store_load (store, JB_KIND_DEMAND,
                                          jb_record_get_id (g_ptr_array_index (rows, i)), NULL));
  /* In the sheet's order: by code (JB-YYYY-0001 …). */
  for (guint n = 1; n <= full->len; n++)
    for (guint i = 0; i < full->len; i++)
      {
        JbRecord *d = g_ptr_array_index (full, i);
        const char *code = jb_record_get_text_by_name (d, "code");
        if (g_ascii_strtoull (code + strlen (code) - 4, NULL, 10) != n)
          continue;
        g_autoptr (JbRecord) o = jb_store_load (store, JB_KIND_ORGANIZATION,
                                                jb_record_get_int_by_name (d, "owner_id"), NULL);
        const char *cc = jb_record_get_text_by_name (o, "credit_code");
#define T(r, n) (jb_record_get_text_by_name (r, n) ? jb_record_get_text_by_name (r, n) : "")
        g_string_append_printf (out, "%s|%s|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s|%s|"
                                "%s|%s|%s\n",
                                T (d, "title"), T (o, "name"),
                                cc == NULL ? "" : strcmp (cc, code1) == 0 ? "CODE1"
                                : strcmp (cc, code2) == 0 ? "CODE2" : cc,
                                T (o, "kind"), T (d, "industry"), T (d, "keywords"),
                                T (d, "province"), T (d, "district"),
                                jb_record_get_int_by_name (d, "investment"), T (d, "coop_mode"),
                                T (d, "deadline"), T (d, "problem"), T (d, "notes"),
                                T (o, "contact"), T (o, "phone"), T (o, "email"));
#undef T
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
collect_line (guint row, const JbCell *cells, guint n, gpointer data, GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (line, "%s%s", i ? "|" : "", cells[i].text);
  g_ptr_array_add (data, g_string_free (g_steal_pointer (&line), FALSE));
  return TRUE;
}

static JbIntake *
open_sheet (const char *path, JbKindId kind, guint expected_sheet)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  JbIntake *intake = jb_intake_open (file, NULL, &error);
  g_assert_no_error (error);
  guint sheet = jb_intake_guess_sheet (intake, kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sheet, ==, expected_sheet);
  jb_intake_set_sheet (intake, sheet, kind, NULL, &error);
  g_assert_no_error (error);
  return intake;
}

static void
import_ok (JbIntake *intake, JbStore *store, JbImportSummary *summary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  gboolean ok = jb_intake_import (intake, store, NULL, NULL, NULL, summary, &problems, &error);
  for (guint i = 0; !ok && problems && i < problems->len; i++)
    {
      g_autofree char *line = jb_intake_problem_to_string (intake,
                                                           g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
  g_assert_no_error (error);
  g_assert_true (ok);
}

typedef enum { XLSX, ODS, XLS, CSV, CSV_BOM, CSV_GB18030 } Format;

static char *
write_fixture (Fixture *f, Format format, guint *sheet)
{
  *sheet = 1;
  switch (format)
    {
    case XLSX:
      {
        char *path = path_in (f, "demands.xlsx");
        write_xlsx (path, workbook, 2);
        return path;
      }
    case ODS:
      {
        char *path = path_in (f, "demands.ods");
        write_ods (path, workbook, 2);
        return path;
      }
    case XLS:
      /* Made once by LibreOffice from the .xlsx: tests/make-xls-fixtures.sh. */
      return g_build_filename (JB_TEST_SRCDIR, "tests", "sheets", "demands.xls", NULL);
    default:
      {
        *sheet = 0;
        char *path = path_in (f, "demands.csv");
        write_csv (path, &demand_sheet, format == CSV_GB18030 ? "GB18030" : NULL,
                   format == CSV_BOM);
        return path;
      }
    }
}

static void
test_format (Fixture *f, gconstpointer data)
{
  Format format = GPOINTER_TO_INT (data);
  guint sheet;
  g_autofree char *path = write_fixture (f, format, &sheet);
  g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, sheet);

  /* The grouped header: 联系方式 over 联系人 | 联系电话 | 邮箱. */
  g_assert_cmpuint (jb_intake_get_header_first (intake), ==, 4);
  g_assert_cmpuint (jb_intake_get_header_last (intake), ==, 5);
  g_assert_null (jb_intake_get_target (intake, 0));  /* 序号 */
  g_assert_cmpstr (jb_intake_get_target (intake, 1), ==, "title");
  g_assert_cmpstr (jb_intake_get_target (intake, 2), ==, "org.name");
  g_assert_cmpstr (jb_intake_get_target (intake, 6), ==, "org.contact");
  g_assert_cmpstr (jb_intake_get_header (intake, 7), ==, "联系方式 / 联系电话");
  g_assert_cmpstr (jb_intake_get_target (intake, 7), ==, "org.phone");
  g_assert_cmpstr (jb_intake_get_target (intake, 8), ==, "org.email");
  g_assert_cmpstr (jb_intake_get_target (intake, 11), ==, "investment");
  g_assert_cmpstr (jb_intake_get_target (intake, 15), ==, JB_INTAKE_NOTES);
  g_assert_null (jb_intake_missing_required (intake));

  JbImportSummary summary;
  import_ok (intake, f->store, &summary);
  /* The merged title, as the workbook formats that have merges say it. */
  GArray *merges = jb_workbook_get_merges (jb_intake_get_workbook (intake));
  if (format == XLSX || format == ODS)
    {
      g_assert_cmpuint (merges->len, ==, 1);
      JbSheetRange *title = &g_array_index (merges, JbSheetRange, 0);
      g_assert_cmpuint (title->first_row, ==, 0);
      g_assert_cmpuint (title->last_row, ==, 0);
      g_assert_cmpuint (title->first_col, ==, 0);
      g_assert_cmpuint (title->last_col, ==, 15);
    }
  /* 4 demands and 3 organizations created; the second row of 上海锂能
   * found it by credit code. */
  g_assert_cmpuint (summary.created, ==, 7);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 3);
  g_autofree char *dump = dump_demands (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

static void
test_reimport (Fixture *f, gconstpointer data)
{
  guint sheet;
  g_autofree char *path = write_fixture (f, XLSX, &sheet);
  JbImportSummary summary;
  {
    g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, sheet);
    import_ok (intake, f->store, &summary);
  }
  g_autofree char *before = dump_demands (f->store);
  {
    g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, sheet);
    import_ok (intake, f->store, &summary);
  }
  /* Matched by owner and title: nothing new, nothing changed. */
  g_assert_cmpuint (summary.created, ==, 0);
  g_assert_cmpuint (summary.updated, ==, 0);
  g_assert_cmpuint (summary.unchanged, ==, 4);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 4);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 3);
  g_autofree char *after = dump_demands (f->store);
  g_assert_cmpstr (before, ==, after);

  /* A changed cell updates its demand, and only that one. */
  const char * const changed[] = { "", "芯片封装散热", "上海芯联半导体有限公司", code2, "", "", "",
                                   "", "", "", "", "", "", "", "热阻过高", NULL };
  const char * const * const rows[] = { demand_rows[3], demand_rows[4], changed, NULL };
  TestSheet s = { "x", rows, 0 };
  g_autofree char *path2 = path_in (f, "changed.csv");
  write_csv (path2, &s, NULL, FALSE);
  g_autoptr (JbIntake) intake = open_sheet (path2, JB_KIND_DEMAND, 0);
  import_ok (intake, f->store, &summary);
  g_assert_cmpuint (summary.updated, ==, 1);
  g_assert_cmpuint (summary.created, ==, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 4);
  g_autofree char *updated = dump_demands (f->store);
  g_assert_nonnull (strstr (updated, "|热阻过高|"));
  g_assert_nonnull (strstr (updated, "|120500000|"));  /* kept: the row leaves it empty */
  /* Its history: created by the first import, the problem changed by the last. */
  gint64 id = jb_store_find (f->store, JB_KIND_DEMAND, (const char *[]) { "title" },
                             (const char *[]) { "芯片封装散热" }, 1, NULL);
  g_autoptr (JbRecord) d = jb_store_load (f->store, JB_KIND_DEMAND, id, NULL);
  g_autoptr (GPtrArray) history = jb_store_history (f->store, jb_record_get_uuid (d), NULL);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((JbHistoryEntry *) g_ptr_array_index (history, 0))->action, ==, "created");
  JbHistoryEntry *change = g_ptr_array_index (history, 1);
  g_assert_cmpstr (change->field, ==, "problem");
  g_assert_cmpstr (change->old_value, ==, "散热差");
  g_assert_cmpstr (change->new_value, ==, "热阻过高");
}

static void
test_preview_and_overrides (Fixture *f, gconstpointer data)
{
  guint sheet;
  g_autofree char *path = write_fixture (f, XLSX, &sheet);
  g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, sheet);
  g_autoptr (GError) error = NULL;

  g_autoptr (GPtrArray) rows = jb_intake_preview (intake, f->store, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  JbIntakeRow *r0 = g_ptr_array_index (rows, 0), *r2 = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (r0->row, ==, 6);
  g_assert_cmpuint (r2->row, ==, 9);  /* the blank row 7 is skipped */
  g_assert_cmpstr (jb_record_get_title (r0->record), ==, "高倍率快充锂电池");
  g_assert_cmpstr (jb_record_get_text_by_name (r0->organization, "name"), ==,
                   "上海锂能科技有限公司");
  g_assert_cmpuint (r0->problems->len, ==, 0);
  /* 独立研发 is none of Jiebang's modes: Other, kept, with a warning. */
  g_assert_cmpuint (r2->problems->len, ==, 1);
  JbIntakeProblem *p = g_ptr_array_index (r2->problems, 0);
  g_assert_true (p->warning);
  g_assert_cmpint (p->column, ==, 13);
  g_assert_cmpuint (p->row, ==, 9);
  g_assert_cmpstr (jb_record_get_text_by_name (r2->record, "coop_mode"), ==, "other");
  /* The preview wrote nothing. */
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);

  /* The user's choices: 独立研发 means joint development here; 法人代表 ignored. */
  jb_intake_set_choice (intake, "coop_mode", "独立研发", "joint");
  jb_intake_set_target (intake, 15, NULL);
  g_autoptr (GPtrArray) again = jb_intake_preview (intake, f->store, 3, NULL, &error);
  JbIntakeRow *a2 = g_ptr_array_index (again, 2), *a0 = g_ptr_array_index (again, 0);
  g_assert_cmpuint (a2->problems->len, ==, 0);
  g_assert_cmpstr (jb_record_get_text_by_name (a2->record, "coop_mode"), ==, "joint");
  g_assert_null (jb_record_get_text_by_name (a0->record, "notes"));

  /* What the dialog asks about: one unknown mode, in row 9, mapped above. */
  jb_intake_set_choice (intake, "coop_mode", "独立研发", NULL);
  g_autoptr (GPtrArray) unknown = jb_intake_unknown_choices (intake, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unknown->len, ==, 1);
  JbIntakeChoice *u = g_ptr_array_index (unknown, 0);
  g_assert_cmpstr (u->target, ==, "coop_mode");
  g_assert_cmpstr (u->text, ==, "独立研发");
  g_assert_cmpuint (u->first_row, ==, 9);
  g_assert_cmpuint (u->n_rows, ==, 1);
  g_assert_cmpuint (u->column, ==, 13);
  jb_intake_set_choice (intake, "coop_mode", "独立研发", "joint");
  g_autoptr (GPtrArray) none = jb_intake_unknown_choices (intake, NULL, &error);
  g_assert_cmpuint (none->len, ==, 0);

  g_autofree char *label = jb_intake_target_label (intake, "org.credit_code");
  g_assert_cmpstr (label, ==, "Owner: Unified social credit code");
  g_assert_cmpstr (jb_intake_list_targets (intake)[0], ==, "code");
}

/* One row breaks rules: nothing is imported, the database stays byte for
 * byte as it was, and the report names the row, the column and why. */
static void
test_all_or_nothing (Fixture *f, gconstpointer data)
{
  const char * const bad[] = { "5", "坏数据", "某公司", "91310000MA1K3YJ120", "", "", "", "", "",
                               "", "", "很多", "2023-02-30", NULL };
  const char * const * const rows[] = { demand_rows[3], demand_rows[4], demand_rows[5], bad,
                                        NULL };
  TestSheet s = { "x", rows, 0 };
  g_autofree char *path = path_in (f, "bad.csv");
  write_csv (path, &s, NULL, TRUE);

  /* Something in the database first, then its bytes with the store closed. */
  {
    guint sheet;
    g_autofree char *good = write_fixture (f, ODS, &sheet);
    g_autoptr (JbIntake) intake = open_sheet (good, JB_KIND_DEMAND, sheet);
    JbImportSummary summary;
    import_ok (intake, f->store, &summary);
  }
  g_clear_object (&f->store);
  g_autoptr (GBytes) before = file_bytes (f->db);
  f->store = test_open_store (f->db, NULL);

  g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  JbImportSummary summary;
  g_assert_false (jb_intake_import (intake, f->store, NULL, NULL, NULL, &summary, &problems,
                                    &error));
  g_assert_error (error, JB_SHEET_ERROR, JB_SHEET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1 row was refused"));
  g_clear_error (&error);
  gboolean money = FALSE, date = FALSE;
  g_autoptr (GHashTable) said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      JbIntakeProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *line = jb_intake_problem_to_string (intake, p);
      g_test_message ("%s", line);
      g_assert_cmpuint (p->row, ==, 4);
      g_assert_true (g_hash_table_add (said, g_strdup (line)));  /* each said once */
      /* The column is in 万元: its example is too. */
      money |= p->column == 11 && g_str_has_suffix (line, ":4: 拟投入资金（万元）: “很多” is not an "
                                                    "amount. Write a number such as 12.5 or "
                                                    "125000 yuan.");
      date |= p->column == 12 && strstr (p->message, "2023-02-30") != NULL;
    }
  g_assert_true (money);
  g_assert_true (date);

  g_clear_object (&f->store);
  g_autoptr (GBytes) after = file_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
  f->store = test_open_store (f->db, NULL);

  /* The rows to send back, as .xlsx: read it as any workbook. */
  g_autofree char *report = path_in (f, "rejected.xlsx");
  g_autoptr (GFile) out = g_file_new_for_path (report);
  g_assert_true (jb_intake_write_rejected (intake, problems, out, &error));
  g_assert_no_error (error);
  g_autoptr (JbWorkbook) wb = jb_workbook_open (out, NULL, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (wb, 0, collect_line, lines, NULL, &error));
  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 0), "Row|Column|Reason|序号|需求名称|"));
  const char *line = g_ptr_array_index (lines, 1);
  g_assert_true (g_str_has_prefix (line, "4|拟投入资金（万元）\n需求时限|"));
  g_assert_nonnull (strstr (line, "“很多” is not an amount"));
  g_assert_nonnull (strstr (line, "|5|坏数据|某公司|"));
}

/* The blank form, filled in as an enterprise would (its title and header
 * rows kept, rows below), comes back with every column mapped. */
static void
test_template (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "form.xlsx");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_xlsx_write_template (file, &error));
  g_assert_no_error (error);

  /* Drop-down lists and checks are in the form. */
  g_autoptr (GsfInput) in = gsf_input_stdio_new (path, &error);
  g_autoptr (GsfInfile) zip = gsf_infile_zip_new (in, &error);
  g_assert_no_error (error);
  g_autoptr (GsfInput) sheet = gsf_infile_child_by_vname (zip, "xl", "worksheets", "sheet1.xml",
                                                          NULL);
  g_autofree char *xml = g_strndup ((const char *) gsf_input_read (sheet, gsf_input_size (sheet),
                                                                   NULL),
                                    (gsize) gsf_input_size (sheet));
  g_assert_nonnull (strstr (xml, "type=\"list\""));
  g_assert_nonnull (strstr (xml, "type=\"decimal\""));
  g_assert_nonnull (strstr (xml, "type=\"date\""));
  g_assert_nonnull (strstr (xml, "type=\"textLength\""));

  g_autoptr (JbWorkbook) wb = jb_workbook_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jb_workbook_get_n_sheets (wb), ==, 3);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (wb, 0, collect_line, lines, NULL, &error));
  g_assert_cmpuint (lines->len, ==, 2);
  g_auto (GStrv) header = g_strsplit (g_ptr_array_index (lines, 1), "|", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 17);
  /* The drop-down lists' values, one column per choice, on the hidden sheet. */
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (wb, 2, collect_line, lists, NULL, &error));
  g_assert_cmpstr (g_ptr_array_index (lists, 0), ==, "Enterprise|New energy|Technology transfer");
  g_assert_cmpuint (lists->len, ==, 15);  /* the industry fields */

  /* Filled in: the same title and header, two demands, choices from the lists. */
  g_autofree char *c = g_strdup (code1);
  const char * const row1[] = { "智能巡检机器人", "上海锅炉厂有限公司", c, "Enterprise", "闵行区",
                                "Chen", "13900000000", "chen@boiler.example", "High-end equipment",
                                "robot, inspection", "Boilers fail unseen", "Navigation",
                                "Find faults early", "99%", "#2000000", "Joint development",
                                "@2026-12-31", NULL };
  const char * const row2[] = { "Coating", "Acme Materials", "", "University", "", "", "", "",
                                "New materials", "coating", "", "", "", "", "#15000.5",
                                "Technology transfer", "@2027-03-01", NULL };
  const char *head[18] = { NULL };
  for (guint i = 0; i < 17; i++)
    head[i] = header[i];
  const char * const title[] = { g_ptr_array_index (lines, 0), NULL };
  const char * const * const rows[] = { title, head, row1, row2, NULL };
  TestSheet filled = { "Demand form", rows, 17 };
  g_autofree char *filled_path = path_in (f, "filled.xlsx");
  write_xlsx (filled_path, &filled, 1);

  g_autoptr (JbIntake) intake = open_sheet (filled_path, JB_KIND_DEMAND, 0);
  for (guint col = 0; col < jb_intake_get_n_columns (intake); col++)
    {
      const char *target = jb_intake_get_target (intake, col);
      g_assert_nonnull (target);
      g_assert_cmpstr (target, !=, JB_INTAKE_NOTES);
    }
  JbImportSummary summary;
  import_ok (intake, f->store, &summary);
  g_assert_cmpuint (summary.created, ==, 4);
  gint64 id = jb_store_find (f->store, JB_KIND_DEMAND, (const char *[]) { "title" },
                             (const char *[]) { "智能巡检机器人" }, 1, NULL);
  g_autoptr (JbRecord) d = jb_store_load (f->store, JB_KIND_DEMAND, id, NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (d, "coop_mode"), ==, "joint");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "industry"), ==, "equipment");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "deadline"), ==, "2026-12-31");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "keywords"), ==, "robot、inspection");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "indicators"), ==, "99%");
  /* English: the form's amounts are in yuan. */
  g_assert_cmpint (jb_record_get_int_by_name (d, "investment"), ==, 200000000);
  gint64 id2 = jb_store_find (f->store, JB_KIND_DEMAND, (const char *[]) { "title" },
                              (const char *[]) { "Coating" }, 1, NULL);
  g_autoptr (JbRecord) d2 = jb_store_load (f->store, JB_KIND_DEMAND, id2, NULL);
  g_assert_cmpint (jb_record_get_int_by_name (d2, "investment"), ==, 1500050);
  g_autoptr (JbRecord) o2 = jb_store_load (f->store, JB_KIND_ORGANIZATION,
                                           jb_record_get_int_by_name (d2, "owner_id"), NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (o2, "kind"), ==, "university");
}

/* Rows of other kinds: organizations, people, technology achievements. */
static void
test_kinds (Fixture *f, gconstpointer data)
{
  const char * const * const orgs[] = {
    ROW ("单位名称", "机构属性", "统一社会信用代码", "所在地区", "是否联盟成员", "联系人", "备注"),
    ROW ("上海锅炉厂有限公司", "国有企业", code2, "上海市闵行区", "是", "陈工", "老客户"),
    ROW ("上海交通大学", "高等院校", "", "徐汇区", "否", "", ""),
    NULL,
  };
  const char * const * const people[] = {
    ROW ("姓名", "角色", "工作单位", "手机", "证书编号"),
    ROW ("李经理", "技术经理人", "上海锅炉厂有限公司", "13900000001", "TM-001"),
    ROW ("周教授", "专家", "新的研究院", "", ""),
    NULL,
  };
  const char * const * const achievements[] = {
    ROW ("成果名称", "成果单位", "技术成熟度", "知识产权形式", "转化方式", "意向价格（万元）",
         "成果简介", "获奖情况"),
    ROW ("锅炉智能燃烧控制", "上海锅炉厂有限公司", "TRL7", "发明专利", "许可", "80",
         "降低氮氧化物排放", "省部级一等奖"),
    NULL,
  };
  struct { const char * const * const *rows; JbKindId kind; guint created; } cases[] = {
    { orgs, JB_KIND_ORGANIZATION, 2 },
    { people, JB_KIND_PERSON, 3 },        /* and the new institute */
    { achievements, JB_KIND_ACHIEVEMENT, 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TestSheet s = { "x", cases[i].rows, 0 };
      g_autofree char *path = path_in (f, "kind.csv");
      write_csv (path, &s, "GB18030", FALSE);
      g_autoptr (JbIntake) intake = open_sheet (path, cases[i].kind, 0);
      JbImportSummary summary;
      import_ok (intake, f->store, &summary);
      g_assert_cmpuint (summary.created, ==, cases[i].created);
    }
  gint64 boiler = jb_store_find (f->store, JB_KIND_ORGANIZATION, (const char *[]) { "name" },
                                 (const char *[]) { "上海锅炉厂有限公司" }, 1, NULL);
  g_autoptr (JbRecord) o = jb_store_load (f->store, JB_KIND_ORGANIZATION, boiler, NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (o, "kind"), ==, "enterprise");
  g_assert_cmpstr (jb_record_get_text_by_name (o, "province"), ==, "shanghai");
  g_assert_cmpstr (jb_record_get_text_by_name (o, "district"), ==, "闵行区");
  g_assert_cmpint (jb_record_get_int_by_name (o, "alliance"), ==, 1);
  gint64 sjtu = jb_store_find (f->store, JB_KIND_ORGANIZATION, (const char *[]) { "name" },
                               (const char *[]) { "上海交通大学" }, 1, NULL);
  g_autoptr (JbRecord) u = jb_store_load (f->store, JB_KIND_ORGANIZATION, sjtu, NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (u, "kind"), ==, "university");

  gint64 li = jb_store_find (f->store, JB_KIND_PERSON, (const char *[]) { "name" },
                             (const char *[]) { "李经理" }, 1, NULL);
  g_autoptr (JbRecord) p = jb_store_load (f->store, JB_KIND_PERSON, li, NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (p, "role"), ==, "manager");
  g_assert_cmpint (jb_record_get_int_by_name (p, "organization_id"), ==, boiler);

  gint64 a = jb_store_find (f->store, JB_KIND_ACHIEVEMENT, (const char *[]) { "title" },
                            (const char *[]) { "锅炉智能燃烧控制" }, 1, NULL);
  g_autoptr (JbRecord) r = jb_store_load (f->store, JB_KIND_ACHIEVEMENT, a, NULL);
  g_assert_cmpint (jb_record_get_int_by_name (r, "owner_id"), ==, boiler);
  g_assert_cmpint (jb_record_get_int_by_name (r, "trl"), ==, 7);
  g_assert_cmpstr (jb_record_get_text_by_name (r, "ip_form"), ==, "patent");
  g_assert_cmpstr (jb_record_get_text_by_name (r, "transfer_mode"), ==, "licensing");
  g_assert_cmpint (jb_record_get_int_by_name (r, "asking_price"), ==, 80000000);
  /* A column without a field, kept in the achievement's notes. */
  g_assert_cmpstr (jb_record_get_text_by_name (r, "summary"), ==, "降低氮氧化物排放");
  g_assert_cmpstr (jb_record_get_text_by_name (r, "notes"), ==, "获奖情况: 省部级一等奖");
}

/* Recognised by content: a workbook named .et or .xls, a text table named .xlsx. */
static void
test_content_not_name (Fixture *f, gconstpointer data)
{
  g_autofree char *et = path_in (f, "demands.et");
  write_xlsx (et, workbook, 2);
  g_autofree char *odd = path_in (f, "demands.xls");
  write_ods (odd, workbook, 2);
  g_autofree char *text = path_in (f, "demands.xlsx");
  write_csv (text, &demand_sheet, NULL, FALSE);
  struct { const char *path; JbSheetFormat format; guint sheet; } cases[] = {
    { et, JB_SHEET_FORMAT_XLSX, 1 }, { odd, JB_SHEET_FORMAT_ODS, 1 },
    { text, JB_SHEET_FORMAT_CSV, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JbIntake) intake = open_sheet (cases[i].path, JB_KIND_DEMAND, cases[i].sheet);
      g_assert_cmpint (jb_workbook_get_format (jb_intake_get_workbook (intake)), ==,
                       cases[i].format);
      JbImportSummary summary;
      import_ok (intake, f->store, &summary);
    }
  g_autofree char *dump = dump_demands (f->store);
  g_assert_cmpstr (dump, ==, expected);
}

/* The command line: a spreadsheet by content, problems as FILE:ROW: column:
 * reason on stderr, a missing column named, exit 1. */
static void
test_cli (Fixture *f, gconstpointer data)
{
  /* The child runs in a fixture of its own: the parent's folder is passed. */
  const char *dir = g_test_subprocess () ? g_getenv ("JB_CLI_DIR") : f->dir;
  g_autofree char *db = g_build_filename (dir, "test.db", NULL);
  g_autofree char *good = g_build_filename (dir, "good.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *nocol = g_build_filename (dir, "nocol.csv", NULL);
  if (g_test_subprocess ())
    {
      const char *which = g_getenv ("JB_CLI_CASE");
      if (g_strcmp0 (which, "good") == 0)
        exit (jb_cli_run_full (db, good, NULL, NULL));
      if (g_strcmp0 (which, "bad") == 0)
        exit (jb_cli_run_full (db, bad, NULL, "demand"));
      exit (jb_cli_run_full (db, nocol, NULL, NULL));
    }
  g_setenv ("JB_CLI_DIR", f->dir, TRUE);
  write_xlsx (good, workbook, 2);
  g_file_set_contents (bad, "需求名称,需求单位,拟投入资金\n好需求,好公司,5万\n坏需求,坏公司,很多\n", -1,
                       NULL);
  g_file_set_contents (nocol, "需求名称,关键词\n电池,储能\n", -1, NULL);
  const char *cases[] = { "good", "bad", "nocol" };
  for (guint i = 0; i < 3; i++)
    {
      g_setenv ("JB_CLI_CASE", cases[i], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDIN);
      if (i == 0)
        {
          g_test_trap_assert_passed ();
          g_test_trap_assert_stdout ("*: 7 created, 0 updated, 0 unchanged, 0 refused*");
          g_test_trap_assert_stderr ("*warning: *good.xlsx:9: 合作方式: “独立研发”*");
        }
      else if (i == 1)
        {
          g_test_trap_assert_failed ();
          g_test_trap_assert_stderr ("*bad.csv:3: 拟投入资金: “很多” is not an amount*"
                                     "1 row was refused; nothing was imported*");
        }
      else
        {
          g_test_trap_assert_failed ();
          g_test_trap_assert_stderr ("*The sheet has no column for: Owner.*");
        }
    }
  g_unsetenv ("JB_CLI_CASE");
  g_unsetenv ("JB_CLI_DIR");
}

static void
test_parsers (void)
{
  struct { const char *text; gboolean end; const char *iso; } dates[] = {
    { "2023-06-30", TRUE, "2023-06-30" }, { "2023/6/30", TRUE, "2023-06-30" },
    { "2023年6月30日", TRUE, "2023-06-30" }, { "2023年6月", TRUE, "2023-06-30" },
    { "2024年2月", TRUE, "2024-02-29" }, { "2023年6月", FALSE, "2023-06-01" },
    { "2023.1-2023.12", TRUE, "2023-12-31" }, { "2023.1-2023.12", FALSE, "2023-01-01" },
    { "2023年1月至2023年6月", TRUE, "2023-06-30" }, { "2023-01-01~2023-03-31", TRUE, "2023-03-31" },
    { "2023年底", TRUE, "2023-12-31" }, { "2023年6月前", TRUE, "2023-06-30" },
    { "2023-06", TRUE, "2023-06-30" }, { "尽快", TRUE, NULL }, { "2023-13", TRUE, NULL },
    { "2023-02-30", TRUE, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *iso = jb_date_normalize_loose (dates[i].text, dates[i].end);
      g_assert_cmpstr (iso, ==, dates[i].iso);
    }
  struct { double serial; gboolean s1904; const char *iso; } serials[] = {
    { 45107, FALSE, "2023-06-30" }, { 1, FALSE, "1900-01-01" }, { 59, FALSE, "1900-02-28" },
    { 60, FALSE, NULL }, { 61, FALSE, "1900-03-01" }, { 45107.75, FALSE, "2023-06-30" },
    { 43645, TRUE, "2023-06-30" }, { 0, FALSE, NULL }, { -3, FALSE, NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      g_autofree char *iso = jb_date_from_serial (serials[i].serial, serials[i].s1904);
      g_assert_cmpstr (iso, ==, serials[i].iso);
    }
  struct { const char *text; const char *words; } keywords[] = {
    { "电池、快充，储能", "电池、快充、储能" }, { "废水;零排放", "废水、零排放" },
    { "哈密瓜 品种　改良", "哈密瓜、品种、改良" }, { "solid state, battery", "solid state、battery" },
    { " ", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      g_autofree char *words = jb_keywords_normalize (keywords[i].text);
      g_assert_cmpstr (words, ==, keywords[i].words);
    }
}

static void
on_progress (double fraction, gpointer data)
{
  GCancellable *cancellable = data;
  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  int permille = (int) (fraction * 1000);
  g_object_set_data (G_OBJECT (cancellable), "last", GINT_TO_POINTER (permille));
  /* "cancel": cancel when past this permille, plus one (1: at once);
   * "rows": the demands saved then. */
  int cancel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "cancel"));
  if (cancel && permille > cancel - 1 && !g_cancellable_is_cancelled (cancellable))
    {
      JbStore *store = g_object_get_data (G_OBJECT (cancellable), "store");
      g_object_set_data (G_OBJECT (cancellable), "rows",
                         GINT_TO_POINTER ((int) jb_store_count (store, JB_KIND_DEMAND)));
      g_cancellable_cancel (cancellable);
    }
}

/* A row that breaks a rule of its kind (the organization's credit code) is
 * told so once: the rules ran twice, in the record's check and after it. */
static void
test_rule_said_once (Fixture *f, gconstpointer data)
{
  g_autofree char *path = path_in (f, "code.csv");
  const char *text = "需求名称,需求单位,统一社会信用代码\n电池研发,上海某某公司,91310000MA1K3YJ121\n";
  g_file_set_contents (path, text, -1, NULL);
  g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  JbImportSummary summary;
  g_assert_false (jb_intake_import (intake, f->store, NULL, NULL, NULL, &summary, &problems,
                                    &error));
  g_assert_error (error, JB_SHEET_ERROR, JB_SHEET_ERROR_INVALID);
  g_assert_cmpuint (problems->len, ==, 1);
  JbIntakeProblem *p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->row, ==, 2);  /* counted from 1, the header's row too */
  g_assert_cmpint (p->column, ==, 2);
  g_assert_nonnull (strstr (p->message, "check character"));
}

/* From a worker thread, as the dialog runs it: progress up to 1, and a
 * cancel leaves nothing behind, whether it comes while the rows are read or
 * while what their bulk saves deferred is built (past two thirds). */
static void
test_progress_cancel (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("需求名称,需求单位\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "需求 %u,单位 %u\n", i, i % 50);
  g_autofree char *path = path_in (f, "many.csv");
  g_file_set_contents (path, text->str, (gssize) text->len, NULL);

  static const int cancels[] = { 1, 668, 0 };
  for (guint c = 0; c < G_N_ELEMENTS (cancels); c++)
    {
      int cancel = cancels[c];
      g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, 0);
      g_autoptr (GCancellable) cancellable = g_cancellable_new ();
      g_object_set_data (G_OBJECT (cancellable), "cancel", GINT_TO_POINTER (cancel));
      g_object_set_data (G_OBJECT (cancellable), "store", f->store);
      g_autoptr (GError) error = NULL;
      JbImportSummary summary;
      gboolean ok = jb_intake_import (intake, f->store, cancellable, on_progress, cancellable,
                                      &summary, NULL, &error);
      if (cancel)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_false (ok);
          /* Cancelled past two thirds: all rows were saved, and undone. */
          int rows = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "rows"));
          if (cancel > 1)
            g_assert_cmpint (rows, ==, 3000);
          else
            g_assert_cmpint (rows, <, 3000);
          g_clear_error (&error);
          g_assert_true (jb_store_check_index (f->store, &error));
          g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 0);
          g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 0);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpint (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cancellable), "last")),
                           ==, 1000);
          g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 3000);
          g_assert_cmpint (jb_store_count (f->store, JB_KIND_ORGANIZATION), ==, 50);
        }
    }
}

/* The form in Chinese: Chinese headers, 万元, Chinese choices — and it comes
 * back mapped even when the user who imports it reads English. */
static void
test_template_chinese (Fixture *f, gconstpointer data)
{
  /* GLib decides once per process whether to translate: the form is
   * written by a child started in Chinese. */
  if (g_test_subprocess ())
    {
      g_autoptr (GFile) out = g_file_new_for_path (g_getenv ("JB_TEMPLATE_PATH"));
      g_assert_true (jb_xlsx_write_template (out, NULL));
      return;
    }
  g_autofree char *path = path_in (f, "表.xlsx");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *locale = g_strdup (setlocale (LC_ALL, NULL));
  /* As the Chinese UI tests: a missing locale fails, it does not skip. */
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    g_error ("the zh_CN.UTF-8 locale is missing: generate it (locale-gen) to run this test");
  setlocale (LC_ALL, locale);
  g_setenv ("JB_TEMPLATE_PATH", path, TRUE);
  g_setenv ("JB_TEST_CHINESE", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("JB_TEST_CHINESE");
  g_unsetenv ("JB_TEMPLATE_PATH");
  g_test_trap_assert_passed ();

  g_autoptr (JbWorkbook) wb = jb_workbook_open (file, NULL, &error);
  g_assert_no_error (error);
  /* The translations are built before this test runs (tests/meson.build). */
  g_assert_cmpstr (jb_workbook_get_sheet_name (wb, 0), ==, "需求征集表");
  g_assert_cmpstr (jb_workbook_get_sheet_name (wb, 1), ==, "填表说明");
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (wb, 0, collect_line, lines, NULL, &error));
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "企业创新需求征集表");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, 1),
                                   "需求名称|需求单位名称|统一社会信用代码|机构属性|所在区|"));
  g_assert_nonnull (strstr (g_ptr_array_index (lines, 1), "|拟投入资金（万元）|"));
  /* The choices the form offers, as its hidden sheet lists them. */
  g_autoptr (GPtrArray) lists = g_ptr_array_new_with_free_func (g_free);
  g_assert_true (jb_workbook_read_sheet (wb, 2, collect_line, lists, NULL, &error));
  g_auto (GStrv) first = g_strsplit (g_ptr_array_index (lists, 0), "|", -1);
  g_assert_cmpstr (first[0], ==, "企业");   /* kinds of organization */
  g_assert_cmpstr (first[1], ==, "新能源"); /* industry fields */
  g_assert_cmpstr (first[2], ==, "技术转让"); /* cooperation modes */

  g_auto (GStrv) header = g_strsplit (g_ptr_array_index (lines, 1), "|", -1);
  const char *head[18] = { NULL };
  for (guint i = 0; i < 17; i++)
    head[i] = header[i];
  g_auto (GStrv) second = g_strsplit (g_ptr_array_index (lists, 2), "|", -1);
  const char * const row[] = { "储能电池热管理", "示范企业", "", second[0], "闵行区", "", "", "",
                               first[1], "储能、热管理", "", "", "", "", "#12.5", second[2],
                               "@2026-12-31", NULL };
  const char * const title[] = { g_ptr_array_index (lines, 0), NULL };
  const char * const * const rows[] = { title, head, row, NULL };
  TestSheet filled = { "需求征集表", rows, 17 };
  g_autofree char *filled_path = path_in (f, "已填.xlsx");
  write_xlsx (filled_path, &filled, 1);

  g_autoptr (JbIntake) intake = open_sheet (filled_path, JB_KIND_DEMAND, 0);
  for (guint col = 0; col < jb_intake_get_n_columns (intake); col++)
    g_assert_cmpstr (jb_intake_get_target (intake, col), !=, JB_INTAKE_NOTES);
  JbImportSummary summary;
  import_ok (intake, f->store, &summary);
  gint64 id = jb_store_find (f->store, JB_KIND_DEMAND, (const char *[]) { "title" },
                             (const char *[]) { "储能电池热管理" }, 1, NULL);
  g_autoptr (JbRecord) d = jb_store_load (f->store, JB_KIND_DEMAND, id, NULL);
  g_assert_cmpint (jb_record_get_int_by_name (d, "investment"), ==, 12500000);
  g_assert_cmpstr (jb_record_get_text_by_name (d, "industry"), ==, "new_energy");
  g_assert_cmpstr (jb_record_get_text_by_name (d, "coop_mode"), ==, "joint");
  g_autoptr (JbRecord) o = jb_store_load (f->store, JB_KIND_ORGANIZATION,
                                          jb_record_get_int_by_name (d, "owner_id"), NULL);
  g_assert_cmpstr (jb_record_get_text_by_name (o, "kind"), ==, "university");
}

/* A GB18030 table whose first 64 KB are ASCII is still read as GB18030. */
static void
test_late_gb18030 (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) text = g_string_new ("title,owner\n");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "Demand number %u,Owner %u\n", i, i % 7);
  g_string_append (text, "储能电池,上海锂能科技有限公司\n");
  gsize len;
  g_autofree char *gb = g_convert (text->str, (gssize) text->len, "GB18030", "UTF-8", NULL, &len,
                                   NULL);
  g_assert_cmpuint (len, >, 65536 + 100);
  g_autofree char *path = path_in (f, "late.csv");
  g_file_set_contents (path, gb, (gssize) len, NULL);
  g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, 0);
  JbImportSummary summary;
  import_ok (intake, f->store, &summary);
  g_assert_cmpint (jb_store_find (f->store, JB_KIND_ORGANIZATION, (const char *[]) { "name" },
                                  (const char *[]) { "上海锂能科技有限公司" }, 1, NULL), >, 0);
}

/* Dates as Excel stores them: serials under a date style, built-in or custom,
 * in the 1900 or the 1904 system; shared strings with rich text runs. */
static void
test_xlsx_dates (Fixture *f, gconstpointer data)
{
  static const char styles[] =
    "<styleSheet><numFmts count=\"1\"><numFmt numFmtId=\"176\" "
    "formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
    "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/>"
    "</cellXfs></styleSheet>";
  static const char strings[] =
    "<sst><si><t>需求名称</t></si><si><r><t>需求</t></r><r><t>单位</t></r>"
    "<rPh><t>ふりがな</t></rPh></si><si><t>截止日期</t></si><si><t>意向投入</t></si>"
    "<si><t xml:space=\"preserve\"> 某公司 </t></si></sst>";
  static const char sheet[] =
    "<worksheet><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲</t></is></c>"
    "<c r=\"B2\" t=\"s\"><v>4</v></c><c r=\"C2\" s=\"1\"><v>%s</v></c>"
    "<c r=\"D2\"><f>SUM(1,2)</f><v>3</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"str\"><f>A2&amp;\"乙\"</f><v>甲乙</v></c>"
    "<c r=\"B3\" t=\"s\"><v>4</v></c><c r=\"C3\" s=\"2\"><v>%s</v></c></row>"
    "</sheetData></worksheet>";
  struct { gboolean s1904; const char *serial2, *serial3; } cases[] = {
    { FALSE, "45107", "45108.5" }, { TRUE, "43645", "43646" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *workbook_xml = g_strdup_printf (
        "<workbook xmlns:r=\"r\"><workbookPr date1904=\"%s\"/><sheets>"
        "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        cases[i].s1904 ? "1" : "false");
      g_autofree char *sheet_xml = g_strdup_printf (sheet, cases[i].serial2, cases[i].serial3);
      const char *names[] = { "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                              "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml" };
      const char *contents[] = {
        workbook_xml,
        "<Relationships><Relationship Id=\"rId1\" Target=\"/xl/worksheets/sheet1.xml\"/>"
        "</Relationships>", styles, strings, sheet_xml,
      };
      g_autofree char *path = path_in (f, "dates.xlsx");
      write_zip (path, names, contents, NULL, 5);
      g_autoptr (JbIntake) intake = open_sheet (path, JB_KIND_DEMAND, 0);
      g_assert_cmpstr (jb_intake_get_header (intake, 1), ==, "需求单位");
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) rows = jb_intake_preview (intake, f->store, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 2);
      JbIntakeRow *r2 = g_ptr_array_index (rows, 0), *r3 = g_ptr_array_index (rows, 1);
      g_assert_cmpuint (r2->problems->len, ==, 0);
      g_assert_cmpstr (jb_record_get_text_by_name (r2->record, "deadline"), ==, "2023-06-30");
      g_assert_cmpstr (jb_record_get_text_by_name (r3->record, "deadline"), ==, "2023-07-01");
      g_assert_cmpstr (jb_record_get_title (r3->record), ==, "甲乙");
      g_assert_cmpint (jb_record_get_int_by_name (r2->record, "investment"), ==, 300);
      g_assert_cmpstr (jb_record_get_text_by_name (r2->organization, "name"), ==, "某公司");
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  /* test_template_chinese's child: in Chinese from the start. */
  if (g_getenv ("JB_TEST_CHINESE"))
    {
      setlocale (LC_ALL, "zh_CN.UTF-8");
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
    }
  g_autofree char *c1 = credit_code ("91310112MA1GB3XK7");
  g_autofree char *c2 = credit_code ("91310000132205640");
  g_strlcpy (code1, c1, sizeof code1);
  g_strlcpy (code2, c2, sizeof code2);
  /* tests/make-xls-fixtures.sh: the workbook LibreOffice turns into .xls. */
  if (argc == 3 && strcmp (argv[1], "--write-xlsx") == 0)
    {
      write_xlsx (argv[2], workbook, 2);
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  jb_environment_init ();

  struct { const char *name; Format format; } formats[] = {
    { "xlsx", XLSX }, { "ods", ODS }, { "xls", XLS }, { "csv-utf8", CSV },
    { "csv-bom", CSV_BOM }, { "csv-gb18030", CSV_GB18030 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sheet/format/%s", formats[i].name);
      g_test_add (name, Fixture, GINT_TO_POINTER (formats[i].format), set_up, test_format,
                  tear_down);
    }
  g_test_add ("/sheet/reimport", Fixture, NULL, set_up, test_reimport, tear_down);
  g_test_add ("/sheet/preview", Fixture, NULL, set_up, test_preview_and_overrides, tear_down);
  g_test_add ("/sheet/all-or-nothing", Fixture, NULL, set_up, test_all_or_nothing, tear_down);
  g_test_add ("/sheet/template", Fixture, NULL, set_up, test_template, tear_down);
  g_test_add ("/sheet/template-chinese", Fixture, NULL, set_up, test_template_chinese,
              tear_down);
  g_test_add ("/sheet/kinds", Fixture, NULL, set_up, test_kinds, tear_down);
  g_test_add ("/sheet/content-not-name", Fixture, NULL, set_up, test_content_not_name,
              tear_down);
  g_test_add ("/sheet/cli", Fixture, NULL, set_up, test_cli, tear_down);
  g_test_add_func ("/sheet/parsers", test_parsers);
  g_test_add ("/sheet/late-gb18030", Fixture, NULL, set_up, test_late_gb18030, tear_down);
  g_test_add ("/sheet/xlsx-dates", Fixture, NULL, set_up, test_xlsx_dates, tear_down);
  g_test_add ("/sheet/rule-said-once", Fixture, NULL, set_up, test_rule_said_once, tear_down);
  g_test_add ("/sheet/progress-cancel", Fixture, NULL, set_up, test_progress_cancel, tear_down);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups from the window (issue 9): the copy an import makes first,
 * Restore from Backup… restoring it and then undoing the restore, every page
 * following, and the number kept set in Preferences.  Runs under Xvfb. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "ui-test-util.h"
#include "test-util.h"
#include "jb-a11y.h"
#include "jb-backup-dialog.h"
#include "jb-date.h"
#include "jb-exchange-dialog.h"
#include "jb-exchange.h"
#include "jb-preferences-dialog.h"
#include "jb-record-browser.h"
#include "jb-store-backup.h"
#include "jb-window.h"

typedef UiTestFixture Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  ui_test_fixture_set_up (f, "jb-restore-XXXXXX", "restore.db", FALSE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  ui_test_fixture_tear_down (f);
}

static gint64
saved (JbStore *store, JbRecord *record)
{
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_save (store, record, JB_SAVE_DEFAULT, &error));
  g_assert_no_error (error);
  return jb_record_get_id (record);
}

static gint64
new_org (Fixture *f, const char *name)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_ORGANIZATION);
  jb_record_set_text_by_name (r, "name", name);
  jb_record_set_text_by_name (r, "kind", "enterprise");
  jb_record_set_text_by_name (r, "province", "shanghai");
  return saved (f->store, r);
}

static char *
uuid_of (Fixture *f, JbKindId kind, gint64 id)
{
  g_autoptr (JbRecord) r = jb_store_load (f->store, kind, id, NULL);
  g_assert_nonnull (r);
  return g_strdup (jb_record_get_uuid (r));
}

/* Whether the record @uuid is in the store (row ids come back after a
 * delete: they say nothing). */
static gboolean
has (Fixture *f, const char *uuid)
{
  return jb_store_id_for_uuid (f->store, JB_KIND_DEMAND, uuid) != 0;
}

static gint64
new_demand (Fixture *f, gint64 owner, const char *title)
{
  g_autoptr (JbRecord) r = jb_record_new (JB_KIND_DEMAND);
  jb_record_set_text_by_name (r, "title", title);
  jb_record_set_int_by_name (r, "owner_id", owner);
  jb_record_set_text_by_name (r, "status", "draft");
  jb_record_set_text_by_name (r, "industry", "new_energy");
  return saved (f->store, r);
}

static void
on_finished (GtkWindow *dialog, gboolean success, int *outcome)
{
  *outcome = success ? 1 : 0;
}

/* Imports @file through the window's import dialog, as Import… does. */
static void
import_through_window (Fixture *f, GFile *file)
{
  JbExchangeDialog *dialog = jb_exchange_dialog_import (GTK_WINDOW (f->window), f->store, file);
  int outcome = -1;
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  /* The worker's end, not a time: the dialog's progress poll keeps the loop
   * turning until then. */
  while (outcome < 0)
    g_main_context_iteration (NULL, TRUE);
  if (outcome != 1)
    g_error ("import failed: %s", jb_exchange_dialog_get_message (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_test_pump ();
}

static GFile *
export_file (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_exchange_export (f->store, file, NULL, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static guint
demands_shown (Fixture *f)
{
  g_autoptr (GArray) ids = jb_record_browser_get_shown_ids (jb_window_get_browser (f->window,
                                                                                 JB_KIND_DEMAND));
  return ids->len;
}

static gboolean
save_as_new_offered (Fixture *f)
{
  JbRecordEditor *editor = jb_record_browser_get_editor (jb_window_get_browser (f->window,
                                                                               JB_KIND_DEMAND));
  GtkWidget *button = ui_test_find_actionable (GTK_WIDGET (editor), "editor.save-as-new", NULL);
  g_assert_nonnull (button);
  return gtk_widget_get_visible (button) && gtk_widget_get_visible (gtk_widget_get_parent (
    gtk_widget_get_parent (button)));
}

static char *
row_name (GtkListBox *list, int index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  g_assert_nonnull (row);
  return ui_test_accessible_name (GTK_ACCESSIBLE (row));
}

/* The question a restore asks first, shown over the backups, or NULL. */
static GtkMessageDialog *
confirmation (void)
{
  GtkWidget *w = ui_test_shown_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  return w ? GTK_MESSAGE_DIALOG (w) : NULL;
}

/* "1 Dec 2026 10:15", as the question names the copy @index of the list. */
static char *
when_of (Fixture *f, int index)
{
  g_autoptr (GPtrArray) backups = jb_store_backup_list (f->store, TRUE, NULL);
  g_assert_cmpuint (backups->len, >, (guint) index);
  JbBackup *backup = g_ptr_array_index (backups, index);
  g_autoptr (GDateTime) local = g_date_time_to_local (backup->time);
  g_autofree char *iso = g_date_time_format (local, "%F");
  g_autofree char *date = jb_date_format (iso);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date, time);
}

/* Presses Restore with the row @index chosen, as a person would, and
 * returns the question it asks (checked: it names the copy, says what
 * happens, and its buttons have names); nothing is restored yet. */
static GtkMessageDialog *
ask_restore (Fixture *f, JbBackupDialog *dialog, int index)
{
  GtkListBox *list = jb_backup_dialog_get_list (dialog);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, index));
  ui_test_pump ();
  GtkWidget *restore = ui_test_find_button (GTK_WIDGET (dialog), _("_Restore"));
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_get_sensitive (restore));
  g_assert_null (confirmation ());
  ui_test_click (restore);

  GtkMessageDialog *question = confirmation ();
  g_assert_nonnull (question);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (question)));
  g_autofree char *text = NULL, *secondary = NULL;
  g_object_get (question, "text", &text, "secondary-text", &secondary, NULL);
  g_test_message ("%s / %s", text, secondary);
  g_autofree char *when = when_of (f, index);
  g_assert_nonnull (strstr (text, when));
  g_assert_nonnull (secondary);
  g_assert_cmpstr (secondary, !=, "");
  ui_test_check_names (GTK_WIDGET (question));
  GtkWidget *yes = ui_test_find_button (GTK_WIDGET (question), _("_Restore"));
  GtkWidget *no = ui_test_find_button (GTK_WIDGET (question), _("_Cancel"));
  g_assert_nonnull (yes);
  g_assert_nonnull (no);
  g_assert_true (gtk_widget_has_css_class (yes, "destructive-action"));
  g_autofree char *yes_name = ui_test_accessible_name (GTK_ACCESSIBLE (yes));
  g_autofree char *no_name = ui_test_accessible_name (GTK_ACCESSIBLE (no));
  g_autofree char *yes_expected = jb_a11y_strip_mnemonic (_("_Restore"));
  g_autofree char *no_expected = jb_a11y_strip_mnemonic (_("_Cancel"));
  g_assert_cmpstr (yes_name, ==, yes_expected);
  g_assert_cmpstr (no_name, ==, no_expected);
  return question;
}

/* Restores the row @index as a person would: Restore, then Restore in the
 * question. */
static void
restore_row (Fixture *f, JbBackupDialog *dialog, int index)
{
  GtkMessageDialog *question = ask_restore (f, dialog, index);
  int outcome = -1;
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);
  ui_test_click (ui_test_find_button (GTK_WIDGET (question), _("_Restore")));
  g_assert_null (confirmation ());
  /* The worker's end: its result comes back through the main loop. */
  while (outcome < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, id);
  ui_test_pump ();
  if (outcome != 1)
    g_error ("restore failed: %s", jb_backup_dialog_get_message (dialog));
}

static void
test_restore_through_dialog (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f, "上海锅炉厂有限公司");
  new_demand (f, owner, "电站锅炉智能运维");
  gint64 second = new_demand (f, owner, "锅炉烟气余热回收");
  g_autofree char *second_uuid = uuid_of (f, JB_KIND_DEMAND, second);
  g_autoptr (GFile) file = export_file (f, "mine.xml");

  /* The import makes its dated copy first. */
  import_through_window (f, file);
  g_autoptr (GPtrArray) made = jb_store_backup_list (f->store, TRUE, NULL);
  g_assert_cmpuint (made->len, ==, 1);
  JbBackup *copy = g_ptr_array_index (made, 0);
  g_assert_cmpstr (copy->reason, ==, JB_BACKUP_IMPORT);
  g_assert_cmpint (copy->counts[JB_KIND_DEMAND], ==, 2);

  /* What happens afterwards: one demand deleted, another added and open. */
  g_autoptr (GError) error = NULL;
  g_assert_true (jb_store_delete (f->store, JB_KIND_DEMAND, second, &error));
  g_assert_no_error (error);
  gint64 third = new_demand (f, owner, "导入后新增的需求");
  g_autofree char *third_uuid = uuid_of (f, JB_KIND_DEMAND, third);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "open-record",
                                  g_variant_new ("(ux)", (guint32) JB_KIND_DEMAND, third));
  ui_test_pump ();
  g_assert_cmpuint (demands_shown (f), ==, 2);
  g_assert_false (save_as_new_offered (f));

  /* Restore from Backup… in the main menu. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "restore-backup", NULL);
  ui_test_pump ();
  JbBackupDialog *dialog = JB_BACKUP_DIALOG (ui_test_shown_toplevel (JB_TYPE_BACKUP_DIALOG));
  g_assert_nonnull (dialog);
  ui_test_check_names (GTK_WIDGET (dialog));
  GtkListBox *list = jb_backup_dialog_get_list (dialog);
  g_autofree char *name = row_name (list, 0);
  g_test_message ("row: %s", name);
  g_assert_nonnull (strstr (name, _("Before an import")));
  g_autofree char *two = g_strdup_printf ("%s 2", _("Demands"));
  g_assert_nonnull (strstr (name, two));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  restore_row (f, dialog, 0);
  g_test_message ("%s", jb_backup_dialog_get_message (dialog));
  g_assert_cmpstr (jb_backup_dialog_get_message (dialog), !=, "");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
  g_assert_true (has (f, second_uuid));
  g_assert_false (has (f, third_uuid));
  /* The window's pages follow: the table, and the form of the demand that
   * the backup does not have. */
  g_assert_cmpuint (demands_shown (f), ==, 2);
  g_assert_true (save_as_new_offered (f));

  /* The restore is undone by restoring the copy it made first, listed on
   * top. */
  g_autofree char *undo_name = row_name (list, 0);
  g_assert_nonnull (strstr (undo_name, _("Before a restore")));
  g_autofree char *undo_title = g_strndup (undo_name, strcspn (undo_name, ","));
  g_assert_nonnull (strstr (jb_backup_dialog_get_message (dialog), undo_title));
  restore_row (f, dialog, 0);
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
  g_assert_true (has (f, third_uuid));
  g_assert_false (has (f, second_uuid));
  g_assert_false (save_as_new_offered (f));
  g_assert_cmpuint (demands_shown (f), ==, 2);

  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_pump ();
  g_assert_null (ui_test_shown_toplevel (JB_TYPE_BACKUP_DIALOG));
}

/* Cancel in the question leaves everything as it was: the records, the
 * backups (not even the copy a restore makes first) and the dialog, ready to
 * choose again; Return on a row asks the same question. */
static void
test_restore_cancelled (Fixture *f, gconstpointer data)
{
  gint64 owner = new_org (f, "威高(上海)国际研究院");
  gint64 first = new_demand (f, owner, "医用高分子材料改性");
  g_autofree char *first_uuid = uuid_of (f, JB_KIND_DEMAND, first);
  g_autoptr (GFile) file = export_file (f, "mine.xml");
  import_through_window (f, file);
  /* Entered after the copy: what a restore would take away. */
  gint64 later = new_demand (f, owner, "手术机器人力反馈");
  g_autofree char *later_uuid = uuid_of (f, JB_KIND_DEMAND, later);

  g_action_group_activate_action (G_ACTION_GROUP (f->window), "restore-backup", NULL);
  ui_test_pump ();
  JbBackupDialog *dialog = JB_BACKUP_DIALOG (ui_test_shown_toplevel (JB_TYPE_BACKUP_DIALOG));
  g_assert_nonnull (dialog);
  int outcome = -1;
  g_signal_connect (dialog, "finished", G_CALLBACK (on_finished), &outcome);

  GtkMessageDialog *question = ask_restore (f, dialog, 0);
  ui_test_click (ui_test_find_button (GTK_WIDGET (question), _("_Cancel")));
  g_assert_null (confirmation ());
  g_assert_cmpint (outcome, ==, -1);
  g_assert_cmpstr (jb_backup_dialog_get_message (dialog), ==, "");
  g_assert_cmpint (jb_store_count (f->store, JB_KIND_DEMAND), ==, 2);
  g_assert_true (has (f, first_uuid));
  g_assert_true (has (f, later_uuid));
  g_autoptr (GPtrArray) backups = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpuint (demands_shown (f), ==, 2);
  /* Still there to choose from, Restore still offered. */
  GtkWidget *restore = ui_test_find_button (GTK_WIDGET (dialog), _("_Restore"));
  g_assert_true (gtk_widget_get_sensitive (restore));

  /* Return (or a double click) on the row asks too, and Cancel again. */
  GtkListBox *list = jb_backup_dialog_get_list (dialog);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  ui_test_pump ();
  question = confirmation ();
  g_assert_nonnull (question);
  ui_test_click (ui_test_find_button (GTK_WIDGET (question), _("_Cancel")));
  g_assert_null (confirmation ());
  g_assert_cmpint (outcome, ==, -1);
  g_assert_true (has (f, later_uuid));
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (backups->len, ==, 1);

  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_pump ();
}

/* The number kept is the Preferences' and an import's copy obeys it. */
static void
test_preferences_keep (Fixture *f, gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_settings_reset (settings, "backups-keep");
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "preferences", NULL);
  ui_test_pump ();
  JbPreferencesDialog *dialog = JB_PREFERENCES_DIALOG (ui_test_shown_toplevel (
    JB_TYPE_PREFERENCES_DIALOG));
  g_assert_nonnull (dialog);
  ui_test_check_names (GTK_WIDGET (dialog));
  GtkSpinButton *keep = jb_preferences_dialog_get_keep (dialog);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (keep), ==, JB_BACKUP_KEEP_DEFAULT);
  g_autofree char *keep_name = ui_test_accessible_name (GTK_ACCESSIBLE (keep));
  g_assert_cmpstr (keep_name, ==, _("Backups to keep"));
  gtk_spin_button_set_value (keep, 2);
  ui_test_pump ();
  g_assert_cmpint (g_settings_get_int (settings, "backups-keep"), ==, 2);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_pump ();

  gint64 owner = new_org (f, "上海交通大学");
  new_demand (f, owner, "电站锅炉智能运维");
  g_autoptr (GFile) file = export_file (f, "again.xml");
  for (guint i = 0; i < 3; i++)
    import_through_window (f, file);
  g_autoptr (GPtrArray) list = jb_store_backup_list (f->store, FALSE, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_settings_reset (settings, "backups-keep");
}

/* The day's copy when the program opens the database, made off the main
 * thread: one, then none more that day. */
static void
test_daily (Fixture *f, gconstpointer data)
{
  /* An empty database has nothing to keep. */
  new_demand (f, new_org (f, "上海交通大学"), "电站锅炉智能运维");
  jb_window_backup_daily (f->window);
  g_autoptr (GPtrArray) list = NULL;
  /* Until the worker's copy is listed (or it failed and said so). */
  for (;;)
    {
      g_clear_pointer (&list, g_ptr_array_unref);
      list = jb_store_backup_list (f->store, TRUE, NULL);
      if (list->len > 0 || ui_test_shown_toplevel (GTK_TYPE_MESSAGE_DIALOG))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_null (ui_test_shown_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (list->len, ==, 1);
  JbBackup *daily = g_ptr_array_index (list, 0);
  g_assert_cmpstr (daily->reason, ==, JB_BACKUP_DAILY);
  g_assert_cmpint (daily->counts[JB_KIND_DEMAND], ==, 1);
  ui_test_pump ();
}

int
main (int argc, char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD(path, fn) g_test_add ("/restore/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("through-dialog", test_restore_through_dialog);
  ADD ("cancelled", test_restore_cancelled);
  ADD ("preferences-keep", test_preferences_keep);
  ADD ("daily", test_daily);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-window-files.c: the window's files (part of JbWindow, see
 * jb-window-private.h): importing exchange files and spreadsheets,
 * exporting, the table shown as CSV or .xlsx, the blank collection form. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jb-a11y.h"
#include "jb-exchange-dialog.h"
#include "jb-intake-dialog.h"
#include "jb-window-private.h"
#include "jb-xlsx.h"

static GtkFileFilter *
xml_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Jiebang exchange files (XML)"));
  gtk_file_filter_add_pattern (filter, "*.xml");
  gtk_file_filter_add_mime_type (filter, "application/xml");
  return filter;
}

/* An exchange file imports at once (all or nothing); a spreadsheet first
 * shows where its columns go. */
static void
import_file (JbWindow *self, GFile *file)
{
  if (jb_exchange_looks_like_xml (file))
    jb_exchange_dialog_import (GTK_WINDOW (self), self->store, file);
  else
    jb_intake_dialog_new (GTK_WINDOW (self), self->store, file);
}

/* What a district sends: Excel, WPS and LibreOffice workbooks, CSV. */
static const char *sheet_patterns[] = { "*.xlsx", "*.xls", "*.et", "*.ods", "*.csv" };

static GtkFileFilter *
sheet_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Spreadsheets (.xlsx, .xls, .et, .ods, .csv)"));
  for (guint i = 0; i < G_N_ELEMENTS (sheet_patterns); i++)
    gtk_file_filter_add_pattern (filter, sheet_patterns[i]);
  return filter;
}

static void
on_import_chosen (GtkNativeDialog *chooser, int response, JbWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      import_file (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                                               _("_Import"), _("_Cancel"));
  g_autoptr (GtkFileFilter) any = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) xml = xml_filter ();
  g_autoptr (GtkFileFilter) sheets = sheet_filter ();
  gtk_file_filter_set_name (any, _("Exchange files and spreadsheets"));
  gtk_file_filter_add_pattern (any, "*.xml");
  for (guint i = 0; i < G_N_ELEMENTS (sheet_patterns); i++)
    gtk_file_filter_add_pattern (any, sheet_patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), any);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_chosen (GtkNativeDialog *chooser, int response, JbWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *scope = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "scope");
      JbRecordBrowser *demands = jb_window_get_browser (self, JB_KIND_DEMAND);
      g_autoptr (GArray) ids = g_strcmp0 (scope, "shown") == 0
                               ? jb_record_browser_get_shown_ids (demands) : NULL;
      jb_exchange_dialog_export (GTK_WINDOW (self), self->store, file, ids);
    }
  g_object_unref (chooser);
}

static void
export_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));
  const char *ids[] = { "all", "shown", NULL };
  const char *labels[] = { C_("export scope", "Everything"),
                           _("Only the demands shown, with the records they refer to"), NULL };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "jiebang-%Y-%m-%d.xml");
  g_autoptr (GtkFileFilter) filter = xml_filter ();

  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "scope", _("What to export"), ids,
                               labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "scope", "all");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_message (JbWindow *self, GtkMessageType type, const char *text, const char *detail)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              type, GTK_BUTTONS_CLOSE, "%s", text);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
on_csv_chosen (GtkNativeDialog *chooser, int response, JbWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_file_get_parse_name (file);
      /* The type chosen, or the one the name says. */
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
      gboolean xlsx = g_str_has_suffix (name, ".xlsx") ||
                      (filter && g_object_get_data (G_OBJECT (filter), "jb-xlsx"));
      g_autofree char *local = g_file_get_path (file);
      if (xlsx && local && !g_str_has_suffix (local, ".xlsx"))
        {
          /* The suggested name ends in .csv: the type chosen wins. */
          if (g_str_has_suffix (local, ".csv"))
            local[strlen (local) - strlen (".csv")] = '\0';
          g_autofree char *path = g_strconcat (local, ".xlsx", NULL);
          g_autoptr (GFile) named = g_file_new_for_path (path);
          g_set_object (&file, named);
          g_free (name);
          name = g_file_get_parse_name (file);
        }
      JbRecordBrowser *browser = jb_window_current_browser (self);
      if (browser && (xlsx ? jb_record_browser_export_xlsx (browser, file, &error)
                           : jb_record_browser_export_csv (browser, file, &error)))
        {
          g_autofree char *where = g_strdup_printf (_("Saved to “%s”."), name);
          show_message (self, GTK_MESSAGE_INFO, _("Table exported"), where);
        }
      else
        show_message (self, GTK_MESSAGE_ERROR, _("Export failed"), error->message);
    }
  g_object_unref (chooser);
}

static void
export_csv_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export Table"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-%s.csv",
                                           gtk_stack_get_visible_child_name (self->stack), date);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_autoptr (GtkFileFilter) xlsx = gtk_file_filter_new ();
  gtk_file_filter_set_name (xlsx, _("Excel workbooks (.xlsx)"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  g_object_set_data (G_OBJECT (xlsx), "jb-xlsx", GINT_TO_POINTER (1));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_csv_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_offer_answered (GtkDialog *dialog, int response, JbWindow *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  if (response == GTK_RESPONSE_ACCEPT)
    import_file (self, file);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

void
jb_window_offer_import (JbWindow *self, GFile *file)
{
  /* A spreadsheet opens in the import dialog, whose preview changes
   * nothing: that is the question, with the rows to judge by. */
  if (!jb_exchange_looks_like_xml (file))
    {
      jb_intake_dialog_new (GTK_WINDOW (self), self->store, file);
      return;
    }
  g_autofree char *name = g_file_get_parse_name (file);
  /* Opening a file from a file manager must not change the database by
   * itself: the user confirms, then the import runs as File ▸ Import does. */
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                              _("Import “%s” into the database?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("A record already in the database is updated "
                                              "only when the file's copy is newer. All or "
                                              "nothing: if anything is wrong, the database "
                                              "stays as it was."));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Import"));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Import"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_offer_answered), self);
  jb_a11y_present_dialog (GTK_WINDOW (dialog));
}

static void
on_form_chosen (GtkNativeDialog *chooser, int response, JbWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_file_get_parse_name (file);
      if (jb_xlsx_write_template (file, &error))
        {
          g_autofree char *where = g_strdup_printf (_("Saved to “%s”. Send it to the "
                                                      "enterprises; filled in, it comes back "
                                                      "through Import."), name);
          show_message (self, GTK_MESSAGE_INFO, _("Collection form saved"), where);
        }
      else
        show_message (self, GTK_MESSAGE_ERROR, _("The form could not be saved"), error->message);
    }
  g_object_unref (chooser);
}

/* The blank 需求征集表 that enterprises fill in. */
static void
save_form_action (GSimpleAction *action, GVariant *param, gpointer data)
{
  JbWindow *self = data;
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save Collection Form"),
                                                               GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Save"), _("_Cancel"));
  /* TRANSLATORS: the file name offered for the blank demand collection form */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("demand-collection-form.xlsx"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_form_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry file_actions[] = {
  { "import", import_action },
  { "export", export_action },
  { "export-csv", export_csv_action },
  { "save-form", save_form_action },
};

void
jb_window_add_file_actions (JbWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions, G_N_ELEMENTS (file_actions),
                                   self);
}

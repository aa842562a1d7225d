/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-exchange.c: what import and export share, and their file handling.
 * The format itself is read in jb-xml-reader.c and written in jb-xml-writer.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <string.h>

#include "jb-exchange-private.h"
#include "jb-file.h"

G_DEFINE_QUARK (jb-exchange-error-quark, jb_exchange_error)

#define MAX_FIELDS 32

static char *element_names[JB_N_KINDS][MAX_FIELDS];

/* Exchange files never need anything outside themselves: no DTD, no entity,
 * no XInclude.  Whatever slips past the parser options stops here. */
static xmlParserInputPtr
refuse_external_entity (const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
  return NULL;
}

void
jb_exchange_init (void)
{
  static gsize done;

  if (!g_once_init_enter (&done))
    return;
  xmlInitParser ();
  xmlSetExternalEntityLoader (refuse_external_entity);
  for (guint k = 0; k < JB_N_KINDS; k++)
    {
      const JbKind *kind = jb_kind_get (k);
      g_assert (kind->n_fields <= MAX_FIELDS);
      for (guint i = 0; i < kind->n_fields; i++)
        {
          const char *name = kind->fields[i].name;
          gsize len = strlen (name);
          if (kind->fields[i].type == JB_TYPE_REF && g_str_has_suffix (name, "_id"))
            len -= strlen ("_id");
          element_names[k][i] = g_strndup (name, len);
        }
    }
  g_once_init_leave (&done, 1);
}

const char *
jb_exchange_element_name (const JbKind *kind, guint field)
{
  return element_names[kind->id][field];
}

char *
jb_import_summary_to_string (const JbImportSummary *s)
{
  /* TRANSLATORS: the summary of an import; each %u is a number of records */
  return g_strdup_printf (_("%u created, %u updated, %u unchanged, %u refused because the "
                            "database holds a newer copy"),
                          s->created, s->updated, s->unchanged, s->refused);
}

gboolean
jb_exchange_import (JbStore *store, GFile *file, GCancellable *cancellable,
                    JbProgressFunc progress, gpointer user_data, JbImportSummary *summary,
                    GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr (GFileInputStream) in = g_file_read (file, cancellable, error);
  if (in == NULL)
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  g_autoptr (GFileInfo) info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                               cancellable, NULL);
  goffset size = info && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
                 ? g_file_info_get_size (info) : -1;

  /* The transaction makes the import all or nothing; the copy made with it
   * is for the user who regrets an import that succeeded. */
  if (!jb_store_begin_import (store, error))
    return FALSE;
  gboolean ok = jb_exchange_import_in_transaction (store, G_INPUT_STREAM (in), name, size,
                                                   cancellable, progress, user_data, summary,
                                                   error);
  ok = jb_store_end_import (store, ok, error);
  if (ok && progress)
    progress (1.0, user_data);
  return ok;
}

typedef struct {
  JbStore *store;
  GArray *demand_ids;
} ExportJob;

static gboolean
write_export (GOutputStream *out, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportJob *job = data;
  return jb_exchange_export_stream (job->store, out, job->demand_ids, cancellable, error);
}

gboolean
jb_exchange_export (JbStore *store, GFile *file, GArray *demand_ids,
                    GCancellable *cancellable, GError **error)
{
  ExportJob job = { store, demand_ids };
  return jb_file_write_atomically (file, write_export, &job, cancellable, error);
}

gboolean
jb_exchange_copy (JbStore *from, JbStore *to, GCancellable *cancellable, JbProgressFunc progress,
                  gpointer user_data, JbImportSummary *summary, GError **error)
{
  /* Through a temporary file: the export reads @from in one snapshot, the
   * import writes @to in one transaction, and neither waits on the other. */
  g_autoptr (GFileIOStream) io = NULL;
  g_autoptr (GFile) tmp = g_file_new_tmp ("jiebang-copy-XXXXXX.xml", &io, error);
  if (tmp == NULL)
    return FALSE;
  g_io_stream_close (G_IO_STREAM (io), NULL, NULL);
  gboolean ok = jb_exchange_export (from, tmp, NULL, cancellable, error);
  g_autoptr (GFileInputStream) in = ok ? g_file_read (tmp, cancellable, error) : NULL;
  g_autoptr (GFileInfo) info = in ? g_file_input_stream_query_info (
                                      in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL)
                                  : NULL;
  /* One transaction, without the copy of @to an import keeps beside it: a
   * new file would get a useless twin. */
  ok = in && jb_store_begin (to, error);
  if (ok)
    {
      ok = jb_exchange_import_in_transaction (to, G_INPUT_STREAM (in),
                                              jb_store_get_location (from),
                                              info ? g_file_info_get_size (info) : -1,
                                              cancellable, progress, user_data, summary, error);
      if (ok)
        ok = jb_store_commit (to, error);
      else
        jb_store_rollback (to);
    }
  if (ok && progress)
    progress (1.0, user_data);
  g_file_delete (tmp, NULL, NULL);
  return ok;
}

gboolean
jb_exchange_looks_like_xml (GFile *file)
{
  char head[64] = { 0 };
  gsize got = 0;
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head - 1, &got,
                                              NULL, NULL))
    return TRUE;
  /* UTF-16 with its byte order mark: '<' is the next code unit. */
  if (got >= 4 && (((guchar) head[0] == 0xFF && (guchar) head[1] == 0xFE && head[2] == '<') ||
                   ((guchar) head[0] == 0xFE && (guchar) head[1] == 0xFF && head[3] == '<')))
    return TRUE;
  /* UTF-16 without it: "<?" */
  if (got >= 4 && (memcmp (head, "<\0?\0", 4) == 0 || memcmp (head, "\0<\0?", 4) == 0))
    return TRUE;
  const char *p = head;
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p && g_ascii_isspace (*p))
    p++;
  return *p == '<' || got == 0;
}

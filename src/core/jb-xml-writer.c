/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xml-writer.c: exporting records as an exchange file (xmlTextWriter).
 *
 * The output is canonical (fixed order, two-space indentation, one element per
 * line) so that export → import → export gives the same bytes. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <libxml/xmlwriter.h>

#include "jb-exchange-private.h"
#include "jb-field-type.h"
#include "jb-money.h"

typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GError *io_error;
  xmlTextWriterPtr writer;
  guint n_records;
} Export;

static int
write_cb (void *context, const char *buffer, int len)
{
  Export *ex = context;
  if (ex->io_error == NULL &&
      g_output_stream_write_all (ex->stream, buffer, (gsize) len, NULL, ex->cancellable,
                                 &ex->io_error))
    return len;
  return -1;
}

static int
close_cb (void *context)
{
  return 0;
}

/* XML 1.0 cannot carry control characters other than tab and newlines. */
static gboolean
check_text (JbRecord *record, guint field, const char *text, GError **error)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        const JbKind *kind = jb_record_get_kind (record);
        g_autofree char *heading = jb_record_get_heading (record);
        g_set_error (error, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID,
                     _("The %s “%s” cannot be exported: its field “%s” holds a control "
                       "character. Edit it and try again."),
                     _(kind->label), heading, _(kind->fields[field].label));
        return FALSE;
      }
  return TRUE;
}

static gboolean
write_record (JbRecord *record, const char * const *ref_uuids, gpointer user_data,
              GError **error)
{
  Export *ex = user_data;
  xmlTextWriterPtr w = ex->writer;
  const JbKind *kind = jb_record_get_kind (record);
  gboolean ok = TRUE;

  /* Cancellation is checked every so often, not per record: it costs a lock. */
  if (++ex->n_records % 256 == 0 && g_cancellable_set_error_if_cancelled (ex->cancellable, error))
    return FALSE;

  ok &= xmlTextWriterStartElement (w, BAD_CAST kind->name) >= 0;
  ok &= xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST jb_record_get_uuid (record)) >= 0;
  ok &= xmlTextWriterWriteAttribute (w, BAD_CAST "created",
                                     BAD_CAST jb_record_get_created (record)) >= 0;
  ok &= xmlTextWriterWriteAttribute (w, BAD_CAST "updated",
                                     BAD_CAST jb_record_get_updated (record)) >= 0;
  for (guint i = 0; ok && i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      const xmlChar *element = BAD_CAST jb_exchange_element_name (kind, i);

      if (!jb_record_is_set (record, i))
        continue;
      if (f->type == JB_TYPE_REF)
        {
          /* A dangling row id (no uuid) cannot happen with foreign keys on. */
          ok = ref_uuids[i] != NULL &&
               xmlTextWriterStartElement (w, element) >= 0 &&
               xmlTextWriterWriteAttribute (w, BAD_CAST "ref", BAD_CAST ref_uuids[i]) >= 0 &&
               xmlTextWriterEndElement (w) >= 0;
          continue;
        }
      const JbFieldTypeOps *type = jb_field_type (f->type);
      g_autofree char *text = NULL;
      if (type->unit)
        {
          /* Always two decimals: the format is fixed, not "trailing zeros trimmed". */
          gint64 fen = jb_record_get_int (record, i);
          text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / JB_FEN_PER_YUAN,
                                  (int) (fen % JB_FEN_PER_YUAN));
        }
      else
        text = jb_record_field_to_string (record, i);
      if (type->free_text && !check_text (record, i, text, error))
        return FALSE;
      ok = xmlTextWriterStartElement (w, element) >= 0 &&
           (type->unit == NULL ||
            xmlTextWriterWriteAttribute (w, BAD_CAST "currency", BAD_CAST type->unit) >= 0) &&
           xmlTextWriterWriteString (w, BAD_CAST text) >= 0 &&
           xmlTextWriterEndElement (w) >= 0;
    }
  ok = ok && xmlTextWriterEndElement (w) >= 0;
  if (!ok)
    {
      if (ex->io_error)
        g_propagate_error (error, g_steal_pointer (&ex->io_error));
      else
        {
          g_autofree char *heading = jb_record_get_heading (record);
          g_set_error (error, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID,
                       _("The %s “%s” could not be written."), _(kind->label), heading);
        }
    }
  return ok;
}

gboolean
jb_exchange_export_stream (JbStore *store, GOutputStream *stream, GArray *demand_ids,
                           GCancellable *cancellable, GError **error)
{
  Export ex = { stream, cancellable, NULL, NULL, 0 };

  jb_exchange_init ();
  xmlOutputBufferPtr buffer = xmlOutputBufferCreateIO (write_cb, close_cb, &ex, NULL);
  ex.writer = xmlNewTextWriter (buffer);
  if (ex.writer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOMEM));
      return FALSE;
    }
  xmlTextWriterSetIndent (ex.writer, 1);
  xmlTextWriterSetIndentString (ex.writer, BAD_CAST "  ");

  /* One read transaction: the file is a snapshot even while the window saves. */
  gboolean ok = jb_store_begin_read (store, error);
  if (!ok)
    {
      xmlFreeTextWriter (ex.writer);
      return FALSE;
    }
  if (demand_ids)
    ok = jb_store_select_closure (store, demand_ids, error);
  ok = ok &&
       xmlTextWriterStartDocument (ex.writer, NULL, "UTF-8", NULL) >= 0 &&
       xmlTextWriterStartElement (ex.writer, BAD_CAST "exchange") >= 0 &&
       xmlTextWriterWriteAttribute (ex.writer, BAD_CAST "xmlns",
                                    BAD_CAST JB_EXCHANGE_NAMESPACE) >= 0 &&
       xmlTextWriterWriteAttribute (ex.writer, BAD_CAST "version",
                                    BAD_CAST JB_EXCHANGE_VERSION) >= 0;
  for (guint k = 0; ok && k < JB_N_KINDS; k++)
    ok = jb_store_foreach (store, k, demand_ids != NULL, write_record, &ex, error);
  ok = ok && xmlTextWriterEndDocument (ex.writer) >= 0 && xmlTextWriterFlush (ex.writer) >= 0;
  if (!ok && error && *error == NULL)
    {
      if (ex.io_error)
        g_propagate_error (error, g_steal_pointer (&ex.io_error));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the file."));
    }
  g_clear_error (&ex.io_error);
  /* Only reads happened: committing cannot lose anything. */
  if (!jb_store_commit (store, ok ? error : NULL))
    ok = FALSE;
  xmlFreeTextWriter (ex.writer);
  return ok;
}

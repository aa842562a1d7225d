/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xml-writer.c: exporting records as an exchange file.
 *
 * The output is canonical (fixed order, two-space indentation, one element per
 * line) so that export → import → export gives the same bytes.  It is written
 * by hand into a buffer flushed in large blocks: the format is three levels of
 * elements, and libxml2's xmlTextWriter spent more time per element than the
 * store spends reading the record.  Escaping is libxml2's, byte for byte:
 * < > & " and carriage returns in text, and tabs and newlines too in
 * attribute values. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-exchange-private.h"
#include "jb-field-type.h"
#include "jb-money.h"

/* Written to the stream in blocks of this size. */
#define BLOCK (256 * 1024)

typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GString *out;
  gboolean any;       /* a record was written: the root element has content */
  guint n_records;
} Export;

static gboolean
flush (Export *ex, GError **error)
{
  gboolean ok = g_output_stream_write_all (ex->stream, ex->out->str, ex->out->len, NULL,
                                           ex->cancellable, error);
  g_string_truncate (ex->out, 0);
  return ok;
}

static void
append_escaped (GString *out, const char *text, gboolean attribute)
{
  const char *special = attribute ? "<>&\"\r\n\t" : "<>&\"\r";
  for (const char *p = text;;)
    {
      gsize n = strcspn (p, special);
      g_string_append_len (out, p, (gssize) n);
      p += n;
      switch (*p)
        {
        case '\0':
          return;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\r':
          g_string_append (out, "&#13;");
          break;
        case '\n':
          g_string_append (out, "&#10;");
          break;
        default:
          g_string_append (out, "&#9;");
          break;
        }
      p++;
    }
}

/* ' name="value"' */
static void
append_attribute (GString *out, const char *name, const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  append_escaped (out, value, TRUE);
  g_string_append_c (out, '"');
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
  GString *out = ex->out;
  const JbKind *kind = jb_record_get_kind (record);
  gboolean empty = TRUE;

  /* Cancellation is checked every so often, not per record: it costs a lock. */
  if (++ex->n_records % 256 == 0 && g_cancellable_set_error_if_cancelled (ex->cancellable, error))
    return FALSE;

  if (!ex->any)
    g_string_append (out, ">\n");
  ex->any = TRUE;
  g_string_append (out, "  <");
  g_string_append (out, kind->name);
  append_attribute (out, "id", jb_record_get_uuid (record));
  append_attribute (out, "created", jb_record_get_created (record));
  append_attribute (out, "updated", jb_record_get_updated (record));
  for (guint i = 0; i < kind->n_fields; i++)
    {
      const JbField *f = &kind->fields[i];
      const char *element = jb_exchange_element_name (kind, i);

      if (!jb_record_is_set (record, i))
        continue;
      g_string_append (out, empty ? ">\n    <" : "    <");
      empty = FALSE;
      g_string_append (out, element);
      if (f->type == JB_TYPE_REF)
        {
          /* A dangling row id (no uuid) cannot happen with foreign keys on. */
          if (ref_uuids[i] == NULL)
            {
              g_autofree char *heading = jb_record_get_heading (record);
              g_set_error (error, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID,
                           _("The %s “%s” could not be written."), _(kind->label), heading);
              return FALSE;
            }
          append_attribute (out, "ref", ref_uuids[i]);
          g_string_append (out, "/>\n");
          continue;
        }
      const JbFieldTypeOps *type = jb_field_type (f->type);
      if (type->unit)
        {
          /* Always two decimals: the format is fixed, not "trailing zeros trimmed". */
          gint64 fen = jb_record_get_int (record, i);
          append_attribute (out, "currency", type->unit);
          g_string_append_printf (out, ">%" G_GINT64_FORMAT ".%02d", fen / JB_FEN_PER_YUAN,
                                  (int) (fen % JB_FEN_PER_YUAN));
        }
      else
        {
          g_autofree char *number = type->text_value ? NULL : jb_record_field_to_string (record, i);
          const char *text = number ? number : jb_record_get_text (record, i);
          if (type->free_text && !check_text (record, i, text, error))
            return FALSE;
          g_string_append_c (out, '>');
          append_escaped (out, text, FALSE);
        }
      g_string_append (out, "</");
      g_string_append (out, element);
      g_string_append (out, ">\n");
    }
  if (empty)
    g_string_append (out, "/>\n");
  else
    {
      g_string_append (out, "  </");
      g_string_append (out, kind->name);
      g_string_append (out, ">\n");
    }
  return out->len < BLOCK || flush (ex, error);
}

gboolean
jb_exchange_export_stream (JbStore *store, GOutputStream *stream, GArray *demand_ids,
                           GCancellable *cancellable, GError **error)
{
  Export ex = { stream, cancellable, g_string_sized_new (BLOCK + 64 * 1024), FALSE, 0 };

  jb_exchange_init ();
  /* One read transaction: the file is a snapshot even while the window saves. */
  gboolean ok = jb_store_begin_read (store, error);
  if (!ok)
    {
      g_string_free (ex.out, TRUE);
      return FALSE;
    }
  if (demand_ids)
    ok = jb_store_select_closure (store, demand_ids, error);
  g_string_append (ex.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<exchange");
  append_attribute (ex.out, "xmlns", JB_EXCHANGE_NAMESPACE);
  append_attribute (ex.out, "version", JB_EXCHANGE_VERSION);
  for (guint k = 0; ok && k < JB_N_KINDS; k++)
    ok = jb_store_foreach (store, k, demand_ids != NULL, write_record, &ex, error);
  g_string_append (ex.out, ex.any ? "</exchange>\n" : "/>\n");
  ok = ok && flush (&ex, error);
  /* Only reads happened: committing cannot lose anything. */
  if (!jb_store_commit (store, ok ? error : NULL))
    ok = FALSE;
  g_string_free (ex.out, TRUE);
  return ok;
}

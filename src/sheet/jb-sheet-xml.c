/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-sheet-xml.c: the XML parts of .xlsx and .ods workbooks, read with
 * xmlTextReader as the exchange import reads its files: streamed, no DTD (a
 * DOCTYPE is refused before libxml2 sees it), no entities, no network.  Each
 * zip member may inflate to a bounded size, and all of them together too:
 * a zip bomb stops at the limit, whatever its header claims. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jb-exchange.h"
#include "jb-sheet-private.h"

struct _JbSheetXml {
  JbWorkbook *wb;
  char *path;
  GsfInput *input;
  GCancellable *cancellable;
  xmlTextReaderPtr reader;
  JbXmlProlog prolog;
  guint64 read;
  guint64 size;
  gboolean track;
  gboolean too_large;
  gboolean cancelled;
  char *xml_error;
  int xml_error_line;
};

static int
read_cb (void *context, char *buffer, int len)
{
  JbSheetXml *x = context;
  if (x->prolog.doctype_line)
    return -1;
  if (g_cancellable_is_cancelled (x->cancellable))
    {
      x->cancelled = TRUE;
      return -1;
    }
  gsf_off_t remaining = gsf_input_remaining (x->input);
  gsize n = (gsize) MIN ((gsf_off_t) len, remaining);
  if (n == 0)
    return 0;
  /* Counted as inflated, not as declared: the header may lie. */
  if (x->read + n > jb_sheet_limits.member ||
      x->wb->inflated + n > jb_sheet_limits.inflated)
    {
      x->too_large = TRUE;
      return -1;
    }
  if (gsf_input_read (x->input, n, (guint8 *) buffer) == NULL)
    return -1;
  x->read += n;
  x->wb->inflated += n;
  if (x->track && x->size)
    x->wb->progress = (double) x->read / (double) x->size;
  if (jb_xml_prolog_scan (&x->prolog, buffer, (gssize) n))
    return -1;
  return (int) n;
}

static int
close_cb (void *context)
{
  return 0;
}

static void
error_cb (void *context, xmlErrorPtr e)
{
  JbSheetXml *x = context;
  if (x->xml_error || e->level < XML_ERR_ERROR)
    return;
  x->xml_error = g_strstrip (g_strdup (e->message ? e->message : "?"));
  x->xml_error_line = e->line;
}

static gboolean
too_large (JbWorkbook *wb, const char *path, GError **error)
{
  return jb_sheet_fail (wb, error, JB_SHEET_ERROR_TOO_LARGE,
                        _("%s inflates to more than %u MB: Jiebang does not read it "
                          "(a zip bomb?)."), path,
                        (guint) (MIN (jb_sheet_limits.member, jb_sheet_limits.inflated) >> 20));
}

JbSheetXml *
jb_sheet_xml_open (JbWorkbook *wb, const char *path, gboolean required,
                   GCancellable *cancellable, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  GsfInput *node = g_object_ref (GSF_INPUT (wb->container));
  for (guint i = 0; parts[i] && node; i++)
    {
      GsfInput *child = GSF_IS_INFILE (node) && *parts[i]
                        ? gsf_infile_child_by_name (GSF_INFILE (node), parts[i]) : NULL;
      g_object_unref (node);
      node = child;
    }
  if (node == NULL || (GSF_IS_INFILE (node) && gsf_infile_num_children (GSF_INFILE (node)) > 0))
    {
      g_clear_object (&node);
      if (required)
        jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID,
                       _("The workbook lacks its part %s: it is damaged."), path);
      return NULL;
    }
  /* What the zip declares, before inflating a byte of it. */
  gsf_off_t size = gsf_input_size (node);
  if (size < 0 || (guint64) size > jb_sheet_limits.member ||
      wb->inflated + (guint64) size > jb_sheet_limits.inflated)
    {
      g_object_unref (node);
      too_large (wb, path, error);
      return NULL;
    }

  JbSheetXml *x = g_new0 (JbSheetXml, 1);
  x->wb = wb;
  x->path = g_strdup (path);
  x->input = node;
  x->size = (guint64) size;
  x->cancellable = cancellable;
  jb_xml_prolog_init (&x->prolog);
  jb_exchange_init ();  /* no external entity loader, process-wide */
  x->reader = xmlReaderForIO (read_cb, close_cb, x, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
  if (x->reader == NULL)
    {
      jb_sheet_xml_free (x);
      jb_sheet_fail (wb, error, JB_SHEET_ERROR_INVALID, _("%s is not XML: it is damaged."), path);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (x->reader, error_cb, x);
  return x;
}

void
jb_sheet_xml_track_progress (JbSheetXml *x)
{
  x->track = TRUE;
}

void
jb_sheet_xml_free (JbSheetXml *x)
{
  if (x == NULL)
    return;
  if (x->reader)
    xmlFreeTextReader (x->reader);
  g_clear_object (&x->input);
  g_free (x->path);
  g_free (x->xml_error);
  g_free (x);
}

xmlTextReaderPtr
jb_sheet_xml_reader (JbSheetXml *x)
{
  return x->reader;
}

static int
fail_reading (JbSheetXml *x, GError **error)
{
  if (x->cancelled)
    g_cancellable_set_error_if_cancelled (x->cancellable, error);
  else if (x->too_large)
    too_large (x->wb, x->path, error);
  else if (x->prolog.doctype_line)
    jb_sheet_fail (x->wb, error, JB_SHEET_ERROR_INVALID,
                   _("%s has a document type declaration (DOCTYPE), which workbooks never "
                     "have: Jiebang does not read it."), x->path);
  else
    jb_sheet_fail (x->wb, error, JB_SHEET_ERROR_INVALID,
                   _("%s is damaged (line %d: %s)."), x->path, MAX (x->xml_error_line, 1),
                   x->xml_error ? x->xml_error : _("it ends too early"));
  return -1;
}

static int
check_node (JbSheetXml *x, int rc, GError **error);

int
jb_sheet_xml_next (JbSheetXml *x, GError **error)
{
  return check_node (x, xmlTextReaderRead (x->reader), error);
}

int
jb_sheet_xml_skip (JbSheetXml *x, GError **error)
{
  return check_node (x, xmlTextReaderNext (x->reader), error);
}

static int
check_node (JbSheetXml *x, int rc, GError **error)
{
  if (rc < 0 || (rc == 0 && (x->too_large || x->cancelled || x->prolog.doctype_line)))
    return fail_reading (x, error);
  if (rc == 0)
    return 0;
  int type = xmlTextReaderNodeType (x->reader);
  if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
      type == XML_READER_TYPE_ENTITY)
    {
      jb_sheet_fail (x->wb, error, JB_SHEET_ERROR_INVALID,
                     _("%s uses entities, which workbooks never do: Jiebang does not read "
                       "it."), x->path);
      return -1;
    }
  return 1;
}

gboolean
jb_sheet_xml_text (JbSheetXml *x, GString *out, const char *skip, GError **error)
{
  if (xmlTextReaderIsEmptyElement (x->reader))
    return TRUE;
  int depth = xmlTextReaderDepth (x->reader);
  int skip_depth = -1;
  int rc;
  while ((rc = jb_sheet_xml_next (x, error)) == 1)
    {
      int type = xmlTextReaderNodeType (x->reader);
      int d = xmlTextReaderDepth (x->reader);
      if (type == XML_READER_TYPE_END_ELEMENT && d == depth)
        return TRUE;
      if (skip_depth >= 0)
        {
          if (type == XML_READER_TYPE_END_ELEMENT && d == skip_depth)
            skip_depth = -1;
          continue;
        }
      if (type == XML_READER_TYPE_ELEMENT && skip &&
          strcmp (jb_sheet_xml_name (x), skip) == 0)
        {
          if (!xmlTextReaderIsEmptyElement (x->reader))
            skip_depth = d;
          continue;
        }
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        {
          const char *text = (const char *) xmlTextReaderConstValue (x->reader);
          gsize len = text ? strlen (text) : 0;
          /* Bytes, not characters: a Chinese character takes three. */
          if (out->len + len > JB_SHEET_MAX_CELL * 4)
            {
              jb_sheet_fail (x->wb, error, JB_SHEET_ERROR_TOO_LARGE,
                             _("%s has a text longer than %u characters."), x->path,
                             JB_SHEET_MAX_CELL);
              return FALSE;
            }
          g_string_append_len (out, text, (gssize) len);
        }
    }
  if (rc == 0)
    fail_reading (x, error);
  return FALSE;
}

const char *
jb_sheet_xml_name (JbSheetXml *x)
{
  return (const char *) xmlTextReaderConstLocalName (x->reader);
}

char *
jb_sheet_xml_attr (JbSheetXml *x, const char *name)
{
  char *found = NULL;
  if (xmlTextReaderMoveToFirstAttribute (x->reader) != 1)
    return NULL;
  do
    {
      const char *local = (const char *) xmlTextReaderConstLocalName (x->reader);
      if (local && strcmp (local, name) == 0)
        {
          found = g_strdup ((const char *) xmlTextReaderConstValue (x->reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (x->reader) == 1);
  xmlTextReaderMoveToElement (x->reader);
  return found;
}

gboolean
jb_sheet_xml_is_element (JbSheetXml *x, const char *name)
{
  return xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_ELEMENT &&
         strcmp (jb_sheet_xml_name (x), name) == 0;
}

gboolean
jb_sheet_xml_is_end (JbSheetXml *x, const char *name)
{
  return xmlTextReaderNodeType (x->reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp (jb_sheet_xml_name (x), name) == 0;
}

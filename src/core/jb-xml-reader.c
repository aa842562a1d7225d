/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xml-reader.c: importing an exchange file (xmlTextReader).
 *
 * Every file is treated as hostile.  The reader streams, so memory stays
 * bounded; libxml2 gets no DTD, no entities, no network and no XInclude, a
 * DOCTYPE is refused outright, and the document may be three levels deep:
 * <exchange>, a record, its fields.  Records are saved through the store as
 * they are read, inside one transaction, so an error anywhere leaves the
 * database as it was. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "jb-date.h"
#include "jb-exchange-private.h"
#include "jb-field-type.h"
#include "jb-money.h"
#include "jb-xml-prolog.h"

/* Far above any field's limit (the store's rules check those, with a kinder
 * message); this only stops a hostile file from filling memory. */
#define MAX_VALUE_BYTES (1024 * 1024)

/* The ids of the file seen so far are kept in memory up to this many (about
 * 70 bytes each), then in the store's temporary table: a hash lookup is ten
 * times cheaper than a b-tree insert, and memory stays bounded. */
#define MAX_SEEN_IN_MEMORY 200000

static guint ids_in_memory = MAX_SEEN_IN_MEMORY;

void
jb_exchange_set_ids_in_memory (guint n)
{
  ids_in_memory = n ? n : MAX_SEEN_IN_MEMORY;
}

/* From this size on (or when the size is unknown) records are saved in bulk:
 * triggers and sort indexes dropped, the search index and the figures caught
 * up at the commit (jb-store-derived.c).  Dropping and building them again
 * costs the schema's parse twice, a few milliseconds, which a file of a few
 * hundred records does not win back. */
#define BULK_FROM_BYTES (1024 * 1024)
static goffset bulk_from = BULK_FROM_BYTES;

/* A bulk import's part of the progress that is reading the file; then
 * comes building what it deferred (jb_store_bulk_finish()) and the commit.
 * At 100 000 demands: 2.3 s reading and saving, 2.3 s building, 0.7 s
 * committing; at a million 36 s, 21 s and 7 s. */
#define READ_SHARE 0.5

void
jb_exchange_set_bulk_from (goffset bytes)
{
  bulk_from = bytes >= 0 ? bytes : BULK_FROM_BYTES;
}

typedef struct {
  JbStore *store;
  const char *name;
  GInputStream *stream;
  GCancellable *cancellable;
  goffset size;
  goffset consumed;
  JbProgressFunc progress;
  gpointer user_data;
  double reported;
  GError *io_error;
  char *xml_error;
  int xml_error_line;
  gboolean eof;           /* the stream has given everything */
  gboolean xml_error_at_end;  /* libxml2's error came from the file ending */
  xmlTextReaderPtr reader;
  JbImportSummary summary;
  GString *value;
  GHashTable *seen;  /* ids of the file, the first ids_in_memory */
  JbXmlProlog prolog;
  gboolean utf16;    /* the file is UTF-16, decoded before anything reads it */
  gboolean was_empty[JB_N_KINDS];  /* the kind's table when the import began */
  JbSaveFlags save_flags;
  double read_share;  /* of the progress, reading the file */
} Import;

enum { DEPTH_ROOT, DEPTH_RECORD, DEPTH_FIELD };

#define XSI_NAMESPACE "http://www.w3.org/2001/XMLSchema-instance"

static int
read_cb (void *context, char *buffer, int len)
{
  Import *im = context;
  if (im->prolog.doctype_line)
    return -1;
  gssize n = g_input_stream_read (im->stream, buffer, (gsize) len, im->cancellable,
                                  &im->io_error);
  if (n > 0)
    im->consumed += n;
  im->eof = n == 0;
  /* A DOCTYPE is never parsed at all, entity declarations included. */
  if (n > 0 && jb_xml_prolog_scan (&im->prolog, buffer, n))
    return -1;
  return (int) n;
}

static int
close_cb (void *context)
{
  return 0;
}

/* Keeps libxml2's first complaint, with its line, for the message. */
static void
error_cb (void *context, xmlErrorPtr e)
{
  Import *im = context;
  if (im->xml_error || e->level < XML_ERR_ERROR)
    return;
  im->xml_error = g_strstrip (g_strdup (e->message ? e->message : "?"));
  im->xml_error_line = e->line;
  /* A file cut short: libxml2 stopped with nothing but white space left to
   * parse of all there is.  Its message then depends on where the cut fell
   * ("Couldn't find end of Start Tag", "Extra content at the end of the
   * document"…): ours says what happened. */
  xmlParserCtxtPtr ctxt = e->ctxt;
  if (im->eof && ctxt && ctxt->input && ctxt->input->cur)
    {
      const xmlChar *p = ctxt->input->cur;
      while (p < ctxt->input->end && g_ascii_isspace (*p))
        p++;
      im->xml_error_at_end = p >= ctxt->input->end;
    }
}

/* libxml2 reports some errors (encodings) only to its generic handler, which
 * would print them: the structured handler above already has what matters. */
static void G_GNUC_PRINTF (2, 3)
ignore_generic_error (void *context, const char *format, ...)
{
}

/* libxml2 keeps a node's line in 16 bits.  Past 65 535 only text nodes
 * know theirs (XML_PARSE_BIG_LINES): the line where the text ends.  That
 * line (@end) or the one where it starts (less its newlines); -1 if @t is
 * not text or does not know. */
static long
text_line_at (xmlNodePtr t, gboolean end)
{
  if (t == NULL || t->type != XML_TEXT_NODE)
    return -1;
  long line = t->line < 65535 ? (long) t->line : (long) (ptrdiff_t) t->psvi;
  if (line <= 0)
    return -1;
  for (const xmlChar *p = t->content; !end && p && *p; p++)
    line -= *p == '\n';
  return line;
}

/* The line where the current node starts.  An element past line 65 535
 * (for which xmlGetLineNo() gives the line where its first child ends: the
 * next line, for a record) starts where the text before it ends, or where
 * the text in it or after it starts; failing those, where its parent does. */
static int
current_line (Import *im)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (im->reader);
  long line = -1;

  for (int depth = 0; node && depth < 8 && line < 0; depth++, node = node->parent)
    {
      if (node->type != XML_ELEMENT_NODE || node->line < 65535)
        line = xmlGetLineNo (node);
      else if ((line = text_line_at (node->prev, TRUE)) < 0 &&
               (line = text_line_at (node->children, FALSE)) < 0)
        line = text_line_at (node->next, FALSE);
    }
  return line > 0 ? (int) line : xmlTextReaderGetParserLineNumber (im->reader);
}

static gboolean G_GNUC_PRINTF (5, 0)
fail_valist (Import *im, GError **error, JbExchangeError code, int line, const char *format,
             va_list args)
{
  g_autofree char *what = g_strdup_vprintf (format, args);
  g_set_error (error, JB_EXCHANGE_ERROR, code, "%s:%d: %s", im->name,
               line > 0 ? line : current_line (im), what);
  return FALSE;
}

/* "FILE:LINE: what" (@line 0: the current node's). */
static gboolean G_GNUC_PRINTF (4, 5)
fail (Import *im, GError **error, int line, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  fail_valist (im, error, JB_EXCHANGE_ERROR_INVALID, line, format, args);
  va_end (args);
  return FALSE;
}

/* The same for a record that the store's rules refuse. */
static gboolean G_GNUC_PRINTF (4, 5)
refuse (Import *im, GError **error, int line, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  fail_valist (im, error, JB_EXCHANGE_ERROR_REFUSED, line, format, args);
  va_end (args);
  return FALSE;
}

/* Text nodes carry the line where they end: go back to their first word. */
static int
text_line (Import *im)
{
  const char *text = (const char *) xmlTextReaderConstValue (im->reader);
  int line = current_line (im);
  const char *p = text ? text : "";
  while (g_ascii_isspace (*p))
    p++;
  for (; *p; p++)
    line -= *p == '\n';
  return line;
}

static const char *
local_name (Import *im)
{
  return (const char *) xmlTextReaderConstLocalName (im->reader);
}

static gboolean
in_our_namespace (Import *im)
{
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (im->reader);
  return g_strcmp0 (ns, JB_EXCHANGE_NAMESPACE) == 0;
}

/* Reads the attributes of the current element, which starts at @line: each
 * name in @names (NULL terminated) into @values; any other attribute is an
 * error.  (The caller has the line: finding it past line 65 535 means
 * walking the text nodes around, which cost 5 % of an import done three
 * times a field.) */
static gboolean
read_attributes (Import *im, int line, const char * const *names, char **values,
                 GError **error)
{
  xmlTextReaderPtr r = im->reader;
  /* libxml2's dictionary keeps names for the reader's lifetime: no copy. */
  const char *element = local_name (im);
  int rc;

  while ((rc = xmlTextReaderMoveToNextAttribute (r)) == 1)
    {
      if (xmlTextReaderIsNamespaceDecl (r))
        continue;
      const char *name = local_name (im);
      /* Where a schema for the file is (valid on any element): a hint for
       * validators, nothing for us. */
      if (g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (r), XSI_NAMESPACE) == 0 &&
          (strcmp (name, "schemaLocation") == 0 || strcmp (name, "noNamespaceSchemaLocation") == 0))
        continue;
      guint i;
      for (i = 0; names[i]; i++)
        if (strcmp (names[i], name) == 0 && xmlTextReaderConstNamespaceUri (r) == NULL)
          break;
      if (names[i] == NULL)
        return fail (im, error, line, _("Unknown attribute “%s” on <%s>."),
                     (const char *) xmlTextReaderConstName (r), element);
      g_free (values[i]);
      values[i] = g_strdup ((const char *) xmlTextReaderConstValue (r));
    }
  xmlTextReaderMoveToElement (r);
  return rc == 0 || fail (im, error, line, "%s", im->xml_error ? im->xml_error : "?");
}

/* 2022-08-01T09:00:00.000000Z, as the store writes it. */
static gboolean
is_timestamp (const char *s)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  if (strlen (s) != sizeof pattern - 1)
    return FALSE;
  for (guint i = 0; pattern[i]; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (s[i]) : s[i] != pattern[i])
      return FALSE;
  /* Digits are checked: atoi cannot go wrong here.  (jb_date_normalize would
   * do, but it reads every form of date and costs 8% of an import.) */
  int y = atoi (s), mo = atoi (s + 5), d = atoi (s + 8);
  int h = atoi (s + 11), m = atoi (s + 14), sec = atoi (s + 17);
  return y >= 1900 && mo >= 1 && mo <= 12 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo,
                                                              (GDateYear) y) &&
         h < 24 && m < 60 && sec < 60;
}

/* Reads the text of a field element, which starts at @line, up to its end
 * tag. */
static gboolean
read_text (Import *im, const char *element, int line, GError **error)
{
  xmlTextReaderPtr r = im->reader;

  g_string_truncate (im->value, 0);
  if (xmlTextReaderIsEmptyElement (r))
    return TRUE;
  int rc;
  while ((rc = xmlTextReaderRead (r)) == 1)
    switch (xmlTextReaderNodeType (r))
      {
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        {
          const char *text = (const char *) xmlTextReaderConstValue (r);
          gsize len = text ? strlen (text) : 0;
          if (im->value->len + len > MAX_VALUE_BYTES)
            return fail (im, error, line, _("<%s> is too long."), element);
          g_string_append_len (im->value, text, (gssize) len);
        }
        break;
      case XML_READER_TYPE_COMMENT:
      case XML_READER_TYPE_PROCESSING_INSTRUCTION:
        break;
      case XML_READER_TYPE_END_ELEMENT:
        return TRUE;
      case XML_READER_TYPE_ELEMENT:
        return fail (im, error, 0, _("<%s> cannot contain elements."), element);
      default:
        return fail (im, error, 0, _("<%s> may only contain text."), element);
      }
  return FALSE; /* the caller reports the parser's error */
}

static gboolean
set_value (Import *im, JbRecord *record, guint i, char *text, int line, GError **error)
{
  const JbField *f = &jb_record_get_kind (record)->fields[i];
  const JbFieldTypeOps *type = jb_field_type (f->type);
  const char *element = jb_exchange_element_name (jb_record_get_kind (record), i);
  g_autofree char *message = NULL;

  /* Only free text keeps its spaces; values with a syntax are trimmed the way
   * XML Schema collapses them. */
  if (!type->free_text)
    g_strstrip (text);
  if (*text == '\0')
    return fail (im, error, line, _("<%s> is empty: leave the element out instead."), element);
  if (type->unit)
    {
      /* The format writes amounts as exactly "digits.dd" (the XSD's pattern). */
      gsize len = strlen (text);
      gboolean shape = len >= 4 && len <= 20 && text[len - 3] == '.';
      for (gsize c = 0; shape && c < len; c++)
        shape = c == len - 3 || g_ascii_isdigit (text[c]);
      if (!shape)
        return fail (im, error, line,
                     _("<%s>: “%s” is not an amount in yuan with two decimals, such as "
                       "4980000.00."), element, text);
    }
  if (!jb_record_parse_field (record, i, text, &message))
    return fail (im, error, line, "<%s>: %s", element, message);
  /* White space alone is nothing once normalised (jb_text_normalize()): a
   * required field is then missing, as in the window, and any other one as
   * good as empty. */
  if (!jb_record_is_set (record, i) && !(f->flags & JB_FIELD_REQUIRED))
    return fail (im, error, line, _("<%s> is empty: leave the element out instead."), element);
  return TRUE;
}

/* Reads one field element into @record.  @last is the previous field's index:
 * fields come in the order of the kind's table, each at most once. */
static gboolean
read_field (Import *im, JbRecord *record, int *last, GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);
  const char *element = local_name (im);
  int line = current_line (im);
  int i;

  if (!in_our_namespace (im))
    return fail (im, error, line, _("<%s> is not in the namespace %s."),
                 (const char *) xmlTextReaderConstName (im->reader), JB_EXCHANGE_NAMESPACE);
  /* Fields come in order: look after the previous one first, and before it
   * only to tell a repeated field from an unknown one. */
  for (i = *last + 1; i < (int) kind->n_fields; i++)
    if (strcmp (jb_exchange_element_name (kind, (guint) i), element) == 0)
      break;
  if (i == (int) kind->n_fields)
    {
      for (i = 0; i <= *last; i++)
        if (strcmp (jb_exchange_element_name (kind, (guint) i), element) == 0)
          break;
      if (i > *last)
        i = (int) kind->n_fields;
    }
  if (i == (int) kind->n_fields)
    return fail (im, error, line, _("<%s> has no field <%s>."), kind->name, element);
  if (i <= *last)
    return fail (im, error, line, _("<%s> is repeated or out of order: fields come in the order "
                                    "of the format description."), element);
  *last = i;

  const JbField *f = &kind->fields[i];
  if (f->type == JB_TYPE_REF)
    {
      static const char * const names[] = { "ref", NULL };
      g_autofree char *uuid = NULL;
      if (!read_attributes (im, line, names, &uuid, error))
        return FALSE;
      if (uuid == NULL)
        return fail (im, error, line, _("<%s> needs a ref attribute."), element);
      /* <owner ref="…"/> or <owner ref="…"></owner>: the same XML. */
      if (!read_text (im, element, line, error))
        return FALSE;
      if (im->value->len > 0)
        return fail (im, error, line, _("<%s ref=…> must be empty: write <%s ref=\"…\"/>."),
                     element, element);
      gint64 id = jb_store_id_for_uuid (im->store, f->ref_kind, uuid);
      if (id == 0)
        return fail (im, error, line,
                     _("<%s> refers to the %s %s, which is neither earlier in the file nor in "
                       "the database."), element, jb_kind_get (f->ref_kind)->name, uuid);
      jb_record_set_int (record, (guint) i, id);
      return TRUE;
    }

  const char * const money_names[] = { "currency", NULL };
  const char * const no_names[] = { NULL };
  g_autofree char *currency = NULL;
  if (!read_attributes (im, line, f->type == JB_TYPE_MONEY ? money_names : no_names, &currency,
                        error))
    return FALSE;
  if (f->type == JB_TYPE_MONEY && g_strcmp0 (currency, "CNY") != 0)
    return fail (im, error, line, _("<%s> needs currency=\"CNY\": Jiebang keeps amounts in yuan."),
                 element);
  if (!read_text (im, element, line, error))
    return FALSE;
  return set_value (im, record, (guint) i, im->value->str, line, error);
}

/* Equal in every field: the file holds the copy the database has. */
static gboolean
same_record (JbRecord *a, JbRecord *b)
{
  for (guint i = 0; i < jb_record_get_kind (a)->n_fields; i++)
    if (!jb_record_equal_field (a, b, i))
      return FALSE;
  return g_strcmp0 (jb_record_get_created (a), jb_record_get_created (b)) == 0;
}

/* Creates, updates or leaves the record, as the README says. */
static gboolean
store_record (Import *im, JbRecord *record, int line, GError **error)
{
  const JbKind *kind = jb_record_get_kind (record);
  /* A table that was empty holds only records of this file, whose ids all
   * differ (seen_add()): nothing to look up there. */
  gint64 id = im->was_empty[kind->id]
              ? 0 : jb_store_id_for_uuid (im->store, kind->id, jb_record_get_uuid (record));
  g_autoptr (GError) local = NULL;

  if (id != 0)
    {
      g_autoptr (JbRecord) saved = jb_store_load (im->store, kind->id, id, &local);
      if (saved == NULL)
        return fail (im, error, line, "%s", local->message);
      int cmp = strcmp (jb_record_get_updated (record), jb_record_get_updated (saved));
      if (cmp < 0 || (cmp == 0 && !same_record (record, saved)))
        {
          im->summary.refused++;
          return TRUE;
        }
      if (cmp == 0)
        {
          im->summary.unchanged++;
          return TRUE;
        }
      jb_record_set_id (record, id);
    }
  if (!jb_store_save (im->store, record,
                      im->save_flags, &local))
    {
      const char *title = jb_record_get_title (record);
      /* TRANSLATORS: a record refused on import: "the demand “电池…” (id): what is wrong" */
      return refuse (im, error, line, _("<%s> “%s” (%s) was refused: %s"), kind->name,
                   title ? title : "", jb_record_get_uuid (record), local->message);
    }
  if (id != 0)
    im->summary.updated++;
  else
    im->summary.created++;
  return TRUE;
}

/* Whether @uuid is new to the file: *@added FALSE if it was seen before. */
static gboolean
seen_add (Import *im, const char *uuid, gboolean *added, GError **error)
{
  if (g_hash_table_contains (im->seen, uuid))
    {
      *added = FALSE;
      return TRUE;
    }
  /* The table holds ids only once the memory is full, so an id is in one
   * place or the other. */
  if (g_hash_table_size (im->seen) < ids_in_memory)
    {
      *added = g_hash_table_add (im->seen, g_strdup (uuid));
      return TRUE;
    }
  return jb_store_seen_add (im->store, uuid, added, error);
}

static gboolean
read_record (Import *im, GError **error)
{
  const char *element = local_name (im);
  int line = current_line (im);
  const JbKind *kind = jb_kind_by_name (element);

  if (!in_our_namespace (im))
    return fail (im, error, line, _("<%s> is not in the namespace %s."),
                 (const char *) xmlTextReaderConstName (im->reader), JB_EXCHANGE_NAMESPACE);
  if (kind == NULL)
    return fail (im, error, line, _("<%s> is not a kind of record."), element);

  static const char * const names[] = { "id", "created", "updated", NULL };
  char *values[G_N_ELEMENTS (names)] = { NULL };
  gboolean ok = read_attributes (im, line, names, values, error);
  g_autofree char *uuid = values[0], *created = values[1], *updated = values[2];
  if (!ok)
    return FALSE;
  for (guint a = 0; a < 3; a++)
    if (values[a] == NULL)
      return fail (im, error, line, _("<%s> needs the attribute %s."), element, names[a]);
  if (!g_uuid_string_is_valid (uuid))
    return fail (im, error, line, _("“%s” is not an id (a UUID)."), uuid);
  /* The same id in capitals is the same id (RFC 4122): one form is kept. */
  for (char *c = uuid; *c; c++)
    *c = g_ascii_tolower (*c);
  if (!is_timestamp (created) || !is_timestamp (updated))
    return fail (im, error, line, _("created and updated must be times such as "
                                    "2022-08-01T09:00:00.000000Z."));
  if (strcmp (updated, created) < 0)
    return fail (im, error, line, _("The record was updated before it was created."));

  gboolean added;
  if (!seen_add (im, uuid, &added, error))
    return FALSE;
  if (!added)
    return fail (im, error, line, _("The id %s appears twice in the file."), uuid);

  g_autoptr (JbRecord) record = jb_record_new (kind->id);
  jb_record_set_uuid (record, uuid);
  jb_record_set_times (record, created, updated);

  int last = -1, rc = 1;
  if (!xmlTextReaderIsEmptyElement (im->reader))
    while ((rc = xmlTextReaderRead (im->reader)) == 1)
      {
        int type = xmlTextReaderNodeType (im->reader);
        if (type == XML_READER_TYPE_END_ELEMENT)
          break;
        if (type == XML_READER_TYPE_ELEMENT)
          {
            if (!read_field (im, record, &last, error))
              return FALSE;
          }
        else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
          return fail (im, error, text_line (im), _("Text outside a field of <%s>."),
                       kind->name);
        else if (type == XML_READER_TYPE_ENTITY_REFERENCE)
          return fail (im, error, 0, _("Entities are not allowed."));
      }
  if (rc != 1)
    return FALSE;
  return store_record (im, record, line, error);
}

/* What a file cut short is told (copied or downloaded only in part). */
static char *
ends_early (int line)
{
  /* TRANSLATORS: %d is the last line of a file that was cut short */
  return g_strdup_printf (_("The file ends early, at line %d: the rest of it is missing (was "
                            "it copied only in part?)."), line);
}

static void
report_progress (Import *im)
{
  if (im->progress == NULL || im->size <= 0)
    return;
  double fraction = im->read_share * MIN (1.0, (double) im->consumed / (double) im->size);
  if (fraction - im->reported >= 0.005)
    {
      im->reported = fraction;
      im->progress (fraction, im->user_data);
    }
}

static gboolean
read_root (Import *im, GError **error)
{
  const char *element = local_name (im);
  static const char * const names[] = { "version", NULL };
  g_autofree char *version = NULL;

  if (strcmp (element, "exchange") != 0 || !in_our_namespace (im))
    return fail (im, error, 0, _("This is not a Jiebang exchange file: the root element must be "
                                 "<exchange xmlns=\"%s\">."), JB_EXCHANGE_NAMESPACE);
  if (!read_attributes (im, current_line (im), names, &version, error))
    return FALSE;
  if (g_strcmp0 (version, JB_EXCHANGE_VERSION) != 0)
    return fail (im, error, 0, _("This file is in exchange format version “%s”; this Jiebang "
                                 "reads version %s."), version ? version : "",
                 JB_EXCHANGE_VERSION);
  return TRUE;
}

static gboolean
read_document (Import *im, GError **error)
{
  xmlTextReaderPtr r = im->reader;
  gboolean seen_root = FALSE, root_closed = FALSE;
  JbKindId last_kind = 0;
  guint n = 0;
  int rc;

  while ((rc = xmlTextReaderRead (r)) == 1)
    {
      int type = xmlTextReaderNodeType (r);
      int depth = xmlTextReaderDepth (r);

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        return fail (im, error, 0, _("The file has a document type declaration (DOCTYPE), "
                                     "which exchange files never have."));
      if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_ENTITY)
        return fail (im, error, 0, _("Entities are not allowed."));
      if (type == XML_READER_TYPE_ELEMENT && depth == DEPTH_ROOT)
        {
          if (!read_root (im, error))
            return FALSE;
          seen_root = TRUE;
          root_closed = xmlTextReaderIsEmptyElement (r);
        }
      else if (type == XML_READER_TYPE_ELEMENT && depth == DEPTH_RECORD)
        {
          const JbKind *kind = jb_kind_by_name (local_name (im));
          if (kind && kind->id < last_kind)
            return fail (im, error, 0, _("<%s> comes after <%s>: records come in the order of "
                                         "the format description."),
                         kind->name, jb_kind_get (last_kind)->name);
          if (kind)
            last_kind = kind->id;
          if (!read_record (im, error))
            return FALSE;
          if (++n % 64 == 0 && g_cancellable_set_error_if_cancelled (im->cancellable, error))
            return FALSE;
          report_progress (im);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && depth == DEPTH_ROOT)
        root_closed = TRUE;
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)
        return fail (im, error, text_line (im), _("Text outside a record."));
      else if (type == XML_READER_TYPE_ELEMENT)
        return fail (im, error, 0, _("<%s> is nested too deep."), local_name (im));
    }
  if (rc != 0)
    return FALSE;
  if (!seen_root || !root_closed)
    {
      g_autofree char *what = ends_early (current_line (im));
      return fail (im, error, 0, "%s", what);
    }
  return TRUE;
}

/* XML 1.0 has two encodings every reader takes: UTF-8 and UTF-16.  A UTF-16
 * file (its byte order mark, or "<?" in UTF-16 without one) is decoded to
 * UTF-8 before anything reads it, the DOCTYPE scan included, so that the
 * parser always reads UTF-8 and a DOCTYPE is found whatever the encoding.
 * Returns the stream to read (a new reference). */
static GInputStream *
decoded_stream (GInputStream *stream, GCancellable *cancellable, gboolean *utf16)
{
  GInputStream *buffered = g_buffered_input_stream_new (stream);
  gsize got = 0;
  const guchar *head = NULL;
  /* An error here comes again at the first read, where it is reported. */
  if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 4, cancellable,
                                    NULL) > 0)
    head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &got);
  const char *from = NULL;
  if (got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    from = "UTF-16";  /* iconv reads the byte order mark and drops it */
  else if (got >= 4 && memcmp (head, "<\0?\0", 4) == 0)
    from = "UTF-16LE";
  else if (got >= 4 && memcmp (head, "\0<\0?", 4) == 0)
    from = "UTF-16BE";
  *utf16 = from != NULL;
  if (from == NULL)
    return buffered;
  g_autoptr (GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, NULL);
  if (converter == NULL)
    {
      *utf16 = FALSE;
      return buffered;
    }
  GInputStream *decoded = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
  g_object_unref (buffered);
  return decoded;
}

static void
report_build_progress (double fraction, gpointer data)
{
  Import *im = data;
  double span = 1.0 - JB_STORE_COMMIT_SHARE - im->read_share;
  im->progress (im->read_share + span * fraction, im->user_data);
}

/* @own: in a transaction of its own; otherwise in the caller's, which the
 * caller commits or rolls back. */
static gboolean
import_stream (JbStore *store, GInputStream *stream, const char *name, goffset size,
               GCancellable *cancellable, JbProgressFunc progress, gpointer user_data,
               JbImportSummary *summary, gboolean own, GError **error)
{
  Import im = { .name = name, .cancellable = cancellable,
                .size = size, .progress = progress, .user_data = user_data,
                .save_flags = JB_SAVE_KEEP_TIMES | JB_SAVE_AS_FILED | JB_SAVE_ANY_STATUS,
                .read_share = 1.0 - JB_STORE_COMMIT_SHARE };
  /* seen_add() refuses a file that repeats an id. */
  if (size < 0 || size >= bulk_from)
    {
      im.save_flags |= JB_SAVE_BULK | JB_SAVE_IDS_DISTINCT;
      im.read_share = READ_SHARE;
    }
  g_autoptr (GError) local = NULL;
  g_autoptr (GInputStream) decoded = decoded_stream (stream, cancellable, &im.utf16);
  im.store = store;
  im.stream = decoded;

  jb_exchange_init ();
  jb_xml_prolog_init (&im.prolog);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  /* Forced UTF-8 (UTF-16 is decoded above: its declaration's encoding is
   * ignored then); no NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE; BIG_LINES so
   * that lines past 65535 are told right. */
  im.reader = xmlReaderForIO (read_cb, close_cb, &im, NULL, "UTF-8",
                              XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES |
                              (im.utf16 ? XML_PARSE_IGNORE_ENC : 0));
  if (im.reader)
    xmlTextReaderSetStructuredErrorHandler (im.reader, error_cb, &im);
  im.value = g_string_sized_new (1024);
  im.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gboolean ok = im.reader && jb_store_seen_clear (store, &local) &&
                (!own || jb_store_begin (store, &local));
  gboolean in_transaction = ok && own;
  for (guint k = 0; ok && k < JB_N_KINDS; k++)
    im.was_empty[k] = !jb_store_has_records (store, k);
  /* Bounded still: 64 MB whatever the file's size. */
  jb_store_set_cache_size (store, 64);
  ok = ok && read_document (&im, &local);
  if (!ok && local == NULL)
    {
      /* The parser or the stream stopped: tell why, at the parser's line. */
      if (im.prolog.doctype_line)
        g_set_error (&local, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID, "%s:%d: %s", name,
                     im.prolog.doctype_line,
                     _("The file has a document type declaration (DOCTYPE), "
                       "which exchange files never have."));
      else if (im.io_error && im.utf16 &&
               (g_error_matches (im.io_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
                g_error_matches (im.io_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
        g_set_error (&local, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID, "%s:%d: %s", name,
                     MAX (xmlTextReaderGetParserLineNumber (im.reader), 1),
                     _("The file is not well-formed XML: it is not valid UTF-16."));
      else if (im.io_error)
        g_propagate_prefixed_error (&local, g_steal_pointer (&im.io_error), "%s: ", name);
      else if (im.consumed == 0)
        g_set_error (&local, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID, "%s:1: %s", name,
                     _("The file is empty."));
      else if (im.xml_error_at_end || im.xml_error == NULL)
        {
          int line = im.xml_error ? MAX (im.xml_error_line, 1)
                                  : MAX (xmlTextReaderGetParserLineNumber (im.reader), 1);
          g_autofree char *what = ends_early (line);
          g_set_error (&local, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID, "%s:%d: %s", name,
                       line, what);
        }
      else
        {
          g_autofree char *what = g_strdup_printf (_("The file is not well-formed XML: %s"),
                                                   im.xml_error);
          g_set_error (&local, JB_EXCHANGE_ERROR, JB_EXCHANGE_ERROR_INVALID, "%s:%d: %s", name,
                       MAX (im.xml_error_line, 1), what);
        }
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, &local))
    ok = FALSE;
  /* Here rather than in the commit: with the rest of the progress, and
   * stopped by a cancel. */
  if (ok)
    ok = jb_store_bulk_finish (store, cancellable, progress ? report_build_progress : NULL, &im,
                               &local);
  if (in_transaction)
    {
      if (ok)
        ok = jb_store_commit (store, &local);
      else
        jb_store_rollback (store);
    }
  jb_store_set_cache_size (store, 0);
  /* Done once committed: the caller's transaction, the caller says so. */
  if (ok && progress && own)
    progress (1.0, user_data);
  if (ok && summary)
    *summary = im.summary;

  if (im.reader)
    xmlFreeTextReader (im.reader);
  xmlSetGenericErrorFunc (NULL, NULL);
  g_string_free (im.value, TRUE);
  g_hash_table_destroy (im.seen);
  g_free (im.xml_error);
  g_clear_error (&im.io_error);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  return ok;
}

gboolean
jb_exchange_import_stream (JbStore *store, GInputStream *stream, const char *name, goffset size,
                           GCancellable *cancellable, JbProgressFunc progress,
                           gpointer user_data, JbImportSummary *summary, GError **error)
{
  return import_stream (store, stream, name, size, cancellable, progress, user_data, summary,
                        TRUE, error);
}

gboolean
jb_exchange_import_in_transaction (JbStore *store, GInputStream *stream, const char *name,
                                   goffset size, GCancellable *cancellable,
                                   JbProgressFunc progress, gpointer user_data,
                                   JbImportSummary *summary, GError **error)
{
  return import_stream (store, stream, name, size, cancellable, progress, user_data, summary,
                        FALSE, error);
}

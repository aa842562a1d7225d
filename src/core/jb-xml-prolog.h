/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xml-prolog.h: finds a DOCTYPE in the bytes before an XML document's root
 * element, before libxml2 sees them, so that a refused DOCTYPE (and every
 * entity it declares) is never parsed at all.  Shared by the exchange import
 * and the spreadsheet readers: untrusted XML is refused the same way. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int state;
  char bang[8];      /* the characters after "<!" */
  guint n_bang;
  char last[2];      /* the previous characters, for "-->" and "?>" */
  int line;          /* of the bytes scanned so far, from 1 */
  int doctype_line;  /* > 0: the document has a DOCTYPE there */
} JbXmlProlog;

void      jb_xml_prolog_init (JbXmlProlog *prolog);
/* Scans the next @len bytes; TRUE when a DOCTYPE was found (then stop feeding
 * the parser).  Cheap once the root element started: it returns at once. */
gboolean  jb_xml_prolog_scan (JbXmlProlog *prolog, const char *buffer, gssize len);

G_END_DECLS

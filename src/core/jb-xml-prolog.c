/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jb-xml-prolog.c: the DOCTYPE scan (see jb-xml-prolog.h). */
#include "config.h"

#include <string.h>

#include "jb-xml-prolog.h"

/* Where the scan of the prolog (what comes before the root element) stands. */
typedef enum {
  PROLOG_TEXT,     /* between markup */
  PROLOG_LT,       /* after '<' */
  PROLOG_BANG,     /* after "<!": a comment or a DOCTYPE */
  PROLOG_COMMENT,
  PROLOG_PI,
  PROLOG_DONE,     /* the root element started: libxml2 takes it from here */
} PrologState;

void
jb_xml_prolog_init (JbXmlProlog *p)
{
  memset (p, 0, sizeof *p);
  p->state = PROLOG_TEXT;
  p->line = 1;
}

gboolean
jb_xml_prolog_scan (JbXmlProlog *p, const char *buffer, gssize len)
{
  for (gssize i = 0; i < len && p->state != PROLOG_DONE; i++)
    {
      char c = buffer[i];
      if (c == '\n')
        p->line++;
      switch (p->state)
        {
        case PROLOG_TEXT:
          if (c == '<')
            p->state = PROLOG_LT;
          break;
        case PROLOG_LT:
          p->state = c == '?' ? PROLOG_PI : c == '!' ? PROLOG_BANG : PROLOG_DONE;
          p->n_bang = 0;
          memset (p->last, 0, sizeof p->last);
          break;
        case PROLOG_BANG:
          p->bang[p->n_bang++] = c;
          if (p->n_bang == 2 && memcmp (p->bang, "--", 2) == 0)
            p->state = PROLOG_COMMENT;
          else if (p->n_bang == 7 && memcmp (p->bang, "DOCTYPE", 7) == 0)
            {
              p->doctype_line = p->line;
              return TRUE;
            }
          else if (memcmp (p->bang, "--", MIN (p->n_bang, 2)) != 0 &&
                   memcmp (p->bang, "DOCTYPE", p->n_bang) != 0)
            p->state = PROLOG_DONE; /* not well-formed: libxml2 says so */
          break;
        case PROLOG_COMMENT:
        case PROLOG_PI:
          if (p->state == PROLOG_COMMENT ? c == '>' && p->last[0] == '-' && p->last[1] == '-'
                                         : c == '>' && p->last[1] == '?')
            p->state = PROLOG_TEXT;
          p->last[0] = p->last[1];
          p->last[1] = c;
          break;
        default:
          break;
        }
    }
  return FALSE;
}

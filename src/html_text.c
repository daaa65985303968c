/*
 * html: the text of an HTML document without its layout, for indexing:
 * what html_render shows, minus wrapping, decorations and link lists.
 */
#include "nr_config.h"

#include <string.h>

#include "newsreader/html.h"
#include "newsreader/util.h"
#include "html_int.h"

/* Handle '<' at s[*pos]: a tag, a comment or a literal '<'. */
static void
text_lt(const char *s, size_t len, size_t *pos, struct strbuf *sb)
{
	const char	*p, *t = s + *pos;
	size_t		 left = len - *pos;
	struct html_tag	 tag;
	struct strbuf	 alt;

	if (left >= 4 && memcmp(t, "<!--", 4) == 0) {
		p = left >= 5 && t[4] == '>' ? t + 2 : left >= 6 &&
		    t[4] == '-' && t[5] == '>' ? t + 3 :
		    html_find3(t + 4, left - 4, "-->");
		*pos = p == NULL ? len : (size_t)(p - s) + 3;
		return;
	}
	if (left >= 9 && memcmp(t, "<![CDATA[", 9) == 0) {
		p = html_find3(t + 9, left - 9, "]]>");
		strbuf_add(sb, t + 9, p != NULL ? (size_t)(p - t - 9) :
		    left - 9);
		*pos = p == NULL ? len : (size_t)(p - s) + 3;
		return;
	}
	if (left >= 2 && (HTML_IS_ALPHA(t[1]) || (t[1] == '/' && left >= 3 &&
	    HTML_IS_ALPHA(t[2])))) {
		if (!html_tag_read(s, len, pos, &tag)) {
			*pos = len;
			return;
		}
		switch (tag.id) {
		case T_UNKNOWN:
		case T_INLINE:
		case T_A:
		case T_Q:
		case T_WBR:
			/* Inside running text: no break ("<b>wo</b>rd"). */
			break;
		case T_SKIP:
			if (!tag.end && !tag.selfclose)
				*pos = html_skip_raw(s, len, *pos, tag.name);
			break;
		case T_IMG:
			if (tag.alt.set) {
				/* (html_attr_decode resets its buffer) */
				strbuf_init(&alt, 0);
				html_attr_decode(&alt, &tag.alt, 0);
				strbuf_addc(sb, ' ');
				strbuf_adds(sb, strbuf_str(&alt));
				strbuf_clear(&alt);
			}
			strbuf_addc(sb, '\n');
			break;
		default:
			strbuf_addc(sb, '\n');
			break;
		}
		return;
	}
	if ((left >= 2 && (t[1] == '!' || t[1] == '?')) ||
	    (left >= 3 && t[1] == '/')) {
		p = memchr(t, '>', left);
		*pos = p == NULL ? len : (size_t)(p - s) + 1;
		return;
	}
	strbuf_addc(sb, '<');
	(*pos)++;
}

void
html_text(const char *s, size_t len, struct strbuf *sb)
{
	size_t	pos = 0, used, n;
	int	cp;

	while (pos < len) {
		if (s[pos] == '<') {
			text_lt(s, len, &pos, sb);
			continue;
		}
		if (s[pos] == '&') {
			used = 1;
			cp = html_ref_decode(s + pos, len - pos, 0, &used);
			if (cp == -1) {
				strbuf_addc(sb, '&');
				pos++;
				continue;
			}
			pos += used;
			if (cp >= 0)
				html_add_cp(sb, cp);
			continue;
		}
		for (n = pos; n < len && s[n] != '<' && s[n] != '&'; n++)
			;
		strbuf_add(sb, s + pos, n - pos);
		pos = n;
	}
}

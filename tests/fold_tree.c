/* The gumbo tree of a page as text (fold_tree.h). */
#include "nr_config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "newsreader/util.h"
#include "extract_int.h"
#include "fold_tree.h"

/* The tree under g as text, script, style and comment text left out. */
static void
dump(struct strbuf *sb, const GumboNode *g, int depth)
{
	const GumboVector	*v = NULL;
	const GumboElement	*e;
	const GumboDocument	*d;
	GumboStringPiece	 tag;
	unsigned		 i;

	strbuf_addf(sb, "%*s", depth, "");
	switch (g->type) {
	case GUMBO_NODE_DOCUMENT:
		d = &g->v.document;
		strbuf_addf(sb, "#document %s \"%s\" \"%s\" %d %d\n", d->name,
		    d->public_identifier, d->system_identifier,
		    (int)d->has_doctype, (int)d->doc_type_quirks_mode);
		v = &d->children;
		break;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		e = &g->v.element;
		strbuf_addf(sb, "<%d:%s", (int)e->tag_namespace,
		    gumbo_normalized_tagname(e->tag));
		if (e->tag == GUMBO_TAG_UNKNOWN) {
			/* The name as written (tags are never folded). */
			tag = e->original_tag;
			gumbo_tag_from_original_text(&tag);
			strbuf_add(sb, tag.data, tag.length);
		}
		for (i = 0; i < e->attributes.length; i++) {
			const GumboAttribute *a = e->attributes.data[i];

			strbuf_addf(sb, " %d:%s=\"%s\"", (int)a->attr_namespace,
			    a->name, a->value);
		}
		strbuf_adds(sb, ">\n");
		if (e->tag != GUMBO_TAG_SCRIPT && e->tag != GUMBO_TAG_STYLE)
			v = &e->children;
		break;
	case GUMBO_NODE_COMMENT:
		strbuf_adds(sb, "<!-- -->\n");
		break;
	default:
		strbuf_addf(sb, "%d \"%s\"\n", (int)g->type, g->v.text.text);
		break;
	}
	for (i = 0; v != NULL && i < v->length; i++)
		dump(sb, v->data[i], depth + 1);
}

char *
fold_tree(const char *html, size_t len, struct xfold *fold, size_t chunk)
{
	GumboOutput	*g;
	struct xmem	 mem = { NULL, chunk };
	struct strbuf	 sb;
	GumboOptions	 opts = kGumboDefaultOptions;
	char		*cut = NULL, *out;

	if (fold != NULL && (cut = xstrip(html, len, &len, fold)) != NULL)
		html = cut;
	opts.allocator = xmem_alloc;
	opts.deallocator = xmem_free;
	opts.userdata = &mem;
	opts.max_errors = 0;
	g = gumbo_parse_with_options(&opts, html, len);
	if (fold != NULL)
		xfold_expand(g->document, fold, &mem);
	strbuf_init(&sb, 0);
	dump(&sb, g->document, 0);
	out = strbuf_detach(&sb, NULL);
	xmem_release(&mem);
	free(cut);
	return out;
}

/*
 * RSS 0.9x/2.0 and RDF/RSS 1.0 elements, and the Dublin Core and content
 * module elements every format may carry: what each one fills.
 */
#include "nr_config.h"

#include <string.h>

#include <mxml.h>

#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/util.h"
#include "parse_int.h"

/* The rdf:about attribute, whatever its prefix. */
static const char *
rdf_about(mxml_node_t *node)
{
	const char	*an, *av;
	int		 i, n;

	n = mxmlElementGetAttrCount(node);
	for (i = 0; i < n; i++) {
		av = mxmlElementGetAttrByIndex(node, i, &an);
		if (an != NULL && (strcmp(an, "about") == 0 ||
		    (strchr(an, ':') != NULL &&
		    strcmp(strchr(an, ':'), ":about") == 0)))
			return av;
	}
	return NULL;
}

/* Start an item; RDF items name themselves with rdf:about. */
static void
item_open(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*about;

	parse_item_begin(p);
	e->ctx = CTX_ITEM;
	about = rdf_about(node);
	if (about != NULL && *about != '\0' && p->fmt == FMT_RDF)
		p->item->guid = parse_resolve_url(parse_base(p, e), about);
}

/* Elements of an item in any format outside the Atom namespace. */
static void
item_child(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*l = e->local, *v;

	switch (e->ns) {
	case NS_NONE:
	case NS_RSS1:
		if (strcmp(l, "title") == 0)
			parse_capture(p, e, PF_TITLE, CAP_TEXT);
		else if (strcmp(l, "link") == 0)
			parse_capture(p, e, PF_LINK, CAP_TEXT);
		else if (strcmp(l, "guid") == 0) {
			parse_capture(p, e, PF_GUID, CAP_TEXT);
			v = parse_attr(node, "isPermaLink");
			p->permalink = v == NULL ||
			    util_strcasecmp(v, "true") == 0;
		} else if (strcmp(l, "pubDate") == 0 ||
		    strcmp(l, "pubdate") == 0)
			parse_capture(p, e, PF_PUBLISHED, CAP_TEXT);
		else if (strcmp(l, "description") == 0)
			parse_capture(p, e, PF_SUMMARY, CAP_HTML);
		else if (strcmp(l, "author") == 0)
			parse_capture(p, e, PF_AUTHOR, CAP_TEXT);
		else if (strcmp(l, "category") == 0)
			parse_capture(p, e, PF_CATEGORY, CAP_TEXT);
		else if (strcmp(l, "enclosure") == 0)
			parse_enclosure(p, e, parse_attr(node, "url"),
			    parse_attr(node, "type"),
			    parse_attr(node, "length"));
		break;
	case NS_DC:
		if (strcmp(l, "date") == 0)
			parse_capture(p, e, PF_DCDATE, CAP_TEXT);
		else if (strcmp(l, "creator") == 0 ||
		    strcmp(l, "author") == 0)
			parse_capture(p, e, PF_AUTHOR, CAP_TEXT);
		else if (strcmp(l, "subject") == 0)
			parse_capture(p, e, PF_CATEGORY, CAP_TEXT);
		else if (strcmp(l, "title") == 0)
			parse_capture(p, e, PF_TITLE, CAP_TEXT);
		else if (strcmp(l, "description") == 0)
			parse_capture(p, e, PF_SUMMARY, CAP_TEXT);
		else if (strcmp(l, "identifier") == 0 &&
		    p->item->guid == NULL)
			parse_capture(p, e, PF_GUID, CAP_TEXT);
		break;
	case NS_DCTERMS:
		if (strcmp(l, "issued") == 0 || strcmp(l, "created") == 0)
			parse_capture(p, e, PF_PUBLISHED, CAP_TEXT);
		else if (strcmp(l, "modified") == 0)
			parse_capture(p, e, PF_UPDATED, CAP_TEXT);
		break;
	case NS_CONTENT:
		if (strcmp(l, "encoded") == 0)
			parse_capture(p, e, PF_CONTENT, CAP_HTML);
		break;
	case NS_XHTML:
		if (strcmp(l, "body") == 0 || strcmp(l, "div") == 0)
			parse_capture(p, e, PF_CONTENT, CAP_XHTML);
		break;
	default:
		break;
	}
	if (p->field != PF_NONE)
		p->permalink = p->field == PF_GUID ? p->permalink : 0;
}

void
rss_open(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	struct parse_elem	*parent = e - 1;
	int			 core;

	core = e->ns == NS_NONE || e->ns == NS_RSS1;
	switch (parent->ctx) {
	case CTX_ROOT:
		if (core && strcmp(e->local, "channel") == 0)
			e->ctx = CTX_FEED;
		else if (core && strcmp(e->local, "item") == 0)
			item_open(p, e, node);
		break;
	case CTX_FEED:
		if (core && strcmp(e->local, "item") == 0)
			item_open(p, e, node);
		else if (core && strcmp(e->local, "title") == 0)
			parse_capture(p, e, PF_FEED_TITLE, CAP_TEXT);
		else if (core && strcmp(e->local, "link") == 0)
			parse_capture(p, e, PF_FEED_LINK, CAP_TEXT);
		else if (core && strcmp(e->local, "description") == 0)
			parse_capture(p, e, PF_FEED_DESC, CAP_HTML);
		else if (e->ns == NS_DC && strcmp(e->local, "title") == 0)
			parse_capture(p, e, PF_FEED_TITLE, CAP_TEXT);
		else if (e->ns == NS_DC && strcmp(e->local, "creator") == 0)
			parse_capture(p, e, PF_FEED_AUTHOR, CAP_TEXT);
		break;
	case CTX_ITEM:
		if (p->item != NULL)
			item_child(p, e, node);
		break;
	default:
		break;
	}
}

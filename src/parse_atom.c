/* Atom 1.0 and 0.3 elements: what each one fills. */
#include "nr_config.h"

#include <string.h>

#include <mxml.h>

#include "newsreader/feed.h"
#include "newsreader/parse.h"
#include "newsreader/util.h"
#include "parse_int.h"

/* How to read an Atom text construct, from its type and mode. */
static enum parse_cap
text_mode(mxml_node_t *node)
{
	const char	*type = parse_attr(node, "type");
	const char	*mode = parse_attr(node, "mode");

	if (mode != NULL && util_strcasecmp(mode, "xml") == 0)
		return CAP_XHTML;
	if (type == NULL)
		return mode != NULL && util_strcasecmp(mode, "escaped") == 0 ?
		    CAP_HTML : CAP_TEXT;
	if (util_strcasecmp(type, "html") == 0 ||
	    util_strcasecmp(type, "text/html") == 0)
		return CAP_HTML;
	if (util_strcasecmp(type, "xhtml") == 0 ||
	    util_strcasecmp(type, "application/xhtml+xml") == 0)
		return mode != NULL && util_strcasecmp(mode, "escaped") == 0 ?
		    CAP_HTML : CAP_XHTML;
	return CAP_TEXT;
}

/* An atom:link: alternate, self or enclosure. */
static void
link_open(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*rel = parse_attr(node, "rel");
	const char	*href = parse_attr(node, "href");

	if (href == NULL)
		return;
	if (rel == NULL || util_strcasecmp(rel, "alternate") == 0 ||
	    strcmp(rel, "http://www.iana.org/assignments/relation/"
	    "alternate") == 0)
		parse_link(p, e, href, rel != NULL ? 3 : 2);
	else if (util_strcasecmp(rel, "self") == 0 && p->item == NULL)
		parse_link(p, e, href, -1);
	else if (util_strcasecmp(rel, "enclosure") == 0 && p->item != NULL)
		parse_enclosure(p, e, href, parse_attr(node, "type"),
		    parse_attr(node, "length"));
}

/* An element of an entry. */
static void
entry_child(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	const char	*l = e->local, *v;

	if (strcmp(l, "title") == 0)
		parse_capture(p, e, PF_TITLE, text_mode(node));
	else if (strcmp(l, "link") == 0)
		link_open(p, e, node);
	else if (strcmp(l, "id") == 0) {
		parse_capture(p, e, PF_GUID, CAP_TEXT);
		p->permalink = 0;
	} else if (strcmp(l, "published") == 0 ||
	    strcmp(l, "issued") == 0 || strcmp(l, "created") == 0)
		parse_capture(p, e, PF_PUBLISHED, CAP_TEXT);
	else if (strcmp(l, "updated") == 0 || strcmp(l, "modified") == 0)
		parse_capture(p, e, PF_UPDATED, CAP_TEXT);
	else if (strcmp(l, "author") == 0)
		e->ctx = CTX_AUTHOR;
	else if (strcmp(l, "summary") == 0)
		parse_capture(p, e, PF_SUMMARY, text_mode(node));
	else if (strcmp(l, "content") == 0) {
		v = parse_attr(node, "src");
		if (v != NULL)
			parse_link(p, e, v, 1);
		parse_capture(p, e, PF_CONTENT, text_mode(node));
	} else if (strcmp(l, "category") == 0) {
		v = parse_attr(node, "term");
		if (v == NULL || *v == '\0')
			v = parse_attr(node, "label");
		if (v != NULL && p->item->ntags < 256)
			item_add_tag(p->item, v);
	}
}

void
atom_open(struct parser *p, struct parse_elem *e, mxml_node_t *node)
{
	struct parse_elem	*parent = e - 1;
	const char		*l = e->local;

	switch (parent->ctx) {
	case CTX_ROOT:
	case CTX_FEED:
		if (strcmp(l, "entry") == 0) {
			parse_item_begin(p);
			e->ctx = CTX_ITEM;
		} else if (strcmp(l, "link") == 0)
			link_open(p, e, node);
		else if (p->fmt != FMT_ATOM)
			break;
		else if (strcmp(l, "title") == 0)
			parse_capture(p, e, PF_FEED_TITLE, text_mode(node));
		else if (strcmp(l, "subtitle") == 0 ||
		    strcmp(l, "tagline") == 0)
			parse_capture(p, e, PF_FEED_DESC, text_mode(node));
		else if (strcmp(l, "author") == 0)
			e->ctx = CTX_FEEDAUTHOR;
		break;
	case CTX_ITEM:
		if (p->item != NULL)
			entry_child(p, e, node);
		break;
	case CTX_AUTHOR:
		if (strcmp(l, "name") == 0)
			parse_capture(p, e, PF_AUTHOR, CAP_TEXT);
		break;
	case CTX_FEEDAUTHOR:
		if (strcmp(l, "name") == 0)
			parse_capture(p, e, PF_FEED_AUTHOR, CAP_TEXT);
		break;
	default:
		break;
	}
}

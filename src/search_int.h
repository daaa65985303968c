/* Internals of the search module, shared by src/search*.c only. */
#ifndef NEWSREADER_SEARCH_INT_H
#define NEWSREADER_SEARCH_INT_H

#include <sqlite3.h>

/* The tokenizer's name in SQL (fts5(..., tokenize='nr')). */
#define SEARCH_TOKENIZER	"nr"

/*
 * Register the tokenizer on a connection: unicode61 with
 * remove_diacritics 2 for words, and runs of Chinese and Japanese
 * characters cut into overlapping bigrams. Returns an SQLite code.
 */
int	search_tok_register(sqlite3 *);

#endif

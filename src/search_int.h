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

/*
 * A thread applying jobs in the order put: fn(arg, jobs, n) gets every
 * job waiting at once and owns them. put waits while more than max bytes
 * wait; finish waits for every job (at most ms, if not negative: then it
 * calls late(arg), which must make fn give up soon), then stops the
 * thread. start returns NULL when no thread could be made.
 */
struct search_queue;
typedef void search_queue_fn(void *, void **, size_t);
struct search_queue *search_queue_start(search_queue_fn *, void *, size_t);
void	search_queue_put(struct search_queue *, void *, size_t);
void	search_queue_finish(struct search_queue *, long, void (*)(void *));

#endif

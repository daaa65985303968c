/*
 * Generate N items in FEEDS feeds three ways, item for item the same:
 * newsreader article files (docs/FORMAT.md), sfeed(5) TSV files and the
 * RSS 2.0 documents they all come from. Deterministic: every item is a
 * pure function of (feed, index), so any slice can be made again alone.
 * Not built by the project's Makefile: bench/gen.sh compiles it with
 * `cc -O2` (POSIX + C99, no library).
 *
 * usage: gen-items [-j JOBS] [-S] N FEEDS OUTDIR
 *          OUTDIR/data/<feed>/<seq>_<hash>.txt   article files
 *          OUTDIR/data/<feed>/.meta/state         feed values, one item
 *                                                line per item (-S: none)
 *          OUTDIR/sfeed/<feed>                   sfeed TSV, newest first
 *          OUTDIR/xml/<feed>.xml                 RSS 2.0, newest first
 *        gen-items -x [-r] N FEEDS FEED FROM COUNT > doc.xml
 *          an RSS document of items FROM..FROM+COUNT-1 of feed number
 *          FEED, newest first (-r: oldest first); an index past the
 *          feed's last item continues its dates into the future
 *        gen-items -a N FEEDS FEED FROM COUNT DIR
 *          the article files of those items, written into DIR
 *
 * Feeds are named feed000, feed001, ... (more digits when FEEDS > 1000);
 * feed f holds N/FEEDS items, one more for f < N%FEEDS. Item i of a feed
 * (its sequence number) has a date between 2024-01-01 and 2026-11-30 UTC,
 * increasing with i; a title of 5-9 words, a summary of 18-32 words, two
 * of twelve tags, a body of 3-6 paragraphs of 40-90 words; its guid is its
 * link. The state file (what a refresh writes) marks items before
 * 2026-10-01 read but one in twenty, and one in a hundred starred.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define T_START	1704067200LL	/* 2024-01-01 00:00 UTC */
#define T_END	1796083200LL	/* 2026-12-01 00:00 UTC */
#define T_READ	1790812800LL	/* 2026-10-01 00:00 UTC */

static const char *words[] = {
	"harbour", "council", "bridge", "vote", "energy", "battery", "science",
	"comet", "market", "river", "storm", "library", "transport", "culture",
	"policy", "report", "study", "city", "school", "budget", "rail",
	"weather", "summit", "trade", "health", "data", "chip", "robot",
	"minister", "election", "parliament", "court", "ruling", "appeal",
	"village", "farmers", "harvest", "drought", "flood", "coast", "island",
	"mountain", "forest", "wildlife", "museum", "festival", "concert",
	"stadium", "league", "final", "coach", "players", "season", "record",
	"prices", "inflation", "bank", "rates", "shares", "investors", "growth",
	"jobs", "workers", "union", "strike", "talks", "agreement", "deal",
	"border", "security", "defence", "army", "navy", "airport", "flights",
	"passengers", "train", "station", "tunnel", "road", "traffic", "police",
	"officers", "hospital", "doctors", "patients", "vaccine", "research",
	"university", "students", "teachers", "exam", "software", "network",
	"satellite", "launch", "rocket", "space", "telescope", "planet",
	"climate", "emissions", "solar", "wind", "nuclear", "reactor", "grid",
	"oil", "gas", "pipeline", "exports", "imports", "tariffs", "factory",
	"cars", "electric", "charging", "housing", "rents", "mayor", "district",
	"residents", "plan", "project", "funding", "government", "opposition",
	"leader", "president", "party", "campaign", "poll", "survey", "census",
	"water", "supply", "crisis", "recovery", "damage", "warning", "alert",
	"officials", "experts", "scientists", "engineers", "company", "startup",
	"profits", "losses", "quarter", "annual", "new", "old", "first", "last",
	"major", "small", "local", "national", "global", "regional", "northern",
	"southern", "eastern", "western", "central", "early", "late", "rising",
	"falling", "strong", "weak", "higher", "lower", "open", "closed",
	"after", "before", "during", "amid", "over", "under", "with", "without",
	"the", "a", "of", "in", "on", "for", "to", "and", "at", "from", "by",
	"as", "is", "are", "was", "were", "has", "have", "will", "could",
	"says", "said", "plans", "expects", "warns", "agrees", "rejects",
	"approves", "opens", "closes", "builds", "cuts", "raises", "wins",
	"loses", "meets", "visits", "announces", "confirms", "denies", "delays",
};
#define NWORDS	(sizeof words / sizeof words[0])

static const char *tags[] = {
	"world", "politics", "science", "tech", "sport", "economy",
	"culture", "health", "china", "russia", "europe", "energy",
};
#define NTAGS	12

static const char *wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat" };
static const char *mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* A growing byte buffer. */
struct buf {
	char	*p;
	size_t	 len, cap;
};

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "gen-items: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

static void
b_need(struct buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 4096;
	if ((b->p = realloc(b->p, b->cap)) == NULL)
		die("out of memory");
}

static void
b_add(struct buf *b, const char *s, size_t n)
{
	b_need(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
b_adds(struct buf *b, const char *s)
{
	b_add(b, s, strlen(s));
}

static void
b_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b_need(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* XML text: escape & < > (the words never hold them; links might). */
static void
b_xml(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '&')
			b_adds(b, "&amp;");
		else if (*s == '<')
			b_adds(b, "&lt;");
		else if (*s == '>')
			b_adds(b, "&gt;");
		else
			b_add(b, s, 1);
	}
}

/* splitmix64: a small, good, seedable generator. */
static uint64_t
rnd(uint64_t *s)
{
	uint64_t	z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
rnd_in(uint64_t *s, unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rnd(s) % (hi - lo + 1));
}

static uint64_t
fnv1a(const char *s)
{
	uint64_t	h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* One item, everything as text. */
struct item {
	long long	 t, seen;
	struct tm	 tm;
	uint64_t	 hash;
	int		 flags;		/* 1 read, 2 starred */
	const char	*tag[2];
	char		 link[160];
	struct buf	 title, summary, body;
};

static long		 N, FEEDS;
static int		 width = 3;

static long
feed_items(long f)
{
	return N / FEEDS + (f < N % FEEDS);
}

static void
feed_name(long f, char *s, size_t size)
{
	snprintf(s, size, "feed%0*ld", width, f);
}

/* Words into b: n of them, the first capitalised when cap. */
static void
sentence(struct buf *b, uint64_t *s, unsigned n, int cap)
{
	unsigned	i;
	size_t		at;

	for (i = 0; i < n; i++) {
		if (i > 0)
			b_add(b, " ", 1);
		at = b->len;
		b_adds(b, words[rnd(s) % NWORDS]);
		if (i == 0 && cap && b->p[at] >= 'a' && b->p[at] <= 'z')
			b->p[at] -= 'a' - 'A';
	}
}

static void
make_item(struct item *it, long f, long i)
{
	uint64_t	 s, r;
	long		 nf = feed_items(f);
	unsigned	 k, np, a, c;
	double		 u;
	char		 name[32], slug[64];
	time_t		 tt;

	s = ((uint64_t)f << 32 | (uint64_t)i) ^ 0x6e65777372656164ULL;
	rnd(&s);
	u = (rnd(&s) >> 11) * (1.0 / 9007199254740992.0);
	it->t = T_START + (long long)((i + u) * (double)(T_END - T_START) /
	    (double)nf);
	it->t -= it->t % 60;
	tt = (time_t)it->t;
	gmtime_r(&tt, &it->tm);
	it->seen = it->t + 60 * rnd_in(&s, 1, 90);
	it->title.len = it->summary.len = it->body.len = 0;
	sentence(&it->title, &s, rnd_in(&s, 5, 9), 1);
	sentence(&it->summary, &s, rnd_in(&s, 18, 32), 1);
	b_add(&it->summary, ".", 1);
	np = rnd_in(&s, 3, 6);
	for (k = 0; k < np; k++) {
		if (k > 0)
			b_add(&it->body, "\n", 1);
		sentence(&it->body, &s, rnd_in(&s, 40, 90), 1);
		b_add(&it->body, ".", 1);
	}
	a = rnd_in(&s, 0, NTAGS - 1);
	c = (a + rnd_in(&s, 1, NTAGS - 1)) % NTAGS;
	it->tag[0] = tags[a];
	it->tag[1] = tags[c];
	/* slug: the first three title words */
	for (k = 0, c = 0; c < 3 && k < it->title.len && k < sizeof slug - 1;
	    k++) {
		if (it->title.p[k] == ' ') {
			if (++c == 3)
				break;
			slug[k] = '-';
		} else
			slug[k] = (char)(it->title.p[k] | 0x20);
	}
	slug[k] = '\0';
	feed_name(f, name, sizeof name);
	snprintf(it->link, sizeof it->link,
	    "https://www.%s.example/%04d/%02d/%02d/%s-%ld", name,
	    it->tm.tm_year + 1900, it->tm.tm_mon + 1, it->tm.tm_mday, slug, i);
	it->hash = fnv1a(it->link);
	r = rnd(&s) % 100;
	it->flags = 0;
	if (it->t < T_READ && r >= 5)
		it->flags |= 1;
	if (rnd(&s) % 100 == 0)
		it->flags |= 2;
}

/* The article file (docs/FORMAT.md, section 3), as refresh writes it. */
static void
article(struct buf *b, const struct item *it)
{
	b->len = 0;
	b_printf(b, " date %04d-%02d-%02d %s\n", it->tm.tm_year + 1900,
	    it->tm.tm_mon + 1, it->tm.tm_mday, it->link);
	b_printf(b, "%s\n%s\n%s\n%s\n%s\n", it->title.p, it->summary.p,
	    it->tag[0], it->tag[1], it->title.p);
	b_printf(b, "%02d:%02d GMT %02d.%02d.%04d\n", it->tm.tm_hour,
	    it->tm.tm_min, it->tm.tm_mday, it->tm.tm_mon + 1,
	    it->tm.tm_year + 1900);
	b_add(b, it->body.p, it->body.len);
}

/* One <item> of the RSS document. */
static void
rss_item(struct buf *b, const struct item *it)
{
	b_adds(b, "<item>\n<title>");
	b_xml(b, it->title.p);
	b_adds(b, "</title>\n<link>");
	b_xml(b, it->link);
	b_adds(b, "</link>\n<guid>");
	b_xml(b, it->link);
	b_printf(b, "</guid>\n<pubDate>%s, %02d %s %04d %02d:%02d:00 +0000"
	    "</pubDate>\n", wday[it->tm.tm_wday], it->tm.tm_mday,
	    mon[it->tm.tm_mon], it->tm.tm_year + 1900, it->tm.tm_hour,
	    it->tm.tm_min);
	b_printf(b, "<category>%s</category>\n<category>%s</category>\n",
	    it->tag[0], it->tag[1]);
	b_adds(b, "<description>");
	b_xml(b, it->summary.p);
	b_adds(b, "</description>\n<content:encoded>");
	b_xml(b, it->body.p);
	b_adds(b, "</content:encoded>\n</item>\n");
}

static void
rss_head(struct buf *b, long f)
{
	char	name[32];

	feed_name(f, name, sizeof name);
	b_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" "
	    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
	    "<channel>\n<title>Feed %ld</title>\n"
	    "<link>https://www.%s.example/</link>\n"
	    "<description>Benchmark feed %s</description>\n", f, name, name);
}

static const char rss_tail[] = "</channel>\n</rss>\n";

/* One sfeed(5) line: what sfeed(1) makes of the RSS item. */
static void
tsv_line(struct buf *b, const struct item *it)
{
	size_t	i;

	b_printf(b, "%lld\t%s\t%s\t", it->t, it->title.p, it->link);
	for (i = 0; i < it->body.len; i++) {
		if (it->body.p[i] == '\n')
			b_add(b, "\\n", 2);
		else
			b_add(b, &it->body.p[i], 1);
	}
	b_printf(b, "\thtml\t%s\t\t\t%s|%s\n", it->link, it->tag[0],
	    it->tag[1]);
}

static void
state_head(struct buf *b, long f)
{
	char	name[32];

	feed_name(f, name, sizeof name);
	b_printf(b, "newsreader-state 1\nfeed\ttitle\tFeed %ld\n"
	    "feed\tlink\thttps://www.%s.example/\n", f, name);
}

static void
state_line(struct buf *b, const struct item *it)
{
	b_printf(b, "item\t%016llx\t%s\t%lld\t%s\t\n",
	    (unsigned long long)it->hash,
	    it->flags == 3 ? "rs" : it->flags == 2 ? "s" :
	    it->flags == 1 ? "r" : "-", it->seen, it->link);
}

static void
write_file(const char *path, const char *p, size_t len)
{
	int	fd;
	ssize_t	n;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		die("%s: %s", path, strerror(errno));
	while (len > 0) {
		if ((n = write(fd, p, len)) <= 0)
			die("%s: %s", path, strerror(errno));
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1)
		die("%s: %s", path, strerror(errno));
}

static void
mkdir_p(const char *path)
{
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		die("%s: %s", path, strerror(errno));
}

/* Flush a buffer to a stream when it grows. */
static void
b_flush(struct buf *b, FILE *fp, int force)
{
	if (b->len == 0 || (!force && b->len < (1 << 20)))
		return;
	if (fwrite(b->p, 1, b->len, fp) != b->len)
		die("write: %s", strerror(errno));
	b->len = 0;
}

/* Everything of feed f under out. */
static void
gen_feed(const char *out, long f, int state)
{
	struct item	 it;
	struct buf	 art = { 0 }, xml = { 0 }, tsv = { 0 }, st = { 0 };
	char		 name[32], path[4096];
	FILE		*fx, *ft;
	long		 i, nf = feed_items(f);
	size_t		 dl;

	memset(&it, 0, sizeof it);
	feed_name(f, name, sizeof name);
	snprintf(path, sizeof path, "%s/data/%s", out, name);
	mkdir_p(path);
	dl = strlen(path);
	snprintf(path, sizeof path, "%s/xml/%s.xml", out, name);
	if ((fx = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	snprintf(path, sizeof path, "%s/sfeed/%s", out, name);
	if ((ft = fopen(path, "w")) == NULL)
		die("%s: %s", path, strerror(errno));
	rss_head(&xml, f);
	if (state)
		state_head(&st, f);
	/* newest first in the documents; the files in any order */
	for (i = nf - 1; i >= 0; i--) {
		make_item(&it, f, i);
		article(&art, &it);
		snprintf(path, sizeof path, "%s/data/%s/%03ld_%016llx.txt",
		    out, name, i, (unsigned long long)it.hash);
		write_file(path, art.p, art.len);
		rss_item(&xml, &it);
		tsv_line(&tsv, &it);
		b_flush(&xml, fx, 0);
		b_flush(&tsv, ft, 0);
		if (state)
			state_line(&st, &it);
	}
	b_adds(&xml, rss_tail);
	b_flush(&xml, fx, 1);
	b_flush(&tsv, ft, 1);
	if (fclose(fx) != 0 || fclose(ft) != 0)
		die("close: %s", strerror(errno));
	if (state) {
		snprintf(path, sizeof path, "%s/data/%s/.meta", out, name);
		mkdir_p(path);
		snprintf(path, sizeof path, "%s/data/%s/.meta/state", out,
		    name);
		write_file(path, st.p, st.len);
	}
	(void)dl;
	free(art.p);
	free(xml.p);
	free(tsv.p);
	free(st.p);
	free(it.title.p);
	free(it.summary.p);
	free(it.body.p);
}

static long
num(const char *s, const char *what)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		die("bad %s: %s", what, s);
	return v;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gen-items [-j JOBS] [-S] N FEEDS OUTDIR\n"
	    "       gen-items -x [-r] N FEEDS FEED FROM COUNT > doc.xml\n"
	    "       gen-items -a N FEEDS FEED FROM COUNT DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct item	 it;
	struct buf	 b = { 0 };
	char		 path[4096];
	long		 f, from, count, i, k;
	int		 c, jobs = 2, state = 1, mode = 0, rev = 0, status;
	pid_t		 pid;

	while ((c = getopt(argc, argv, "aj:rSx")) != -1) {
		switch (c) {
		case 'a':
		case 'x':
			mode = c;
			break;
		case 'j':
			jobs = (int)num(optarg, "jobs");
			break;
		case 'r':
			rev = 1;
			break;
		case 'S':
			state = 0;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 3)
		usage();
	N = num(argv[0], "N");
	FEEDS = num(argv[1], "FEEDS");
	if (FEEDS < 1 || N < FEEDS)
		die("need N >= FEEDS >= 1");
	for (k = FEEDS - 1; k >= 1000; k /= 10)
		width++;
	memset(&it, 0, sizeof it);
	if (mode != 0) {
		if (argc != (mode == 'x' ? 5 : 6))
			usage();
		f = num(argv[2], "feed");
		from = num(argv[3], "from");
		count = num(argv[4], "count");
		if (f >= FEEDS)
			die("no feed %ld", f);
		if (mode == 'x')
			rss_head(&b, f);
		for (k = 0; k < count; k++) {
			i = rev ? from + k : from + count - 1 - k;
			make_item(&it, f, i);
			if (mode == 'x') {
				rss_item(&b, &it);
				continue;
			}
			article(&b, &it);
			snprintf(path, sizeof path, "%s/%03ld_%016llx.txt",
			    argv[5], i, (unsigned long long)it.hash);
			write_file(path, b.p, b.len);
		}
		if (mode == 'x') {
			b_adds(&b, rss_tail);
			if (fwrite(b.p, 1, b.len, stdout) != b.len ||
			    fflush(stdout) != 0)
				die("stdout: %s", strerror(errno));
		}
		return 0;
	}
	if (argc != 3)
		usage();
	mkdir_p(argv[2]);
	snprintf(path, sizeof path, "%s/data", argv[2]);
	mkdir_p(path);
	snprintf(path, sizeof path, "%s/sfeed", argv[2]);
	mkdir_p(path);
	snprintf(path, sizeof path, "%s/xml", argv[2]);
	mkdir_p(path);
	if (jobs < 1)
		jobs = 1;
	for (c = 0; c < jobs; c++) {
		if ((pid = fork()) == -1)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			for (f = c; f < FEEDS; f += jobs)
				gen_feed(argv[2], f, state);
			_exit(0);
		}
	}
	status = 0;
	while (wait(&c) > 0)
		if (!WIFEXITED(c) || WEXITSTATUS(c) != 0)
			status = 1;
	return status;
}

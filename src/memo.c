/*
 * memo.c: the score fields rater list has computed before.  See memo.h.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsdir.h"
#include "memo.h"
#include "sha256.h"

#define MEMO_MAGIC	"rater list memo 2 "
#define MEMO_KEY_LEN	32
#define MEMO_MAX	(64 * 1024 * 1024)	/* larger: not read */

struct ment {
	char		*id;
	size_t		 size;
	uint64_t	 digest;
	char		*fields;
	int		 seen;		/* looked up or put in this run */
};

struct memo {
	char		*dir;		/* $DATA/cache/list */
	char		*path;		/* dir/<patient> */
	char		*build;
	struct ment	*v;
	size_t		 n, cap;
	struct strindex	 idx;		/* id -> v[] */
	int		 changed;
	char		*head;		/* MAGIC BUILD KEYID */
	int		 haskey;	/* else nothing is read or kept */
	struct sha256	 inner, outer;	/* HMAC-SHA256 states after the
					   key blocks */
	size_t		 nbad;		/* lines that failed their check */
};

static void	 add(struct memo *, char *, size_t, uint64_t, char *);
static int	 cmp_id(const void *, const void *);
static void	 load(struct memo *);
static void	 parse(struct memo *, const char *, size_t);
static int	 parse_hex64(const char *, size_t, uint64_t *);
static uint64_t	 line_check(const struct memo *, const char *, size_t);
static void	 key_set(struct memo *, const unsigned char *);
static int	 key_read(const char *, unsigned char *);
static int	 key_load(struct memo *, const char *, int);

/* HMAC-SHA256 of the build, a newline and the line, under the memo key,
 * cut to 64 bits: without the key, a line cannot be made to pass. */
static uint64_t
line_check(const struct memo *m, const char *line, size_t len)
{
	struct sha256	 c;
	unsigned char	 d[SHA256_DIGEST_LEN];
	uint64_t	 v = 0;
	size_t		 i;

	c = m->inner;
	sha256_update(&c, m->build, strlen(m->build));
	sha256_update(&c, "\n", 1);
	sha256_update(&c, line, len);
	sha256_final(&c, d);
	c = m->outer;
	sha256_update(&c, d, sizeof(d));
	sha256_final(&c, d);
	for (i = 0; i < 8; i++)
		v = v << 8 | d[i];
	return v;
}

/* The HMAC states of key, and the header naming build and key (by a
 * check of a fixed text, so a memo made under another key is simply
 * replaced). */
static void
key_set(struct memo *m, const unsigned char *key)
{
	unsigned char	 pad[64];
	size_t		 i;
	uint64_t	 id;

	memset(pad, 0x36, sizeof(pad));
	for (i = 0; i < MEMO_KEY_LEN; i++)
		pad[i] ^= key[i];
	sha256_init(&m->inner);
	sha256_update(&m->inner, pad, sizeof(pad));
	memset(pad, 0x5c, sizeof(pad));
	for (i = 0; i < MEMO_KEY_LEN; i++)
		pad[i] ^= key[i];
	sha256_init(&m->outer);
	sha256_update(&m->outer, pad, sizeof(pad));
	memset(pad, 0, sizeof(pad));
	m->haskey = 1;
	id = line_check(m, "rater list memo key", 19);
	free(m->head);
	m->head = xasprintf("%s%s %016" PRIx64, MEMO_MAGIC, m->build, id);
}

/* Reads the key: a regular file of exactly MEMO_KEY_LEN bytes, ours and
 * readable by no one else.  0, or -1 with errno (ENOENT: none yet). */
static int
key_read(const char *path, unsigned char *key)
{
	struct stat	 sb;
	ssize_t		 r;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ||
	    sb.st_size != MEMO_KEY_LEN) {
		close(fd);
		errno = EPERM;
		return -1;
	}
	r = read(fd, key, MEMO_KEY_LEN);
	saved = errno;
	close(fd);
	if (r != MEMO_KEY_LEN) {
		errno = r == -1 ? saved : EIO;
		return -1;
	}
	return 0;
}

/* The key of the store in datadir (DATA/memo.key, made with create
 * when there is none).  0, or -1: no memo is read or written. */
static int
key_load(struct memo *m, const char *datadir, int create)
{
	unsigned char	 key[MEMO_KEY_LEN];
	char		*path, *tmp = NULL;
	size_t		 off;
	ssize_t		 r;
	int		 fd = -1, rc = -1;

	path = xasprintf("%s/memo.key", datadir);
	if (key_read(path, key) == 0)
		goto ok;
	if (errno != ENOENT || !create)
		goto out;
	/* A new key: random bytes in a 0600 file linked into place, so
	 * that two first runs agree on one key. */
	if ((fd = open("/dev/urandom", O_RDONLY)) == -1)
		goto out;
	for (off = 0; off < MEMO_KEY_LEN; off += (size_t)r)
		if ((r = read(fd, key + off, MEMO_KEY_LEN - off)) <= 0)
			break;
	close(fd);
	if (off != MEMO_KEY_LEN)
		goto out;
	tmp = xasprintf("%s/.memo-key-XXXXXX", datadir);
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	r = write(fd, key, MEMO_KEY_LEN);
	if (close(fd) == -1 || r != MEMO_KEY_LEN ||
	    (link(tmp, path) == -1 && errno != EEXIST)) {
		unlink(tmp);
		goto out;
	}
	unlink(tmp);
	if (key_read(path, key) == -1)	/* another run's, if it won */
		goto out;
ok:
	key_set(m, key);
	rc = 0;
out:
	memset(key, 0, sizeof(key));
	free(tmp);
	free(path);
	return rc;
}

static int
parse_hex64(const char *s, size_t len, uint64_t *v)
{
	size_t	 i;
	int	 c;

	if (len != 16)
		return -1;
	*v = 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else
			return -1;
		*v = *v << 4 | (uint64_t)c;
	}
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	return strcmp((*(struct ment *const *)a)->id,
	    (*(struct ment *const *)b)->id);
}

static void
add(struct memo *m, char *id, size_t size, uint64_t digest, char *fields)
{
	struct ment	*e;

	/* The index borrows the id strings, which do not move. */
	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 64 : m->cap * 2;
		m->v = xreallocarray(m->v, m->cap, sizeof(*m->v));
	}
	e = &m->v[m->n];
	e->id = id;
	e->size = size;
	e->digest = digest;
	e->fields = fields;
	e->seen = 0;
	if (strindex_add(&m->idx, e->id, m->n) == 0) {
		/* A repeated id (the file was not written by us): the
		 * first stands. */
		free(id);
		free(fields);
		return;
	}
	m->n++;
}

static void
load(struct memo *m)
{
	struct stat	 sb;
	char		*data;
	size_t		 len;

	if (fsdir_stat(m->path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > MEMO_MAX)
		return;
	if ((data = read_file(m->path, &len)) == NULL)
		return;
	parse(m, data, len);
	free(data);
}

/* Takes the entries of a memo file's bytes; what is not usable sets
 * m->changed, so that the file is written anew. */
static void
parse(struct memo *m, const char *data, size_t len)
{
	const char	*p, *end = data + len, *nl, *t1, *t2, *t3, *tl;
	char		*id;
	size_t		 mlen, size;
	uint64_t	 digest, check;
	long		 sz;
	char		 num[32];

	if (len == 0 || !m->haskey)
		return;
	mlen = strlen(m->head);
	if ((nl = memchr(data, '\n', len)) == NULL ||
	    (size_t)(nl - data) != mlen || memcmp(data, m->head, mlen) != 0) {
		m->changed = 1;	/* another build's or key's: replace it */
		return;
	}
	for (p = nl + 1; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			m->changed = 1;		/* cut short */
			break;
		}
		t1 = memchr(p, '\t', (size_t)(nl - p));
		t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
		t3 = t2 ? memchr(t2 + 1, '\t', (size_t)(nl - t2 - 1)) : NULL;
		for (tl = nl; tl > p && tl[-1] != '\t'; tl--)
			;
		if (t3 == NULL || tl - 1 <= t3 || t1 == p ||
		    (size_t)(t2 - t1 - 1) >= sizeof(num) ||
		    parse_hex64(tl, (size_t)(nl - tl), &check) == -1 ||
		    check != line_check(m, p, (size_t)(tl - 1 - p)) ||
		    parse_hex64(t2 + 1, (size_t)(t3 - t2 - 1), &digest) ==
		    -1) {
			m->changed = 1;		/* drop the line */
			m->nbad++;
			continue;
		}
		memcpy(num, t1 + 1, (size_t)(t2 - t1 - 1));
		num[t2 - t1 - 1] = '\0';
		if (parse_int(num, 0, MEMO_MAX, &sz) == -1) {
			m->changed = 1;
			continue;
		}
		size = (size_t)sz;
		id = xstrndup(p, (size_t)(t1 - p));
		add(m, id, size, digest, xstrndup(t3 + 1,
		    (size_t)(tl - 1 - t3 - 1)));
	}
}

struct memo *
memo_open(const char *datadir, const char *patient, const char *build)
{
	struct memo	*m;

	m = xcalloc(1, sizeof(*m));
	m->dir = xasprintf("%s/cache/list", datadir);
	m->path = xasprintf("%s/%s", m->dir, patient);
	m->build = xstrdup(build);
	strindex_init(&m->idx, 256);
	if (key_load(m, datadir, 1) == 0)
		load(m);
	return m;
}

struct memo *
memo_open_existing(const char *datadir, const char *patient,
    const char *build)
{
	struct memo	*m;
	struct stat	 sb;

	m = xcalloc(1, sizeof(*m));
	m->dir = xasprintf("%s/cache/list", datadir);
	m->path = xasprintf("%s/%s", m->dir, patient);
	m->build = xstrdup(build);
	strindex_init(&m->idx, 256);
	if (lstat(m->path, &sb) == -1 || key_load(m, datadir, 0) == -1) {
		memo_close(m);
		return NULL;
	}
	load(m);
	return m;
}

struct memo *
memo_parse(const char *data, size_t len, const char *build)
{
	static const unsigned char zero[MEMO_KEY_LEN];
	struct memo	*m;

	m = xcalloc(1, sizeof(*m));
	m->build = xstrdup(build);
	strindex_init(&m->idx, 256);
	key_set(m, zero);
	parse(m, data, len);
	return m;
}

size_t
memo_nbad(const struct memo *m)
{
	return m->nbad;
}

const char *
memo_path(const struct memo *m)
{
	return m->path;
}

int
memo_discard(struct memo *m)
{
	m->changed = 0;
	if (m->path == NULL) {
		errno = EINVAL;
		return -1;
	}
	return unlink(m->path);
}

size_t
memo_count(const struct memo *m)
{
	return m->n;
}

void
memo_format(struct memo *m, int complete, struct buf *b)
{
	struct ment	*e, **order;
	size_t		 i, start;

	/* In session id order, whatever order they were found in. */
	order = xcalloc(m->n + 1, sizeof(*order));
	for (i = 0; i < m->n; i++)
		order[i] = &m->v[i];
	qsort(order, m->n, sizeof(*order), cmp_id);
	buf_printf(b, "%s\n", m->head != NULL ? m->head : "");
	for (i = 0; i < m->n; i++) {
		e = order[i];
		if (complete && !e->seen)
			continue;
		start = b->len;
		buf_printf(b, "%s\t%zu\t%016" PRIx64 "\t%s", e->id, e->size,
		    e->digest, e->fields);
		buf_printf(b, "\t%016" PRIx64 "\n", line_check(m,
		    b->data + start, b->len - start));
	}
	free(order);
}

const char *
memo_get(struct memo *m, const struct session *s)
{
	size_t		 i;
	struct ment	*e;

	if (s->id == NULL || s->size == 0 ||
	    (i = strindex_find(&m->idx, s->id, strlen(s->id))) ==
	    (size_t)-1)
		return NULL;
	e = &m->v[i];
	e->seen = 1;
	if (e->size != s->size || e->digest != s->digest)
		return NULL;
	return e->fields;
}

void
memo_put(struct memo *m, const struct session *s, const char *fields)
{
	struct ment	*e;
	size_t		 i;

	if (s->id == NULL || s->size == 0 || strchr(fields, '\n') != NULL)
		return;
	m->changed = 1;
	if ((i = strindex_find(&m->idx, s->id, strlen(s->id))) !=
	    (size_t)-1) {
		e = &m->v[i];
		free(e->fields);
		e->fields = xstrdup(fields);
		e->size = s->size;
		e->digest = s->digest;
		e->seen = 1;
		return;
	}
	add(m, xstrdup(s->id), s->size, s->digest, xstrdup(fields));
	m->v[m->n - 1].seen = 1;
}

int
memo_save(struct memo *m, int complete)
{
	struct buf	 b;
	char		*tmp = NULL, *cache;
	size_t		 i, off;
	ssize_t		 w;
	int		 fd = -1, saved;

	for (i = 0; complete && i < m->n; i++)
		if (!m->v[i].seen)
			m->changed = 1;
	if (!m->changed)
		return 0;
	if (m->path == NULL || !m->haskey) {
		errno = EINVAL;		/* from memo_parse, or no key */
		return -1;
	}
	buf_init(&b);
	memo_format(m, complete, &b);
	/* Directories as the store makes them: 0700. */
	cache = xstrndup(m->dir, strlen(m->dir) - strlen("/list"));
	if ((fsdir_mkdir(cache, 0700) == -1 && errno != EEXIST) ||
	    (fsdir_mkdir(m->dir, 0700) == -1 && errno != EEXIST)) {
		free(cache);
		goto fail;
	}
	free(cache);
	tmp = xasprintf("%s/.memo-XXXXXX", m->dir);
	if ((fd = fsdir_mkstemp(tmp)) == -1) {
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	for (off = 0; off < b.len; off += (size_t)w)
		if ((w = write(fd, b.data + off, b.len - off)) <= 0) {
			if (w == 0)
				errno = ENOSPC;
			goto fail;
		}
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (fsdir_rename(tmp, m->path) == -1)
		goto fail;
	free(tmp);
	buf_free(&b);
	m->changed = 0;
	return 0;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		fsdir_unlink(tmp);
		free(tmp);
	}
	buf_free(&b);
	errno = saved;
	return -1;
}

void
memo_close(struct memo *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->v[i].id);
		free(m->v[i].fields);
	}
	free(m->v);
	strindex_free(&m->idx);
	free(m->head);
	free(m->build);
	free(m->path);
	free(m->dir);
	free(m);
}

/*
 * ui_list.c: a filterable list that never knows what it lists: the
 * caller formats entry i with a make_entry callback.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"


void
ui_list_init(struct ui_list *l, size_t n)
{
	size_t	 i;

	free(l->view);
	memset(l, 0, sizeof(*l));
	l->n = n;
	l->view = xcalloc(n + 1, sizeof(*l->view));
	for (i = 0; i < n; i++)
		l->view[i] = i;
	l->nview = n;
}

void
ui_list_free(struct ui_list *l)
{
	free(l->view);
	memset(l, 0, sizeof(*l));
}

/* Case-insensitive (ASCII) substring test. */
int
ui_contains(const char *hay, const char *needle)
{
	size_t	 i, n = strlen(needle);

	if (n == 0)
		return 1;
	if (hay == NULL)
		return 0;
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return 1;
	}
	return 0;
}

void
ui_list_filter(struct ui_list *l, const char *filter, ui_list_entry_fn fn,
    const void *ctx)
{
	char	 buf[512];
	size_t	 i;

	l->nview = 0;
	for (i = 0; i < l->n; i++) {
		buf[0] = '\0';
		fn(ctx, i, buf, sizeof(buf));
		if (ui_contains(buf, filter))
			l->view[l->nview++] = i;
	}
	l->cur = 0;
}

int
ui_list_key(struct ui_list *l, int key, int rows, int vi)
{
	size_t	 page = rows > 1 ? (size_t)rows - 1 : 1;

	if (l->nview == 0)
		return 0;
	if (key == UI_FN(KEY_UP) || (vi && key == 'k')) {
		if (l->cur > 0)
			l->cur--;
	} else if (key == UI_FN(KEY_DOWN) || (vi && key == 'j')) {
		if (l->cur + 1 < l->nview)
			l->cur++;
	} else if (key == UI_FN(KEY_PPAGE))
		l->cur = l->cur > page ? l->cur - page : 0;
	else if (key == UI_FN(KEY_NPAGE))
		l->cur = l->cur + page < l->nview ? l->cur + page :
		    l->nview - 1;
	else if (key == UI_FN(KEY_HOME))
		l->cur = 0;
	else if (key == UI_FN(KEY_END))
		l->cur = l->nview - 1;
	else
		return 0;
	return 1;
}

long
ui_list_selected(const struct ui_list *l)
{
	if (l->nview == 0 || l->cur >= l->nview)
		return -1;
	return (long)l->view[l->cur];
}

/* Draws the rows that keep the cursor in sight (top is recomputed
 * here from cur, so the draw stays a function of the state). */
void
ui_list_draw(const struct ui_list *l, int y, int x, int h, int w,
    ui_list_entry_fn fn, const void *ctx, int active)
{
	char	 buf[512];
	size_t	 top = 0, i;
	int	 row;

	if (h <= 0 || w <= 0)
		return;
	if (l->cur >= (size_t)h)
		top = l->cur - (size_t)h + 1;
	for (row = 0, i = top; row < h && i < l->nview; row++, i++) {
		buf[0] = '\0';
		fn(ctx, l->view[i], buf, sizeof(buf));
		if (active && i == l->cur) {
			ui_fill(y + row, x, w, A_REVERSE);
			ui_text(y + row, x, 2, "> ", A_REVERSE);
			ui_text(y + row, x + 2, w - 2, buf, A_REVERSE);
		} else
			ui_text(y + row, x + 2, w - 2, buf, A_NORMAL);
	}
	if (top > 0)
		ui_text(y, x + w - 1, 1, "^", A_BOLD);
	if (top + (size_t)h < l->nview)
		ui_text(y + h - 1, x + w - 1, 1, "v", A_BOLD);
}

/* Text tables: see table.h. */
#include <config.h>

#include "cli/table.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

struct table_column {
    char *heading;
    enum table_align align;
};

struct table {
    struct table_column *cols;
    size_t n_cols;
    char **cells;               /* n_rows * n_cols, row-major; owned. */
    size_t n_rows;
    size_t n_filled;            /* Cells given in the last row. */
    bool hide_headings;
};

struct table *
table_create(void)
{
    return xzalloc(sizeof(struct table));
}

void
table_destroy(struct table *t)
{
    if (t) {
        for (size_t i = 0; i < t->n_cols; i++) {
            free(t->cols[i].heading);
        }
        for (size_t i = 0; i < t->n_rows * t->n_cols; i++) {
            free(t->cells[i]);
        }
        free(t->cols);
        free(t->cells);
        free(t);
    }
}

void
table_hide_headings(struct table *t)
{
    t->hide_headings = true;
}

void
table_add_column(struct table *t, const char *heading, enum table_align align)
{
    if (t->n_rows) {
        return;                 /* Columns are fixed by the first row. */
    }
    t->cols = xrealloc(t->cols, (t->n_cols + 1) * sizeof *t->cols);
    t->cols[t->n_cols].heading = xstrdup(heading);
    t->cols[t->n_cols].align = align;
    t->n_cols++;
}

void
table_add_row(struct table *t)
{
    t->cells = xrealloc(t->cells,
                        (t->n_rows + 1) * t->n_cols * sizeof *t->cells);
    memset(&t->cells[t->n_rows * t->n_cols], 0, t->n_cols * sizeof *t->cells);
    t->n_rows++;
    t->n_filled = 0;
}

void
table_put_safe(struct ds *ds, const char *s)
{
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        ds_put_char(ds, *p < 0x20 || *p == 0x7f ? '?' : (char) *p);
    }
}

void
table_add_cell(struct table *t, const char *text)
{
    if (!t->n_rows || t->n_filled >= t->n_cols) {
        return;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    table_put_safe(&ds, text ? text : "-");
    t->cells[(t->n_rows - 1) * t->n_cols + t->n_filled++] = ds_steal(&ds);
}

void
table_add_cellf(struct table *t, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    table_add_cell(t, ds_cstr(&ds));
    ds_destroy(&ds);
}

size_t
table_n_rows(const struct table *t)
{
    return t->n_rows;
}

/* Characters in UTF-8 text: bytes that do not continue a sequence. */
static size_t
table_width(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        n += (*p & 0xc0) != 0x80;
    }
    return n;
}

static const char *
table_cell(const struct table *t, size_t row, size_t col)
{
    const char *c = t->cells[row * t->n_cols + col];
    return c ? c : "";
}

/* Appends one line: 'texts' are the cells of the row. */
static void
table_put_line(const struct table *t, const size_t widths[],
               const char *const texts[], struct ds *out)
{
    /* Trailing spaces are dropped: find the last non-empty cell. */
    size_t last = 0;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (*texts[c]) {
            last = c;
        }
    }
    for (size_t c = 0; c <= last && c < t->n_cols; c++) {
        size_t pad = widths[c] - table_width(texts[c]);
        if (c) {
            ds_put_cstr(out, "  ");
        }
        if (t->cols[c].align == TABLE_RIGHT) {
            ds_put_format(out, "%*s", (int) pad, "");
        }
        ds_put_cstr(out, texts[c]);
        if (t->cols[c].align == TABLE_LEFT && c < last) {
            ds_put_format(out, "%*s", (int) pad, "");
        }
    }
    ds_put_char(out, '\n');
}

void
table_format(const struct table *t, struct ds *out)
{
    if (!t->n_cols) {
        return;
    }
    size_t *widths = xzalloc(t->n_cols * sizeof *widths);
    const char **texts = xmalloc(t->n_cols * sizeof *texts);
    for (size_t c = 0; c < t->n_cols; c++) {
        widths[c] = t->hide_headings ? 0 : table_width(t->cols[c].heading);
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t w = table_width(table_cell(t, r, c));
            widths[c] = w > widths[c] ? w : widths[c];
        }
    }
    if (!t->hide_headings) {
        for (size_t c = 0; c < t->n_cols; c++) {
            texts[c] = t->cols[c].heading;
        }
        table_put_line(t, widths, texts, out);
    }
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            texts[c] = table_cell(t, r, c);
        }
        table_put_line(t, widths, texts, out);
    }
    free(widths);
    free(texts);
}

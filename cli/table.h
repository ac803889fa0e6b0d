/* Text tables for people: columns padded to their widest cell, two spaces
 * apart, a heading line first, no trailing spaces.  Pure code: no I/O.
 *
 * Cells are copied.  A cell's control characters (bytes below 0x20 and
 * 0x7f) become '?', so that text from the network (a port's name comes
 * from the switch) cannot move the cursor or recolour the terminal.
 * Widths count UTF-8 characters, not bytes. */
#ifndef CLI_TABLE_H
#define CLI_TABLE_H 1

#include <stddef.h>

struct ds;

enum table_align {
    TABLE_LEFT,
    TABLE_RIGHT,        /* Numbers. */
};

struct table;

struct table *table_create(void);
void table_destroy(struct table *);

/* Leaves the heading line out of table_format() (for key/value
 * listings). */
void table_hide_headings(struct table *);

/* Adds a column; all columns come before the first row. */
void table_add_column(struct table *, const char *heading, enum table_align);

/* Starts a new row; the cells that follow fill it from the left.  A row
 * left short is padded with empty cells. */
void table_add_row(struct table *);
/* Appends a cell to the current row ("-" for NULL).  Cells beyond the
 * last column are ignored. */
void table_add_cell(struct table *, const char *text);
void table_add_cellf(struct table *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

size_t table_n_rows(const struct table *);

/* Appends the table, heading line included, one '\n'-terminated line per
 * row. */
void table_format(const struct table *, struct ds *);

/* Appends 's' with control characters replaced by '?', as cells are. */
void table_put_safe(struct ds *, const char *s);

#endif /* cli/table.h */

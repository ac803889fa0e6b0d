/* Printing OpenFlow for people: see ofp-print.h. */
#include <config.h>

#include "ofproto/ofp-print.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"

void
ofp_hex_dump(const void *data, size_t size, struct ds *ds)
{
    const uint8_t *p = data;
    for (size_t ofs = 0; ofs < size; ofs += 16) {
        size_t n = size - ofs < 16 ? size - ofs : 16;
        ds_put_format(ds, "%08zx  ", ofs);
        for (size_t i = 0; i < 16; i++) {
            if (i < n) {
                ds_put_format(ds, "%02x", p[ofs + i]);
            } else {
                ds_put_cstr(ds, "  ");
            }
            ds_put_char(ds, i == 7 ? '-' : ' ');
        }
        ds_put_cstr(ds, " |");
        for (size_t i = 0; i < n; i++) {
            uint8_t c = p[ofs + i];
            ds_put_char(ds, c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        ds_put_cstr(ds, "|\n");
    }
}

static int
hex_digit(int c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
           : -1;
}

unsigned char *
ofp_hex_parse(const char *s, size_t *sizep)
{
    size_t cap = strlen(s) / 2 + 1;
    unsigned char *out = xmalloc(cap);
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        if (isspace((unsigned char) *s) || *s == ':') {
            continue;
        }
        int d = hex_digit((unsigned char) *s);
        if (d < 0) {
            free(out);
            return NULL;
        }
        if (hi < 0) {
            hi = d;
        } else {
            out[n++] = (unsigned char) (hi << 4 | d);
            hi = -1;
        }
    }
    if (hi >= 0) {
        free(out);
        return NULL;
    }
    *sizep = n;
    return out;
}

/* Growable strings: see ds.h. */
#include <config.h>

#include "ofproto/ds.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ofp-buf.h"

void
ds_init(struct ds *ds)
{
    ds->string = NULL;
    ds->length = 0;
    ds->allocated = 0;
}

void
ds_destroy(struct ds *ds)
{
    if (ds) {
        free(ds->string);
        ds_init(ds);
    }
}

void
ds_clear(struct ds *ds)
{
    ds->length = 0;
    if (ds->string) {
        ds->string[0] = '\0';
    }
}

/* Makes room for 'n' more characters plus the terminator. */
static void
ds_reserve(struct ds *ds, size_t n)
{
    if (ds->length + n + 1 > ds->allocated) {
        size_t alloc = ds->allocated ? ds->allocated : 64;
        while (alloc < ds->length + n + 1) {
            alloc *= 2;
        }
        ds->string = xrealloc(ds->string, alloc);
        ds->allocated = alloc;
    }
}

void
ds_put_char(struct ds *ds, char c)
{
    ds_reserve(ds, 1);
    ds->string[ds->length++] = c;
    ds->string[ds->length] = '\0';
}

void
ds_put_cstr(struct ds *ds, const char *s)
{
    size_t n = strlen(s);
    ds_reserve(ds, n);
    memcpy(ds->string + ds->length, s, n + 1);
    ds->length += n;
}

void
ds_put_vformat(struct ds *ds, const char *fmt, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    ds_reserve(ds, 64);
    size_t avail = ds->allocated - ds->length;
    int n = vsnprintf(ds->string + ds->length, avail, fmt, copy);
    va_end(copy);
    if (n < 0) {
        return;
    }
    if ((size_t) n >= avail) {
        ds_reserve(ds, (size_t) n);
        vsnprintf(ds->string + ds->length, (size_t) n + 1, fmt, args);
    }
    ds->length += (size_t) n;
}

void
ds_put_format(struct ds *ds, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(ds, fmt, args);
    va_end(args);
}

void
ds_put_mac(struct ds *ds, const uint8_t mac[6])
{
    ds_put_format(ds, "%02x:%02x:%02x:%02x:%02x:%02x",
                  mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
}

void
ds_put_ipv4(struct ds *ds, uint32_t ip)
{
    ds_put_format(ds, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff,
                  (ip >> 8) & 0xff, ip & 0xff);
}

void
ds_put_ipv6(struct ds *ds, const uint8_t addr[16])
{
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, addr, buf, sizeof buf)) {
        ds_put_cstr(ds, buf);
    }
}

void
ds_put_hex(struct ds *ds, const void *data, size_t n)
{
    const uint8_t *p = data;
    ds_reserve(ds, 2 * n);
    for (size_t i = 0; i < n; i++) {
        ds_put_format(ds, "%02x", p[i]);
    }
}

void
ds_chomp(struct ds *ds, const char *chars)
{
    while (ds->length && strchr(chars, ds->string[ds->length - 1])) {
        ds->string[--ds->length] = '\0';
    }
}

const char *
ds_cstr(struct ds *ds)
{
    if (!ds->string) {
        ds_reserve(ds, 0);
        ds->string[0] = '\0';
    }
    return ds->string;
}

char *
ds_steal(struct ds *ds)
{
    char *s = xstrdup(ds_cstr(ds));
    ds_destroy(ds);
    return s;
}

void
ds_put_printable(struct ds *s, const char *p, size_t len, size_t max)
{
    size_t n = len < max ? len : max;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char) p[i];
        ds_put_char(s, c >= 0x20 && c < 0x7f ? (char) c : '?');
    }
    if (n < len) {
        ds_put_cstr(s, "...");
    }
}

bool
ds_error(struct ds *error, const char *format, ...)
{
    if (error) {
        va_list args;
        va_start(args, format);
        ds_put_vformat(error, format, args);
        va_end(args);
    }
    return false;
}

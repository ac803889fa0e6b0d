/* A growable NUL-terminated string, for printers and log lines.  The ds owns
 * 'string'; ds_destroy() frees it, ds_steal() hands it to the caller. */
#ifndef OFPROTO_DS_H
#define OFPROTO_DS_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ds {
    char *string; /* NULL until something is put; see ds_cstr(). */
    size_t length;
    size_t allocated;
};

#define DS_EMPTY_INITIALIZER { NULL, 0, 0 }

void ds_init(struct ds *);
void ds_destroy(struct ds *);
void ds_clear(struct ds *);
void ds_put_char(struct ds *, char);
void ds_put_cstr(struct ds *, const char *);
void ds_put_format(struct ds *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void ds_put_vformat(struct ds *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));
/* Appends "aa:bb:cc:dd:ee:ff". */
void ds_put_mac(struct ds *, const uint8_t mac[6]);
/* Appends dotted-quad for a host-order IPv4 address. */
void ds_put_ipv4(struct ds *, uint32_t);
/* Appends RFC 5952 text for a 16-byte IPv6 address. */
void ds_put_ipv6(struct ds *, const uint8_t addr[16]);
/* Appends 'n' bytes as lowercase hex with no separators. */
void ds_put_hex(struct ds *, const void *, size_t n);
/* Appends the 'len' bytes at 'p' for a message: at most 'max' of them, with
 * anything unprintable as '?' and "..." when cut (outside text quoted in
 * an error stays short and harmless). */
void ds_put_printable(struct ds *, const char *p, size_t len, size_t max);
/* Appends a formatted message to 'error' if it is non-NULL; returns false,
 * for a parser's error paths ("return ds_error(error, ...)"). */
bool ds_error(struct ds *error, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* Removes trailing characters while they are in 'chars'. */
void ds_chomp(struct ds *, const char *chars);
/* Returns the string (never NULL; "" when empty).  Owned by the ds. */
const char *ds_cstr(struct ds *);
/* Returns the string and leaves the ds empty: the caller must free() it. */
char *ds_steal(struct ds *);

#endif /* ofproto/ds.h */

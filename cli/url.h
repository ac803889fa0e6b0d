/* The admin API's base URL, and percent-encoding for the paths and query
 * strings canopyctl builds under it.  Pure code: no I/O.
 *
 * A base URL is "http://HOST[:PORT][/PREFIX]" or "https://...": HOST is a
 * name, an IPv4 address or an [IPv6] literal; PREFIX is kept for an API
 * served behind a reverse proxy.  User info, a query or a fragment is
 * refused (the token goes in a header, the rest of the URL is canopyctl's
 * to build). */
#ifndef CLI_URL_H
#define CLI_URL_H 1

#include <stdbool.h>
#include <stdint.h>

struct ds;

struct url {
    bool tls;           /* https. */
    char *host;         /* Name or address, IPv6 without brackets. */
    uint16_t port;      /* 80 or 443 unless given. */
    char *prefix;       /* "" or "/PREFIX" without a final '/'. */
};

/* Parses 'text' into 'url' (which the caller frees with url_destroy(),
 * after a success only).  Returns 0, or -1 with a malloc'd one-line
 * '*error' that names 'text'. */
int url_parse(const char *text, struct url *url, char **error);
void url_destroy(struct url *);

/* True if 'host' is an IPv4 or IPv6 address rather than a name. */
bool url_host_is_ip(const char *host);

/* Appends "HOST[:PORT]" as a Host header wants it: the port only when it
 * is not the scheme's default, an IPv6 address in brackets. */
void url_put_authority(struct ds *, const struct url *);

/* Appends the whole base URL, "http://HOST:PORT/PREFIX", for messages. */
void url_put_base(struct ds *, const struct url *);

/* Appends 's' percent-encoded for use as one path segment or one query
 * value: everything but RFC 3986's unreserved characters (letters,
 * digits, '-', '.', '_', '~') becomes %XX. */
void url_put_encoded(struct ds *, const char *s);

/* Appends "?KEY=VALUE" to 'target' if it has no query yet, "&KEY=VALUE"
 * otherwise, with 'value' percent-encoded ('key' is used as is). */
void url_put_query(struct ds *target, const char *key, const char *value);

#endif /* cli/url.h */

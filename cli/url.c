/* Base URLs and percent-encoding: see url.h. */
#include <config.h>

#include "cli/url.h"

#include <arpa/inet.h>
#include <event2/http.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

static int
url_fail(char **error, const char *text, const char *why)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "invalid URL '%s': %s", text, why);
    *error = ds_steal(&ds);
    return -1;
}

int
url_parse(const char *text, struct url *url, char **error)
{
    memset(url, 0, sizeof *url);
    /* libevent's parser checks the syntax (host characters, port digits,
     * brackets); the rules about what a base URL may hold are ours. */
    struct evhttp_uri *u = evhttp_uri_parse_with_flags(text, 0);
    if (!u) {
        return url_fail(error, text, "expected http://HOST[:PORT] or "
                        "https://HOST[:PORT]");
    }
    const char *scheme = evhttp_uri_get_scheme(u);
    const char *host = evhttp_uri_get_host(u);
    const char *path = evhttp_uri_get_path(u);
    int port = evhttp_uri_get_port(u);
    const char *why = NULL;
    bool tls = false;

    if (!scheme || (strcmp(scheme, "http") && strcmp(scheme, "https"))) {
        why = "the scheme must be http or https";
    } else if (!host || !*host) {
        why = "no host";
    } else if (evhttp_uri_get_userinfo(u)) {
        why = "user information is not supported (give the token with "
              "--token-file)";
    } else if (evhttp_uri_get_query(u) || evhttp_uri_get_fragment(u)) {
        why = "a query or fragment is not supported";
    } else if (port == 0 || port > 65535) {
        why = "the port must be from 1 to 65535";
    } else {
        tls = !strcmp(scheme, "https");
    }
    if (why) {
        evhttp_uri_free(u);
        return url_fail(error, text, why);
    }

    url->tls = tls;
    size_t hlen = strlen(host);
    if (host[0] == '[' && hlen >= 2 && host[hlen - 1] == ']') {
        url->host = xmalloc(hlen - 1);
        memcpy(url->host, host + 1, hlen - 2);
        url->host[hlen - 2] = '\0';
    } else {
        url->host = xstrdup(host);
    }
    url->port = port > 0 ? (uint16_t) port : tls ? 443 : 80;
    size_t plen = path ? strlen(path) : 0;
    while (plen && path[plen - 1] == '/') {
        plen--;
    }
    url->prefix = xmalloc(plen + 1);
    memcpy(url->prefix, path ? path : "", plen);
    url->prefix[plen] = '\0';
    evhttp_uri_free(u);
    return 0;
}

void
url_destroy(struct url *url)
{
    if (url) {
        free(url->host);
        free(url->prefix);
        url->host = url->prefix = NULL;
    }
}

bool
url_host_is_ip(const char *host)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1
           || inet_pton(AF_INET6, host, buf) == 1;
}

void
url_put_authority(struct ds *ds, const struct url *url)
{
    bool v6 = strchr(url->host, ':') != NULL;
    ds_put_format(ds, v6 ? "[%s]" : "%s", url->host);
    if (url->port != (url->tls ? 443 : 80)) {
        ds_put_format(ds, ":%u", (unsigned int) url->port);
    }
}

void
url_put_base(struct ds *ds, const struct url *url)
{
    ds_put_cstr(ds, url->tls ? "https://" : "http://");
    url_put_authority(ds, url);
    ds_put_cstr(ds, url->prefix);
}

void
url_put_encoded(struct ds *ds, const char *s)
{
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
            || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'
            || *p == '_' || *p == '~') {
            ds_put_char(ds, (char) *p);
        } else {
            ds_put_format(ds, "%%%02X", *p);
        }
    }
}

void
url_put_query(struct ds *target, const char *key, const char *value)
{
    ds_put_char(target, strchr(ds_cstr(target), '?') ? '&' : '?');
    ds_put_format(target, "%s=", key);
    url_put_encoded(target, value);
}

/* One HTTP exchange over evhttp, plain or TLS: see http.h. */
#include <config.h>

#include "cli/http.h"

#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/util.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/url.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* The state of one exchange, on http_send()'s stack. */
struct http_exchange {
    struct event_base *base;    /* Not owned. */
    struct bufferevent *bev;    /* Owned by the connection. */
    SSL *ssl;                   /* Owned by 'bev'; NULL for http. */
    struct http_response *resp; /* Filled when a response comes. */
    bool finished;              /* The request callback ran. */
    bool timed_out;             /* Our deadline passed first. */
    bool have_error;            /* evhttp said why it failed. */
    enum evhttp_request_error error;
};

static enum http_result
http_fail(char **error, enum http_result result, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum http_result
http_fail(char **error, enum http_result result, const char *fmt, ...)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    va_list args;
    va_start(args, fmt);
    ds_put_vformat(&ds, fmt, args);
    va_end(args);
    *error = ds_steal(&ds);
    return result;
}

int
http_method_from_name(const char *name)
{
    static const struct {
        const char *name;
        enum evhttp_cmd_type type;
    } methods[] = {
        { "GET", EVHTTP_REQ_GET },
        { "POST", EVHTTP_REQ_POST },
        { "PUT", EVHTTP_REQ_PUT },
        { "DELETE", EVHTTP_REQ_DELETE },
    };
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
        if (!strcmp(methods[i].name, name)) {
            return methods[i].type;
        }
    }
    return 0;
}

/* evhttp calls this first when a request fails, with the reason. */
static void
http_error_cb(enum evhttp_request_error error, void *x_)
{
    struct http_exchange *x = x_;
    x->have_error = true;
    x->error = error;
}

/* evhttp calls this when the request is over: with the response, or with
 * a NULL request or no status when it failed.  'req' is evhttp's, freed
 * after we return: the response is copied. */
static void
http_done_cb(struct evhttp_request *req, void *x_)
{
    struct http_exchange *x = x_;
    if (x->finished) {
        return;
    }
    x->finished = true;
    int status = req ? evhttp_request_get_response_code(req) : 0;
    if (status > 0) {
        struct evbuffer *in = evhttp_request_get_input_buffer(req);
        size_t len = evbuffer_get_length(in);
        const char *reason = evhttp_request_get_response_code_line(req);
        x->resp->status = status;
        x->resp->reason = xstrdup(reason ? reason : "");
        x->resp->body = xmalloc(len + 1);
        int n = evbuffer_remove(in, x->resp->body, len);
        x->resp->body_len = n > 0 ? (size_t) n : 0;
        x->resp->body[x->resp->body_len] = '\0';
    }
    event_base_loopbreak(x->base);
}

static void
http_deadline_cb(evutil_socket_t fd, short what, void *x_)
{
    struct http_exchange *x = x_;
    (void) fd;
    (void) what;
    x->timed_out = true;
    event_base_loopbreak(x->base);
}

/* The reason of OpenSSL's last error: "no certificate or crl found"
 * out of "error:05800088:x509 certificate routines::no certificate or crl
 * found". */
static void
http_put_ssl_reason(struct ds *ds, unsigned long e)
{
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    const char *reason = strrchr(buf, ':');
    ds_put_cstr(ds, reason && reason[1] ? reason + 1 : buf);
}

/* Appends OpenSSL's reason for the failure: the certificate check's
 * verdict if it failed, else the first error the bufferevent collected.
 * Returns false if OpenSSL has nothing to say. */
static bool
http_put_tls_error(struct ds *ds, struct http_exchange *x)
{
    long verify = SSL_get_verify_result(x->ssl);
    if (verify != X509_V_OK) {
        ds_put_format(ds, "the server's certificate is not trusted: %s",
                      X509_verify_cert_error_string(verify));
        return true;
    }
    unsigned long e = bufferevent_get_openssl_error(x->bev);
    if (!e) {
        return false;
    }
    ds_put_cstr(ds, "TLS handshake failed: ");
    http_put_ssl_reason(ds, e);
    if (ERR_GET_REASON(e) == SSL_R_WRONG_VERSION_NUMBER) {
        ds_put_cstr(ds, " (does the server speak plain HTTP? try an "
                    "http:// URL)");
    } else if (ERR_GET_REASON(e) == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED
               || ERR_GET_REASON(e) == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE) {
        ds_put_cstr(ds, " (does the server want a client certificate? "
                    "see --cert)");
    }
    while (bufferevent_get_openssl_error(x->bev)) {
        continue;
    }
    return true;
}

/* Checks that 'file' (given with --'option') can be read, so that a
 * mistyped name says so rather than whatever OpenSSL makes of it. */
static bool
http_check_file(const char *option, const char *file, char **error)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        http_fail(error, HTTP_LOCAL_ERROR, "--%s %s: %s", option, file,
                  strerror(errno));
        return false;
    }
    fclose(f);
    return true;
}

/* Fails with OpenSSL's reason for not loading --'option' 'file'. */
static void
http_fail_load(char **error, const char *option, const char *file,
               const char *what)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "--%s %s: cannot load %s: ", option, file, what);
    http_put_ssl_reason(&ds, ERR_peek_last_error());
    *error = ds_steal(&ds);
    ERR_clear_error();
}

/* Sets up the TLS context: the CAs to trust ('cacert' or the system's),
 * and our certificate if the caller gives one.  Returns NULL with
 * '*error' set. */
static SSL_CTX *
http_tls_ctx(const struct http_request *req, char **error)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        out_of_memory();
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    ERR_clear_error();
    if (req->cacert) {
        if (!http_check_file("cacert", req->cacert, error)) {
            goto error;
        }
        if (SSL_CTX_load_verify_locations(ctx, req->cacert, NULL) != 1) {
            http_fail_load(error, "cacert", req->cacert, "CA certificates");
            goto error;
        }
    } else if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        ds_put_cstr(&ds, "cannot load the system's CA certificates: ");
        http_put_ssl_reason(&ds, ERR_peek_last_error());
        *error = ds_steal(&ds);
        goto error;
    }
    if (req->cert) {
        if (!http_check_file("cert", req->cert, error)
            || !http_check_file("key", req->key, error)) {
            goto error;
        }
        if (SSL_CTX_use_certificate_chain_file(ctx, req->cert) != 1) {
            http_fail_load(error, "cert", req->cert, "a certificate");
            goto error;
        }
        if (SSL_CTX_use_PrivateKey_file(ctx, req->key, SSL_FILETYPE_PEM)
            != 1) {
            if (req->key == req->cert) {
                http_fail(error, HTTP_LOCAL_ERROR, "--cert %s holds no "
                          "usable private key: give it with --key",
                          req->cert);
            } else {
                http_fail_load(error, "key", req->key, "a private key");
            }
            goto error;
        }
        if (SSL_CTX_check_private_key(ctx) != 1) {
            http_fail(error, HTTP_LOCAL_ERROR, "--key %s does not match "
                      "the certificate in %s", req->key, req->cert);
            goto error;
        }
    }
    return ctx;

error:
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return NULL;
}

/* Sets up TLS for 'req': an SSL that checks the server's certificate
 * chain and its name or address against the URL's host.  Returns NULL
 * with '*error' set. */
static SSL *
http_tls_new(const struct http_request *req, char **error)
{
    const struct url *url = req->url;
    SSL_CTX *ctx = http_tls_ctx(req, error);
    if (!ctx) {
        return NULL;
    }
    SSL *ssl = SSL_new(ctx);
    SSL_CTX_free(ctx);          /* The SSL holds a reference. */
    if (!ssl) {
        out_of_memory();
    }
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param,
                                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    int ok;
    if (url_host_is_ip(url->host)) {
        ok = X509_VERIFY_PARAM_set1_ip_asc(param, url->host);
    } else {
        /* The name also goes in the handshake (SNI). */
        ok = X509_VERIFY_PARAM_set1_host(param, url->host, 0)
             && SSL_set_tlsext_host_name(ssl, url->host);
    }
    if (ok != 1) {
        SSL_free(ssl);
        http_fail(error, HTTP_LOCAL_ERROR, "cannot check a certificate "
                  "against host '%s'", url->host);
        return NULL;
    }
    return ssl;
}

/* Connects to 'url' once more, without evhttp, to learn why evhttp could
 * not: when a connection fails, libevent closes the socket before our
 * callback runs, and errno no longer tells.  Returns 0 if the connection
 * succeeds (so the server accepted ours and then hung up), else the errno
 * of the last address tried. */
static int
http_probe(const struct url *url, int timeout_ms)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
    };
    struct addrinfo *ai;
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned int) url->port);
    if (getaddrinfo(url->host, port, &hints, &ai)) {
        return EHOSTUNREACH;
    }
    int error = ECONNREFUSED;
    for (struct addrinfo *a = ai; a; a = a->ai_next) {
        int fd = socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK
                                      | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error = errno;
            continue;
        }
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) {
            error = 0;
        } else if (errno != EINPROGRESS) {
            error = errno;
        } else {
            struct pollfd p = { .fd = fd, .events = POLLOUT };
            socklen_t len = sizeof error;
            int n = poll(&p, 1, timeout_ms);
            if (n == 0) {
                error = ETIMEDOUT;
            } else if (n < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error,
                                           &len)) {
                error = errno;
            }
        }
        close(fd);
        if (!error) {
            break;
        }
    }
    freeaddrinfo(ai);
    return error;
}

/* The reason an exchange that got no response failed. */
static void
http_put_failure(struct ds *ds, struct http_exchange *x,
                 const struct http_request *req)
{
    int dns = x->bev ? bufferevent_socket_get_dns_error(x->bev) : 0;
    if (x->timed_out) {
        ds_put_format(ds, "no answer within %u s", req->timeout_s);
    } else if (dns) {
        ds_put_format(ds, "cannot resolve '%s': %s", req->url->host,
                      evutil_gai_strerror(dns));
    } else if (x->ssl && http_put_tls_error(ds, x)) {
        /* Done. */
    } else if (x->have_error && x->error == EVREQ_HTTP_DATA_TOO_LONG) {
        ds_put_format(ds, "the response is larger than %d MiB",
                      HTTP_MAX_BODY >> 20);
    } else if (x->have_error && x->error == EVREQ_HTTP_INVALID_HEADER) {
        ds_put_cstr(ds, "the answer is not a valid HTTP response");
    } else {
        int error = http_probe(req->url, req->timeout_s < 2
                                         ? (int) req->timeout_s * 1000
                                         : 2000);
        if (error) {
            ds_put_cstr(ds, evutil_socket_error_to_string(error));
        } else {
            ds_put_cstr(ds, "the server closed the connection without "
                        "answering");
            if (!req->url->tls) {
                ds_put_cstr(ds, " (if it serves HTTPS, use an https:// "
                            "URL)");
            }
        }
    }
}

enum http_result
http_send(struct event_base *base, const struct http_request *req,
          struct http_response *resp, char **error)
{
    const struct url *url = req->url;
    struct http_exchange x = { .base = base, .resp = resp };
    int method = http_method_from_name(req->method);

    memset(resp, 0, sizeof *resp);
    if (!method) {
        return http_fail(error, HTTP_LOCAL_ERROR, "unknown method %s",
                         req->method);
    }
    if (url->tls) {
        x.ssl = http_tls_new(req, error);
        if (!x.ssl) {
            return HTTP_LOCAL_ERROR;
        }
        x.bev = bufferevent_openssl_socket_new(base, -1, x.ssl,
                                               BUFFEREVENT_SSL_CONNECTING,
                                               BEV_OPT_CLOSE_ON_FREE
                                               | BEV_OPT_DEFER_CALLBACKS);
        if (!x.bev) {
            SSL_free(x.ssl);
            return http_fail(error, HTTP_LOCAL_ERROR, "cannot set up TLS");
        }
        /* A server that closes without close_notify after a complete
         * response (its length was given) is not an error. */
        bufferevent_openssl_set_allow_dirty_shutdown(x.bev, 1);
    } else {
        x.bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
        if (!x.bev) {
            return http_fail(error, HTTP_LOCAL_ERROR, "cannot create a "
                             "socket buffer");
        }
    }

    /* The connection owns the bufferevent (and through it the SSL) from
     * here on.  A NULL DNS base means the system resolver. */
    struct evhttp_connection *conn = evhttp_connection_base_bufferevent_new(
        base, NULL, x.bev, url->host, url->port);
    if (!conn) {
        bufferevent_free(x.bev);
        return http_fail(error, HTTP_LOCAL_ERROR, "cannot create an HTTP "
                         "connection");
    }
    /* evhttp's own timeouts (connecting, and between reads or writes) are
     * set past our deadline, which decides alone. */
    evhttp_connection_set_timeout(conn, (int) req->timeout_s + 1);
    evhttp_connection_set_retries(conn, 0);
    evhttp_connection_set_max_headers_size(conn, HTTP_MAX_HEADERS);
    evhttp_connection_set_max_body_size(conn, HTTP_MAX_BODY);

    struct evhttp_request *r = evhttp_request_new(http_done_cb, &x);
    if (!r) {
        out_of_memory();
    }
    evhttp_request_set_error_cb(r, http_error_cb);
    struct evkeyvalq *h = evhttp_request_get_output_headers(r);
    struct ds ds = DS_EMPTY_INITIALIZER;
    url_put_authority(&ds, url);
    evhttp_add_header(h, "Host", ds_cstr(&ds));
    ds_clear(&ds);
    ds_put_format(&ds, "canopyctl/%s", PACKAGE_VERSION);
    evhttp_add_header(h, "User-Agent", ds_cstr(&ds));
    evhttp_add_header(h, "Accept", "application/json, text/plain");
    evhttp_add_header(h, "Connection", "close");
    if (req->token) {
        ds_clear(&ds);
        ds_put_format(&ds, "Bearer %s", req->token);
        evhttp_add_header(h, "Authorization", ds_cstr(&ds));
    }
    ds_destroy(&ds);
    if (req->body) {
        evhttp_add_header(h, "Content-Type", req->content_type
                                                 ? req->content_type
                                                 : "application/json");
        evbuffer_add(evhttp_request_get_output_buffer(r), req->body,
                     req->body_len);
    }

    /* Our own deadline covers it all (resolving aside): connecting, the
     * TLS handshake, sending and the whole response. */
    struct event *deadline = evtimer_new(base, http_deadline_cb, &x);
    if (!deadline) {
        out_of_memory();
    }
    struct timeval tv = { .tv_sec = (time_t) req->timeout_s };
    evtimer_add(deadline, &tv);

    /* evhttp_make_request() takes 'r' whatever it returns. */
    if (evhttp_make_request(conn, r, (enum evhttp_cmd_type) method,
                            req->target) == 0 || x.finished) {
        while (!x.finished && !x.timed_out) {
            if (event_base_dispatch(base) < 0) {
                break;
            }
            if (!x.finished && !x.timed_out
                && !event_base_got_break(base)) {
                break;          /* Nothing left to wait for. */
            }
        }
    }

    enum http_result result = HTTP_ANSWERED;
    if (!resp->status) {
        struct ds why = DS_EMPTY_INITIALIZER;
        struct ds base_url = DS_EMPTY_INITIALIZER;
        url_put_base(&base_url, url);
        http_put_failure(&why, &x, req);
        http_fail(error, HTTP_UNREACHABLE, "cannot reach %s: %s",
                  ds_cstr(&base_url), ds_cstr(&why));
        ds_destroy(&why);
        ds_destroy(&base_url);
        result = HTTP_UNREACHABLE;
    }
    event_free(deadline);
    /* Frees a request still pending (timed out), the bufferevent and the
     * SSL; our callbacks see 'finished' or are not called. */
    x.finished = true;
    evhttp_connection_free(conn);
    ERR_clear_error();
    return result;
}

void
http_response_destroy(struct http_response *resp)
{
    if (resp) {
        free(resp->reason);
        free(resp->body);
        memset(resp, 0, sizeof *resp);
    }
}

/* One HTTP request and its response, over libevent's evhttp client: plain
 * TCP for http:// URLs, TLS through bufferevent_openssl for https:// with
 * the server's certificate verified (chain and host name or address).
 *
 * http_send() runs the event loop of the base it is given until the
 * response is complete, the deadline passes or the exchange fails, and
 * says which of those happened, so that the caller can tell "the server
 * said no" (a response with an error status) from "no server answered". */
#ifndef CLI_HTTP_H
#define CLI_HTTP_H 1

#include <stddef.h>

struct event_base;
struct url;

/* Limits on what the server can make us hold. */
#define HTTP_MAX_HEADERS (64 * 1024)
#define HTTP_MAX_BODY (64 * 1024 * 1024)

struct http_request {
    const struct url *url;      /* Where: scheme, host and port. */
    const char *method;         /* "GET", "POST" or "DELETE". */
    const char *target;         /* Path and query, percent-encoded. */
    const char *token;          /* Sent as "Bearer TOKEN"; NULL: none. */
    const char *body;           /* NULL: none. */
    size_t body_len;
    const char *content_type;   /* Of 'body'. */
    const char *cacert;         /* https: CA certificates (PEM file) to
                                 * trust; NULL: the system's store. */
    const char *cert;           /* https: our certificate chain (PEM) for
                                 * a server that asks for one, or NULL. */
    const char *key;            /* Its private key (PEM). */
    unsigned int timeout_s;     /* For the whole exchange. */
};

struct http_response {
    int status;                 /* 200, 404, ... */
    char *reason;               /* The status line's text; owned. */
    char *body;                 /* Owned; a NUL follows the body. */
    size_t body_len;
};

enum http_result {
    HTTP_ANSWERED,              /* A response came, whatever its status. */
    HTTP_LOCAL_ERROR,           /* Nothing was sent: a local problem (the
                                 * CA file does not load, say). */
    HTTP_UNREACHABLE,           /* No response: the name does not resolve,
                                 * the connection is refused, the TLS
                                 * handshake or certificate check fails,
                                 * the deadline passes, the server hangs
                                 * up or sends something that is not
                                 * HTTP. */
};

/* Sends 'req' and waits for the response, running 'base'.  On
 * HTTP_ANSWERED '*resp' is filled (free it with http_response_destroy());
 * otherwise '*error' is a malloc'd one-line reason and '*resp' holds
 * nothing. */
enum http_result http_send(struct event_base *base,
                           const struct http_request *req,
                           struct http_response *resp, char **error);
void http_response_destroy(struct http_response *);

/* The evhttp method for "GET", "POST", "PUT" or "DELETE"; 0 if unknown. */
int http_method_from_name(const char *);

#endif /* cli/http.h */

/* TLS for switch connections on OpenSSL 3: see tls.h. */
#include <config.h>

#include "controller/tls.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

/* TLS 1.2 suites: forward secrecy and strong ciphers only (TLS 1.3 suites
 * are all fine and keep OpenSSL's defaults).  Open vSwitch offers ECDHE
 * with AES-GCM, so every switch we care about finds a match. */
#define TLS_CIPHERS_12 "HIGH:!aNULL:!eNULL:!kRSA:!PSK:!SRP:!MD5:!RC4:!3DES"

/* With read-ahead OpenSSL reads up to this much per recv(): many records
 * per system call under load, as the TCP path reads 64 KiB at a time. */
#define TLS_READ_BUFFER (64 * 1024)

struct tls_ctx {
    SSL_CTX *ssl_ctx;
    BIO_METHOD *bio_method;     /* Our socket BIO: see tls_bio_*(). */
    bool server;
    unsigned int refs;          /* The creator's, plus one per conn. */
};

struct tls_conn {
    struct tls_ctx *ctx;        /* Holds a reference. */
    SSL *ssl;                   /* Owns the BIO. */
    int fd;                     /* The caller's; never closed here. */

    bool established;           /* Handshake completed, peer verified. */
    bool failed;                /* Fatal error: see 'error'. */
    bool eof;                   /* Peer closed (cleanly if !error[0]). */
    bool broken;                /* No more TLS output: no close_notify. */
    bool want_write;            /* Last EAGAIN waits for writability. */
    bool sock_eof;              /* recv() returned 0. */

    char error[384];            /* Last failure; "" if none. */
    char verify_note[160];      /* First chain problem: depth, subject. */
};

static void
tls_set_message(char **error, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- Errors. ----------------------------------------------------------- */

/* Writes OpenSSL's reason for packed error 'e' into 'buf'. */
static void
tls_format_error(unsigned long e, char *buf, size_t size)
{
    if (ERR_SYSTEM_ERROR(e)) {
        snprintf(buf, size, "%s", strerror(ERR_GET_REASON(e)));
        return;
    }
    const char *reason = ERR_reason_error_string(e);
    if (reason) {
        snprintf(buf, size, "%s", reason);
    } else {
        ERR_error_string_n(e, buf, size);
    }
}

/* Writes the reason of the oldest error in the thread's queue (the root
 * cause; later entries only say which call gave up) into 'buf', or
 * 'fallback' if the queue is empty, and empties the queue. */
static void
tls_queue_reason(char *buf, size_t size, const char *fallback)
{
    unsigned long e = ERR_peek_error();
    if (e) {
        tls_format_error(e, buf, size);
    } else {
        snprintf(buf, size, "%s", fallback);
    }
    ERR_clear_error();
}

static bool
tls_queue_has(int lib, int reason)
{
    unsigned long e = ERR_peek_error();
    return e && !ERR_SYSTEM_ERROR(e) && ERR_GET_LIB(e) == lib
           && ERR_GET_REASON(e) == reason;
}

/* Like tls_queue_reason() for a file that failed to load, where OpenSSL's
 * reasons are least helpful: says plainly when the file holds no PEM block
 * of the 'what' kind. */
static void
tls_load_reason(char *buf, size_t size, const char *what)
{
    unsigned long first = 0;
    unsigned long e;
    bool no_pem = false;
    while ((e = ERR_get_error()) != 0) {
        if (!first) {
            first = e;
        }
        /* PEM says "no start line"; the key decoders of OpenSSL 3 say
         * "unsupported" when no decoder recognised anything. */
        if (!ERR_SYSTEM_ERROR(e)
            && ((ERR_GET_LIB(e) == ERR_LIB_PEM
                 && ERR_GET_REASON(e) == PEM_R_NO_START_LINE)
                || (ERR_GET_LIB(e) == ERR_LIB_OSSL_DECODER
                    && ERR_GET_REASON(e) == ERR_R_UNSUPPORTED))) {
            no_pem = true;
        }
    }
    if (first && ERR_SYSTEM_ERROR(first)) {
        tls_format_error(first, buf, size);
    } else if (no_pem || !first) {
        snprintf(buf, size, "no PEM %s found in it", what);
    } else {
        tls_format_error(first, buf, size);
    }
}

static void
tls_set_message(char **error, const char *format, ...)
{
    if (!error) {
        return;
    }
    char buf[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    *error = strdup(buf);       /* NULL if out of memory: still a failure. */
}

/* ---- Socket BIO. --------------------------------------------------------
 *
 * OpenSSL's own socket BIO writes with write(), which raises SIGPIPE when
 * the switch has gone.  This one uses send(MSG_NOSIGNAL), retries EINTR and
 * remembers an end of stream for BIO_eof().  Its data is the tls_conn. */

/* The type number of our BIO, or -1.  OpenSSL hands out only 127 of them
 * per process, so one is taken once and shared by every context (each has
 * its own method table, freed with it); a reload must not use them up. */
static int
tls_bio_type(void)
{
    static int type = -1;
    if (type < 0) {
        type = BIO_get_new_index();
    }
    return type;
}

static int
tls_bio_write(BIO *bio, const char *data, int len)
{
    struct tls_conn *conn = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    for (;;) {
        ssize_t n = send(conn->fd, data, (size_t) len, MSG_NOSIGNAL);
        if (n >= 0) {
            return (int) n;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            BIO_set_retry_write(bio);
        }
        return -1;
    }
}

static int
tls_bio_read(BIO *bio, char *data, int len)
{
    struct tls_conn *conn = BIO_get_data(bio);
    BIO_clear_retry_flags(bio);
    for (;;) {
        ssize_t n = recv(conn->fd, data, (size_t) len, 0);
        if (n > 0) {
            return (int) n;
        }
        if (n == 0) {
            conn->sock_eof = true;
            return 0;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            BIO_set_retry_read(bio);
        }
        return -1;
    }
}

static long
tls_bio_ctrl(BIO *bio, int cmd, long num, void *ptr)
{
    struct tls_conn *conn = BIO_get_data(bio);
    (void) num;
    (void) ptr;
    switch (cmd) {
    case BIO_CTRL_FLUSH:
        return 1;               /* Nothing is buffered here. */
    case BIO_CTRL_EOF:
        return conn && conn->sock_eof;
    case BIO_C_GET_FD:
        return conn ? conn->fd : -1;
    default:
        return 0;
    }
}

/* ---- Verification. ----------------------------------------------------- */

/* Writes 'name' as one line of printable ASCII (RFC 2253, everything else
 * escaped) into 'buf'. */
static void
tls_name_to_buf(const X509_NAME *name, char *buf, size_t size)
{
    buf[0] = '\0';
    BIO *mem = BIO_new(BIO_s_mem());
    if (!mem) {
        return;
    }
    if (X509_NAME_print_ex(mem, name, 0, XN_FLAG_RFC2253) >= 0) {
        char *p;
        long n = BIO_get_mem_data(mem, &p);
        size_t len = n > 0 ? (size_t) n : 0;
        if (len >= size) {
            len = size - 1;
        }
        memcpy(buf, p, len);
        buf[len] = '\0';
    }
    BIO_free(mem);
}

/* Notes where the peer's chain first went wrong, for tls_error(); OpenSSL
 * keeps only the error code once the store context is gone. */
static int
tls_verify_cb(int ok, X509_STORE_CTX *store)
{
    if (ok) {
        return ok;
    }
    int idx = SSL_get_ex_data_X509_STORE_CTX_idx();
    SSL *ssl = X509_STORE_CTX_get_ex_data(store, idx);
    struct tls_conn *conn = ssl ? SSL_get_app_data(ssl) : NULL;
    if (conn && !conn->verify_note[0]) {
        X509 *cert = X509_STORE_CTX_get_current_cert(store);
        char subject[128] = "";
        if (cert) {
            tls_name_to_buf(X509_get_subject_name(cert), subject,
                            sizeof subject);
        }
        snprintf(conn->verify_note, sizeof conn->verify_note,
                 "depth %d, %s", X509_STORE_CTX_get_error_depth(store),
                 subject[0] ? subject : "no subject");
    }
    return ok;
}

/* ---- Contexts. --------------------------------------------------------- */

/* Refuses encrypted keys instead of prompting on a terminal.  If 'aux' is
 * not NULL it is a bool that records that a passphrase was asked for. */
static int
tls_no_passphrase(char *buf, int size, int rwflag, void *aux)
{
    (void) buf;
    (void) size;
    (void) rwflag;
    if (aux) {
        *(bool *) aux = true;
    }
    return 0;
}

static void
tls_ctx_unref(struct tls_ctx *ctx)
{
    if (ctx && !--ctx->refs) {
        SSL_CTX_free(ctx->ssl_ctx);
        BIO_meth_free(ctx->bio_method);
        free(ctx);
    }
}

/* Loads the private key in 'key' into 'sc' after checking it against the
 * certificate already there.  Returns false with '*error' set. */
static bool
tls_ctx_load_key(SSL_CTX *sc, const char *key, const char *cert,
                 char **error)
{
    char why[200];
    bool encrypted = false;
    BIO *in = BIO_new_file(key, "r");
    EVP_PKEY *pkey = in ? PEM_read_bio_PrivateKey(in, NULL, tls_no_passphrase,
                                                  &encrypted)
                        : NULL;
    BIO_free(in);
    if (!pkey) {
        tls_load_reason(why, sizeof why, "private key");
        tls_set_message(error, "cannot load private key from %s: %s", key,
                        encrypted ? "it is encrypted, and encrypted keys "
                                    "are not supported"
                                  : why);
        return false;
    }
    X509 *x = SSL_CTX_get0_certificate(sc);
    if (!x || X509_check_private_key(x, pkey) != 1) {
        ERR_clear_error();
        EVP_PKEY_free(pkey);
        tls_set_message(error, "private key %s does not match certificate %s",
                        key, cert);
        return false;
    }
    int ok = SSL_CTX_use_PrivateKey(sc, pkey);
    EVP_PKEY_free(pkey);        /* The context took its own reference. */
    if (ok != 1) {
        tls_queue_reason(why, sizeof why, "unknown error");
        tls_set_message(error, "cannot use private key from %s: %s", key,
                        why);
        return false;
    }
    return true;
}

/* Loads our certificate chain and its key. */
static bool
tls_ctx_load_identity(SSL_CTX *sc, const char *cert, const char *key,
                      char **error)
{
    char why[200];
    if (SSL_CTX_use_certificate_chain_file(sc, cert) != 1) {
        tls_load_reason(why, sizeof why, "certificate");
        tls_set_message(error, "cannot load certificate from %s: %s", cert,
                        why);
        return false;
    }
    return tls_ctx_load_key(sc, key, cert, error);
}

/* What every context of ours has: TLS 1.2 or newer with forward-secret
 * ciphers, security level 2, no resumption, no renegotiation, no prompt
 * for a passphrase. */
static bool
tls_ctx_harden(SSL_CTX *sc, char **error)
{
    char why[200];
    if (SSL_CTX_set_min_proto_version(sc, TLS1_2_VERSION) != 1
        || SSL_CTX_set_cipher_list(sc, TLS_CIPHERS_12) != 1) {
        tls_queue_reason(why, sizeof why, "unknown error");
        tls_set_message(error, "cannot set up TLS: %s", why);
        return false;
    }
    /* Level 2: RSA and DH keys of 2048 bits or more, no SHA-1 signatures;
     * a weak certificate fails here, at load time, with a clear reason. */
    SSL_CTX_set_security_level(sc, 2);
    /* No resumption: it would skip the peer's certificate, and switch
     * sessions are long-lived anyway.  No renegotiation. */
    SSL_CTX_set_session_cache_mode(sc, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(sc, 0);
    SSL_CTX_set_options(sc, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION
                            | SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_default_passwd_cb(sc, tls_no_passphrase);
    return true;
}

struct tls_ctx *
tls_ctx_create(const char *ca, const char *cert, const char *key,
               bool server, char **error)
{
    char why[200];

    if (error) {
        *error = NULL;
    }
    if (!ca || !cert || !key) {
        tls_set_message(error, "TLS needs a CA, a certificate and a key");
        return NULL;
    }
    ERR_clear_error();

    struct tls_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        tls_set_message(error, "out of memory");
        return NULL;
    }
    ctx->server = server;
    ctx->refs = 1;
    ctx->ssl_ctx = SSL_CTX_new(server ? TLS_server_method()
                                      : TLS_client_method());
    int bio_type = tls_bio_type();
    ctx->bio_method = bio_type < 0 ? NULL
                      : BIO_meth_new(bio_type | BIO_TYPE_SOURCE_SINK
                                     | BIO_TYPE_DESCRIPTOR,
                                     "canopy socket");
    if (!ctx->ssl_ctx || !ctx->bio_method
        || !BIO_meth_set_write(ctx->bio_method, tls_bio_write)
        || !BIO_meth_set_read(ctx->bio_method, tls_bio_read)
        || !BIO_meth_set_ctrl(ctx->bio_method, tls_bio_ctrl)) {
        tls_queue_reason(why, sizeof why, "out of memory");
        tls_set_message(error, "cannot set up TLS: %s", why);
        goto error;
    }

    SSL_CTX *sc = ctx->ssl_ctx;
    if (!tls_ctx_harden(sc, error)) {
        goto error;
    }
    /* The tx queue is written straight from its buffer, in pieces, and the
     * buffer may move between a blocked write and its retry. */
    SSL_CTX_set_mode(sc, SSL_MODE_ENABLE_PARTIAL_WRITE
                         | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_read_ahead(sc, 1);
    SSL_CTX_set_default_read_buffer_len(sc, TLS_READ_BUFFER);
    SSL_CTX_set_verify(sc, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                       tls_verify_cb);

    if (!tls_ctx_load_identity(sc, cert, key, error)) {
        goto error;
    }
    if (SSL_CTX_load_verify_file(sc, ca) != 1) {
        tls_queue_reason(why, sizeof why, "no CA certificate found");
        tls_set_message(error, "cannot load CA certificates from %s: %s", ca,
                        why);
        goto error;
    }
    if (server) {
        /* Tells switches which CA we accept, so that one with several
         * certificates can pick the right one. */
        STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(ca);
        if (!names) {
            tls_queue_reason(why, sizeof why, "no CA certificate found");
            tls_set_message(error, "cannot load CA certificates from %s: %s",
                            ca, why);
            goto error;
        }
        SSL_CTX_set_client_CA_list(sc, names);  /* Takes 'names'. */
    }
    ERR_clear_error();
    return ctx;

error:
    ERR_clear_error();
    tls_ctx_unref(ctx);
    return NULL;
}

SSL_CTX *
tls_https_ctx_create(const char *cert, const char *key, const char *ca,
                     char **error)
{
    char why[200];
    if (error) {
        *error = NULL;
    }
    ERR_clear_error();
    SSL_CTX *sc = SSL_CTX_new(TLS_server_method());
    if (!sc) {
        tls_queue_reason(why, sizeof why, "out of memory");
        tls_set_message(error, "cannot set up TLS: %s", why);
        return NULL;
    }
    if (!tls_ctx_harden(sc, error)) {
        goto error;
    }
    if (!tls_ctx_load_identity(sc, cert, key, error)) {
        goto error;
    }
    if (ca) {
        STACK_OF(X509_NAME) *names = NULL;
        if (SSL_CTX_load_verify_file(sc, ca) != 1
            || !(names = SSL_load_client_CA_file(ca))) {
            tls_queue_reason(why, sizeof why, "no CA certificate found");
            tls_set_message(error, "cannot load CA certificates from %s: %s",
                            ca, why);
            goto error;
        }
        SSL_CTX_set_client_CA_list(sc, names);  /* Takes 'names'. */
        SSL_CTX_set_verify(sc, SSL_VERIFY_PEER
                               | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    ERR_clear_error();
    return sc;

error:
    ERR_clear_error();
    SSL_CTX_free(sc);
    return NULL;
}

void
tls_ctx_destroy(struct tls_ctx *ctx)
{
    tls_ctx_unref(ctx);
}

/* ---- Connections. ------------------------------------------------------ */

struct tls_conn *
tls_conn_create(struct tls_ctx *ctx, int fd)
{
    struct tls_conn *conn = calloc(1, sizeof *conn);
    if (!conn) {
        return NULL;
    }
    conn->fd = fd;
    conn->ssl = SSL_new(ctx->ssl_ctx);
    BIO *bio = conn->ssl ? BIO_new(ctx->bio_method) : NULL;
    if (!bio) {
        SSL_free(conn->ssl);
        free(conn);
        ERR_clear_error();
        return NULL;
    }
    BIO_set_data(bio, conn);
    BIO_set_init(bio, 1);
    SSL_set_bio(conn->ssl, bio, bio);   /* The SSL owns the one reference. */
    SSL_set_app_data(conn->ssl, conn);
    if (ctx->server) {
        SSL_set_accept_state(conn->ssl);
    } else {
        SSL_set_connect_state(conn->ssl);
    }
    conn->ctx = ctx;
    ctx->refs++;
    return conn;
}

void
tls_conn_destroy(struct tls_conn *conn)
{
    if (!conn) {
        return;
    }
    SSL_free(conn->ssl);
    ERR_clear_error();
    tls_ctx_unref(conn->ctx);
    free(conn);
}

/* Records why 'conn' failed after an OpenSSL call returned 'ret' with
 * SSL_get_error() 'err' ('saved_errno' is errno right after the call), and
 * empties the error queue. */
static void
tls_fail(struct tls_conn *conn, int err, int saved_errno)
{
    char why[200];
    long verify = SSL_get_verify_result(conn->ssl);

    if (tls_queue_has(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED)
        && verify != X509_V_OK) {
        ERR_clear_error();
        snprintf(why, sizeof why, "certificate verify failed: %s",
                 X509_verify_cert_error_string(verify));
        if (conn->verify_note[0]) {
            snprintf(conn->error, sizeof conn->error, "%s (%s)", why,
                     conn->verify_note);
        } else {
            snprintf(conn->error, sizeof conn->error, "%s", why);
        }
    } else if (tls_queue_has(ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING)
               || (err == SSL_ERROR_SYSCALL && !ERR_peek_error()
                   && (!saved_errno || conn->sock_eof))) {
        ERR_clear_error();
        snprintf(conn->error, sizeof conn->error, "%s",
                 conn->established
                 ? "connection closed without TLS close_notify"
                 : "connection closed during the TLS handshake");
    } else if (err == SSL_ERROR_SYSCALL && !ERR_peek_error()
               && (saved_errno == EPIPE || saved_errno == ECONNRESET)) {
        snprintf(conn->error, sizeof conn->error, "%s (%s)",
                 conn->established
                 ? "connection closed by peer"
                 : "connection closed during the TLS handshake",
                 strerror(saved_errno));
    } else if (err == SSL_ERROR_SYSCALL && !ERR_peek_error()) {
        snprintf(conn->error, sizeof conn->error, "%s",
                 strerror(saved_errno));
    } else if (err == SSL_ERROR_ZERO_RETURN) {
        ERR_clear_error();
        snprintf(conn->error, sizeof conn->error, "%s",
                 "peer closed the TLS session");
    } else {
        tls_queue_reason(conn->error, sizeof conn->error, "TLS error");
    }
    conn->failed = true;
    conn->broken = true;
    ERR_clear_error();
}

enum tls_status
tls_handshake(struct tls_conn *conn)
{
    if (conn->failed) {
        return TLS_ERROR;
    }
    if (conn->established) {
        return TLS_OK;
    }
    ERR_clear_error();
    int ret = SSL_do_handshake(conn->ssl);
    int saved_errno = errno;
    if (ret == 1) {
        /* SSL_VERIFY_PEER already refused a bad chain; this catches a
         * client-side session where the server sent no certificate (only
         * possible with anonymous suites, which we never offer). */
        if (!SSL_get0_peer_certificate(conn->ssl)
            || SSL_get_verify_result(conn->ssl) != X509_V_OK) {
            snprintf(conn->error, sizeof conn->error, "%s",
                     "peer did not return a certificate");
            conn->failed = true;
            conn->broken = true;
            ERR_clear_error();
            return TLS_ERROR;
        }
        conn->established = true;
        ERR_clear_error();
        return TLS_OK;
    }
    int err = SSL_get_error(conn->ssl, ret);
    switch (err) {
    case SSL_ERROR_WANT_READ:
        conn->want_write = false;
        ERR_clear_error();
        return TLS_WANT_READ;
    case SSL_ERROR_WANT_WRITE:
        conn->want_write = true;
        ERR_clear_error();
        return TLS_WANT_WRITE;
    default:
        tls_fail(conn, err, saved_errno);
        return TLS_ERROR;
    }
}

ssize_t
tls_read(struct tls_conn *conn, void *buf, size_t n)
{
    if (conn->failed) {
        errno = EIO;
        return -1;
    }
    if (conn->eof) {
        return 0;
    }
    if (!conn->established) {
        errno = ENOTCONN;
        return -1;
    }
    if (!n) {
        errno = EINVAL;
        return -1;
    }

    ERR_clear_error();
    int ret = SSL_read(conn->ssl, buf, n > INT_MAX ? INT_MAX : (int) n);
    int saved_errno = errno;
    if (ret > 0) {
        return ret;
    }
    int err = SSL_get_error(conn->ssl, ret);
    switch (err) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        conn->want_write = err == SSL_ERROR_WANT_WRITE;
        ERR_clear_error();
        errno = EAGAIN;
        return -1;
    case SSL_ERROR_ZERO_RETURN:
        /* close_notify: a clean end, and we may still send ours. */
        conn->eof = true;
        ERR_clear_error();
        return 0;
    case SSL_ERROR_SYSCALL:
    case SSL_ERROR_SSL:
        if (tls_queue_has(ERR_LIB_SSL, SSL_R_UNEXPECTED_EOF_WHILE_READING)
            || (err == SSL_ERROR_SYSCALL && !ERR_peek_error()
                && (!saved_errno || conn->sock_eof))) {
            /* The peer closed the socket without a close_notify.  For
             * OpenFlow that is an ordinary end of stream (messages carry
             * their length, so a truncation is seen above us); keep the
             * reason for the log. */
            ERR_clear_error();
            snprintf(conn->error, sizeof conn->error, "%s",
                     "connection closed without TLS close_notify");
            conn->eof = true;
            conn->broken = true;
            return 0;
        }
        /* Fall through. */
    default:
        tls_fail(conn, err, saved_errno);
        errno = EIO;
        return -1;
    }
}

ssize_t
tls_write(struct tls_conn *conn, const void *buf, size_t n)
{
    if (conn->failed) {
        errno = EIO;
        return -1;
    }
    if (!conn->established) {
        errno = ENOTCONN;
        return -1;
    }
    if (conn->broken) {
        /* The peer closed the socket, or we sent our close_notify: no more
         * application data can go out. */
        if (!conn->error[0]) {
            snprintf(conn->error, sizeof conn->error, "%s",
                     "TLS session already shut down");
        }
        errno = EIO;
        return -1;
    }
    if (!n) {
        return 0;
    }

    ERR_clear_error();
    int ret = SSL_write(conn->ssl, buf, n > INT_MAX ? INT_MAX : (int) n);
    int saved_errno = errno;
    if (ret > 0) {
        return ret;
    }
    int err = SSL_get_error(conn->ssl, ret);
    switch (err) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE:
        conn->want_write = err == SSL_ERROR_WANT_WRITE;
        ERR_clear_error();
        errno = EAGAIN;
        return -1;
    default:
        tls_fail(conn, err, saved_errno);
        errno = EIO;
        return -1;
    }
}

bool
tls_wants_write(const struct tls_conn *conn)
{
    return conn->want_write;
}

bool
tls_pending(const struct tls_conn *conn)
{
    return conn->established && !conn->failed && !conn->eof
           && SSL_has_pending(conn->ssl);
}

void
tls_conn_shutdown(struct tls_conn *conn)
{
    if (!conn || !conn->established || conn->broken) {
        return;
    }
    /* One try: queues the close_notify and sends what the socket takes.
     * We never wait for the peer's; the socket is closed next. */
    ERR_clear_error();
    (void) SSL_shutdown(conn->ssl);
    ERR_clear_error();
    conn->broken = true;
}

const char *
tls_error(const struct tls_conn *conn)
{
    return conn->error[0] ? conn->error : NULL;
}

/* ---- Peer identity. ---------------------------------------------------- */

bool
tls_peer_fingerprint(const struct tls_conn *conn, uint8_t sha256[32])
{
    X509 *peer = conn->established ? SSL_get0_peer_certificate(conn->ssl)
                                   : NULL;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!peer || !X509_digest(peer, EVP_sha256(), md, &len) || len != 32) {
        ERR_clear_error();
        memset(sha256, 0, 32);
        return false;
    }
    memcpy(sha256, md, 32);
    return true;
}

bool
tls_peer_subject(const struct tls_conn *conn, char *buf, size_t size)
{
    X509 *peer = conn->established ? SSL_get0_peer_certificate(conn->ssl)
                                   : NULL;
    if (!peer) {
        buf[0] = '\0';
        return false;
    }
    tls_name_to_buf(X509_get_subject_name(peer), buf, size);
    ERR_clear_error();
    return true;
}

const char *
tls_version_name(const struct tls_conn *conn)
{
    return conn->established ? SSL_get_version(conn->ssl) : "";
}

const char *
tls_cipher_name(const struct tls_conn *conn)
{
    const char *name = conn->established ? SSL_get_cipher_name(conn->ssl)
                                         : NULL;
    return name ? name : "";
}

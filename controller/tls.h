/* TLS for switch connections, on OpenSSL 3, over a non-blocking socket that
 * the caller owns and polls.
 *
 * The module does no waiting of its own: every call does what the socket
 * allows now and says which way the socket must become ready before the
 * call is worth repeating.  So the event loop (libevent, in conn.c) keeps
 * owning the socket and the events, and the read path can use large buffers
 * of its own exactly as the TCP path does.
 *
 *   tls_ctx    one per role (listening = server, dialling out = client) and
 *              set of files: our certificate and key, and the CA that the
 *              peer's certificate must chain to.  TLS 1.2 at least, mutual
 *              authentication always (a switch without a certificate from
 *              the CA is refused), no session resumption (every connection
 *              verifies the peer's certificate afresh).
 *   tls_conn   one TLS session on one socket.  It does not own the socket:
 *              the caller closes it after tls_conn_destroy().
 *
 * Errors are per connection: every failure leaves a one-line reason in the
 * connection (tls_error()), and OpenSSL's thread-wide error queue is
 * emptied before and after each OpenSSL call, so one switch's failure is
 * never reported against another.
 *
 * Writes go through send(MSG_NOSIGNAL): a peer that vanishes costs an EIO,
 * never a SIGPIPE.  Not thread-safe: a ctx and its conns belong to one
 * thread (the event loop). */
#ifndef CONTROLLER_TLS_H
#define CONTROLLER_TLS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct tls_ctx;
struct tls_conn;

/* Results of tls_handshake(). */
enum tls_status {
    TLS_OK,             /* Handshake complete, peer verified. */
    TLS_WANT_READ,      /* Call again when the socket is readable. */
    TLS_WANT_WRITE,     /* Call again when the socket is writable. */
    TLS_ERROR,          /* Failed for good; see tls_error(). */
};

/* ---- Contexts. --------------------------------------------------------- */

/* Loads our certificate chain ('cert', PEM, leaf first, intermediates
 * after it), our private key ('key', PEM, unencrypted; it must match the
 * certificate) and the CA certificates ('ca', PEM, one or more) that a
 * peer's certificate must chain to.  'server' selects the role of every
 * connection made from this context: true for accepted sockets, false for
 * sockets we connected (switches in passive mode).
 *
 * Our own certificate is not checked against 'ca': as with ovs-pki, the
 * controller's certificate may come from a different CA than the switches'.
 * Peers are verified by chain only, not by host name; a switch's identity
 * is its certificate (see tls_peer_fingerprint() and the config's pins).
 *
 * Returns the context, or NULL with a malloc'd one-line message naming the
 * file and OpenSSL's reason in '*error' (caller frees; 'error' may be NULL).
 * Never prompts for a passphrase. */
struct tls_ctx *tls_ctx_create(const char *ca, const char *cert,
                               const char *key, bool server, char **error);
/* Drops the caller's reference.  Connections made from the context keep it
 * alive until they are destroyed, so a reload may swap contexts while old
 * connections run on.  Accepts NULL. */
void tls_ctx_destroy(struct tls_ctx *);

/* An OpenSSL server context for HTTPS (the admin API, where libevent's
 * bufferevent_openssl drives the sessions): the same protocol versions,
 * ciphers and security level as switch sessions, our certificate chain
 * 'cert' and key 'key', and, if 'ca' is non-NULL, clients required to
 * present a certificate that chains to it.  Returns NULL with '*error' as
 * tls_ctx_create() does.  The caller owns the context (SSL_CTX_free()). */
typedef struct ssl_ctx_st SSL_CTX;
SSL_CTX *tls_https_ctx_create(const char *cert, const char *key,
                              const char *ca, char **error);

/* ---- Connections. ------------------------------------------------------ */

/* Starts a TLS session on 'fd', a connected non-blocking stream socket, in
 * the context's role.  Does no I/O: call tls_handshake() next.  'fd' stays
 * the caller's (it is never closed here) and must stay open until
 * tls_conn_destroy().  Returns NULL only when out of memory. */
struct tls_conn *tls_conn_create(struct tls_ctx *, int fd);
/* Frees the session (not the socket).  Sends nothing: call
 * tls_conn_shutdown() first for a polite close.  Accepts NULL. */
void tls_conn_destroy(struct tls_conn *);

/* Advances the handshake as far as the socket allows.  TLS_OK once it is
 * complete and the peer presented a certificate that chains to the CA (a
 * client also learns only here that the server accepted its certificate
 * with TLS 1.2; with TLS 1.3 a refusal of our certificate shows up as an
 * error on the first tls_read()).  Calling it again after TLS_OK returns
 * TLS_OK; after TLS_ERROR, TLS_ERROR. */
enum tls_status tls_handshake(struct tls_conn *);

/* Reads up to 'n' (> 0) bytes of application data into 'buf'.  Returns:
 *
 *   > 0  bytes read.  TLS returns at most one record (16 KiB) per call, so
 *        a short read does not mean the socket is drained: keep reading
 *        until -1/EAGAIN, or at least while tls_pending();
 *   0    end of stream: the peer closed.  tls_error() is NULL after a
 *        proper close_notify and says so when the peer just closed the
 *        socket (harmless for OpenFlow, whose messages carry their length);
 *   -1   errno EAGAIN: nothing now; wait for the socket to become writable
 *        if tls_wants_write(), else readable (TLS may need to send while
 *        reading, e.g. a key update);
 *        errno EIO: the session failed, see tls_error();
 *        errno ENOTCONN: the handshake has not completed.
 *
 * After 0 or EIO the session is over; further calls repeat the outcome. */
ssize_t tls_read(struct tls_conn *, void *buf, size_t n);

/* Writes up to 'n' bytes from 'buf'.  Returns the number of bytes taken
 * (> 0, possibly fewer than 'n': partial writes are enabled), 0 if 'n' is
 * 0, or -1 with errno EAGAIN (wait as tls_wants_write() says), EIO (failed,
 * see tls_error()) or ENOTCONN (no handshake yet).
 *
 * After EAGAIN OpenSSL may already hold part of the data, encrypted: the
 * retry must offer the same bytes again, at least as many as before.  The
 * buffer may have moved in between (a tx queue that grew or compacted) and
 * may hold more bytes after them. */
ssize_t tls_write(struct tls_conn *, const void *buf, size_t n);

/* After -1/EAGAIN from tls_read() or tls_write() (or TLS_WANT_* from the
 * handshake): true if the socket must become writable, false if readable.
 * It describes the latest call only, so read it right after that call: a
 * read may wait for writability and a write for readability, and the retry
 * is of that same call (re-read on EV_WRITE, re-flush on EV_READ). */
bool tls_wants_write(const struct tls_conn *);

/* True if OpenSSL holds received bytes (decrypted or not yet) that a
 * tls_read() may return without the socket becoming readable again; the
 * caller must not go back to waiting on the socket while this is true. */
bool tls_pending(const struct tls_conn *);

/* Sends a close_notify if the socket takes it now; never waits for the
 * peer's.  Does nothing unless the handshake completed and the session has
 * not failed.  Call before tls_conn_destroy(). */
void tls_conn_shutdown(struct tls_conn *);

/* The reason of the last failure (or of an unclean end of stream), one
 * line, e.g. "certificate verify failed: unable to get local issuer
 * certificate (depth 0, CN=switch-1)" or "peer did not return a
 * certificate"; NULL if none.  Points into the connection: valid until it
 * is destroyed. */
const char *tls_error(const struct tls_conn *);

/* ---- Peer identity (after TLS_OK). ------------------------------------- */

/* Puts the SHA-256 of the peer's certificate (DER), as the config's pins
 * and "openssl x509 -fingerprint -sha256" give it, in 'sha256'.  Returns
 * false, with 'sha256' zeroed, if there is no verified peer certificate. */
bool tls_peer_fingerprint(const struct tls_conn *, uint8_t sha256[32]);
/* Puts the peer certificate's subject in 'buf' as one line of printable
 * ASCII, RFC 2253 style ("CN=switch-1,O=Example"), truncated to fit 'size'
 * (which must be > 0).  Returns false, with "" in 'buf', if there is no
 * verified peer certificate (a refused peer's subject is in tls_error()). */
bool tls_peer_subject(const struct tls_conn *, char *buf, size_t size);
/* The negotiated protocol ("TLSv1.3") and cipher suite names; static
 * strings, "" before the handshake. */
const char *tls_version_name(const struct tls_conn *);
const char *tls_cipher_name(const struct tls_conn *);

#endif /* controller/tls.h */

/* Unit tests for controller/tls: real TLS over non-blocking socketpairs,
 * with a throw-away PKI made at test time.
 *
 * Each test makes its own PKI in a mkdtemp() directory (EC P-256 keys are
 * cheap): a CA that signs the controller's and the switch's certificates,
 * and a second, "rogue" CA with a switch certificate of its own.  The
 * controller is the TLS server unless a test says otherwise.  Peers that
 * our module cannot be (no certificate, TLS 1.1 only) are plain OpenSSL. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "controller/tls.h"
#include "tests/unit/unit.h"

/* ---- A throw-away PKI. ------------------------------------------------- */

enum {
    CERT_CA, CERT_CTL, CERT_SW, CERT_ROGUE_CA, CERT_ROGUE,
    CERT_WEAK,                  /* RSA-1024, from the CA; made on demand. */
    N_CERTS
};

struct pki {
    char dir[64];
    char cert[N_CERTS][128];    /* PEM file of each certificate... */
    char key[N_CERTS][128];     /* ...and of its key. */
    X509 *x509[N_CERTS];
    EVP_PKEY *pkey[N_CERTS];
};

static void
pki_add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, issuer, x, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &v3, nid, value);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ext);
    X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
}

/* Makes certificate 'i' named 'cn' with a new key (EC P-256, or RSA of
 * 'rsa_bits' if not 0), signed by 'issuer' (or by itself if 'issuer' is
 * 'i'). */
static void
pki_make(struct pki *p, int i, const char *cn, int issuer, long serial,
         size_t rsa_bits)
{
    EVP_PKEY *key = rsa_bits ? EVP_PKEY_Q_keygen(NULL, NULL, "RSA", rsa_bits)
                             : EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    CU_ASSERT_PTR_NOT_NULL_FATAL(key);
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               (const unsigned char *) "Canopy test", -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               (const unsigned char *) cn, -1, -1, 0);
    X509 *issuer_x = issuer == i ? x : p->x509[issuer];
    EVP_PKEY *issuer_key = issuer == i ? key : p->pkey[issuer];
    X509_set_issuer_name(x, X509_get_subject_name(issuer_x));
    X509_set_pubkey(x, key);
    bool ca = issuer == i;
    pki_add_ext(x, issuer_x, NID_basic_constraints,
                ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    pki_add_ext(x, issuer_x, NID_key_usage,
                ca ? "critical,keyCertSign,cRLSign"
                   : "critical,digitalSignature");
    pki_add_ext(x, issuer_x, NID_subject_key_identifier, "hash");
    if (!ca) {
        pki_add_ext(x, issuer_x, NID_authority_key_identifier, "keyid");
    }
    CU_ASSERT_FATAL(X509_sign(x, issuer_key, EVP_sha256()) > 0);
    p->x509[i] = x;
    p->pkey[i] = key;

    static const char *const names[N_CERTS] = {
        "ca", "ctl", "sw", "rogue-ca", "rogue", "weak",
    };
    char dir[sizeof p->dir];
    memcpy(dir, p->dir, sizeof dir);
    snprintf(p->cert[i], sizeof p->cert[i], "%s/%s-cert.pem", dir, names[i]);
    snprintf(p->key[i], sizeof p->key[i], "%s/%s-key.pem", dir, names[i]);
    BIO *out = BIO_new_file(p->cert[i], "w");
    CU_ASSERT_FATAL(out && PEM_write_bio_X509(out, x));
    BIO_free(out);
    out = BIO_new_file(p->key[i], "w");
    CU_ASSERT_FATAL(out && PEM_write_bio_PrivateKey(out, key, NULL, NULL, 0,
                                                    NULL, NULL));
    BIO_free(out);
}

static struct pki *
pki_create(void)
{
    struct pki *p = calloc(1, sizeof *p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    snprintf(p->dir, sizeof p->dir, "/tmp/canopy-tls-XXXXXX");
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(p->dir));
    pki_make(p, CERT_CA, "Canopy test CA", CERT_CA, 1, 0);
    pki_make(p, CERT_CTL, "controller", CERT_CA, 2, 0);
    pki_make(p, CERT_SW, "switch-1", CERT_CA, 3, 0);
    pki_make(p, CERT_ROGUE_CA, "Rogue CA", CERT_ROGUE_CA, 1, 0);
    pki_make(p, CERT_ROGUE, "rogue", CERT_ROGUE_CA, 2, 0);
    return p;
}

/* Writes 'text' to a new file 'name' in the PKI's directory; returns its
 * path in a static buffer. */
static const char *
pki_file(const struct pki *p, const char *name, const char *text)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", p->dir, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void
pki_destroy(struct pki *p)
{
    if (!p) {
        return;
    }
    for (int i = 0; i < N_CERTS; i++) {
        X509_free(p->x509[i]);
        EVP_PKEY_free(p->pkey[i]);
    }
    /* Everything the tests wrote there, including pki_file()'s. */
    DIR *dir = opendir(p->dir);
    CU_ASSERT_PTR_NOT_NULL(dir);
    for (struct dirent *de; dir && (de = readdir(dir)) != NULL;) {
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
            CU_ASSERT_EQUAL(unlinkat(dirfd(dir), de->d_name, 0), 0);
        }
    }
    if (dir) {
        closedir(dir);
    }
    CU_ASSERT_EQUAL(rmdir(p->dir), 0);
    free(p);
}

/* ---- Peers over a socketpair. ------------------------------------------ */

/* One end of a connection: our module, or plain OpenSSL. */
struct peer {
    int fd;
    struct tls_conn *tls;
    SSL *raw;
    int status;                 /* 0 in progress, 1 done, -1 failed. */
};

static void
make_socketpair(int fds[2], int sndbuf)
{
    CU_ASSERT_EQUAL_FATAL(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK,
                                     0, fds), 0);
    if (sndbuf) {
        for (int i = 0; i < 2; i++) {
            setsockopt(fds[i], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
        }
    }
}

static void
peer_init_tls(struct peer *p, struct tls_ctx *ctx, int fd)
{
    memset(p, 0, sizeof *p);
    p->fd = fd;
    p->tls = tls_conn_create(ctx, fd);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p->tls);
}

static void
peer_init_raw(struct peer *p, SSL_CTX *sc, int fd, bool server)
{
    memset(p, 0, sizeof *p);
    p->fd = fd;
    p->raw = SSL_new(sc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p->raw);
    SSL_set_fd(p->raw, fd);
    if (server) {
        SSL_set_accept_state(p->raw);
    } else {
        SSL_set_connect_state(p->raw);
    }
}

static void
peer_destroy(struct peer *p)
{
    tls_conn_destroy(p->tls);
    SSL_free(p->raw);
    if (p->fd >= 0) {
        close(p->fd);
    }
    ERR_clear_error();
    /* Gone: the handshake loop and a second destroy pass it by. */
    memset(p, 0, sizeof *p);
    p->fd = -1;
    p->status = -1;
}

static void
peer_step(struct peer *p)
{
    if (p->status) {
        return;
    }
    if (p->tls) {
        enum tls_status s = tls_handshake(p->tls);
        p->status = s == TLS_OK ? 1 : s == TLS_ERROR ? -1 : 0;
        if (s == TLS_WANT_READ) {
            CU_ASSERT_FALSE(tls_wants_write(p->tls));
        } else if (s == TLS_WANT_WRITE) {
            CU_ASSERT_TRUE(tls_wants_write(p->tls));
        }
    } else {
        int r = SSL_do_handshake(p->raw);
        if (r == 1) {
            p->status = 1;
        } else {
            int e = SSL_get_error(p->raw, r);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                p->status = -1;
            }
        }
        /* The module clears the queue before each call; so do we, so that
         * plain OpenSSL's leftovers cannot excuse a bug in the module. */
        ERR_clear_error();
    }
}

/* Runs both handshakes until each has finished or failed, or neither can
 * move (one failed and the other waits for it). */
static void
handshake(struct peer *a, struct peer *b)
{
    for (int i = 0; i < 100 && (!a->status || !b->status); i++) {
        peer_step(a);
        peer_step(b);
    }
}

/* Reads from 'p' until EAGAIN, end of stream or error, appending to 'buf'
 * (capacity 'cap', '*len' used).  Returns the last tls_read() result, or
 * -2 if 'buf' is full. */
static ssize_t
drain(struct peer *p, uint8_t *buf, size_t cap, size_t *len)
{
    for (;;) {
        size_t room = cap - *len;
        if (!room) {
            return -2;
        }
        ssize_t n = tls_read(p->tls, buf + *len, room > 16384 ? 16384 : room);
        if (n <= 0) {
            return n;
        }
        *len += (size_t) n;
    }
}

/* Sends 'size' bytes of a pattern from 'from' to 'to', both ours, as the
 * controller's tx queue would: on EAGAIN the unsent rest moves to a new
 * buffer before the retry.  Counts short writes and EAGAINs.
 *
 * OpenSSL returns a short count when a record went out whole; when the
 * socket blocks in the middle of one, it keeps the bytes of the records it
 * has encrypted, returns -1/EAGAIN, and counts them in the retry's result:
 * hence a socket buffer large enough for a few records and a slow reader. */
static void
transfer(struct peer *from, struct peer *to, size_t size, int *partial,
         int *eagain)
{
    uint8_t *data = malloc(size);
    uint8_t *got = malloc(size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    for (size_t i = 0; i < size; i++) {
        data[i] = (uint8_t) (i * 7 + i / 251);
    }
    uint8_t *queue = malloc(size);
    memcpy(queue, data, size);
    size_t sent = 0, received = 0;
    *partial = *eagain = 0;
    for (int i = 0; i < 10000 && received < size; i++) {
        if (sent < size) {
            ssize_t n = tls_write(from->tls, queue, size - sent);
            if (n > 0) {
                if ((size_t) n < size - sent) {
                    (*partial)++;
                }
                sent += (size_t) n;
                memmove(queue, queue + n, size - sent);
            } else {
                CU_ASSERT_EQUAL(n, -1);
                CU_ASSERT_EQUAL_FATAL(errno, EAGAIN);
                CU_ASSERT_TRUE(tls_wants_write(from->tls));
                (*eagain)++;
                /* The retry offers the same bytes from elsewhere. */
                uint8_t *moved = malloc(size);
                memcpy(moved, queue, size - sent);
                memset(queue, 0xee, size - sent);
                free(queue);
                queue = moved;
            }
        }
        /* A slow reader, 4 KB a turn, so that the socket fills up. */
        size_t limit = received + 4096 < size ? received + 4096 : size;
        ssize_t r = drain(to, got, limit, &received);
        CU_ASSERT(r == -1 || r == -2);
        if (r == -1) {
            CU_ASSERT_EQUAL(errno, EAGAIN);
            CU_ASSERT_FALSE(tls_wants_write(to->tls));
        }
    }
    CU_ASSERT_EQUAL(sent, size);
    CU_ASSERT_EQUAL(received, size);
    CU_ASSERT(!memcmp(data, got, size));
    CU_ASSERT_PTR_NULL(tls_error(from->tls));
    CU_ASSERT_PTR_NULL(tls_error(to->tls));
    free(queue);
    free(data);
    free(got);
}

/* Sends a short message each way and checks that it arrives. */
static void
ping_pong(struct peer *a, struct peer *b)
{
    struct peer *ends[2][2] = { { a, b }, { b, a } };
    for (int i = 0; i < 2; i++) {
        static const char msg[] = "hello, switch";
        CU_ASSERT_EQUAL(tls_write(ends[i][0]->tls, msg, sizeof msg),
                        (ssize_t) sizeof msg);
        char buf[64];
        size_t len = 0;
        CU_ASSERT_EQUAL(drain(ends[i][1], (uint8_t *) buf, sizeof buf, &len),
                        -1);
        CU_ASSERT_EQUAL(errno, EAGAIN);
        CU_ASSERT_EQUAL(len, sizeof msg);
        CU_ASSERT(!memcmp(buf, msg, sizeof msg));
    }
}

static struct tls_ctx *
ctx_or_fail(const char *ca, const char *cert, const char *key, bool server)
{
    char *error = NULL;
    struct tls_ctx *ctx = tls_ctx_create(ca, cert, key, server, &error);
    if (!ctx) {
        fprintf(stderr, "\ntls_ctx_create: %s\n", error);
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(ctx);
    CU_ASSERT_PTR_NULL(error);
    return ctx;
}

/* The controller's (server) and a good switch's (client) contexts. */
static struct tls_ctx *
ctl_ctx(const struct pki *p)
{
    return ctx_or_fail(p->cert[CERT_CA], p->cert[CERT_CTL], p->key[CERT_CTL],
                       true);
}

static struct tls_ctx *
sw_ctx(const struct pki *p, int cert)
{
    return ctx_or_fail(p->cert[CERT_CA], p->cert[cert], p->key[cert], false);
}

/* A plain OpenSSL client context trusting the CA, with the switch's
 * certificate if 'with_cert', and at most 'max_version'. */
static SSL_CTX *
raw_client_ctx(const struct pki *p, bool with_cert, int max_version)
{
    SSL_CTX *sc = SSL_CTX_new(TLS_client_method());
    CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
    SSL_CTX_set_verify(sc, SSL_VERIFY_PEER, NULL);
    CU_ASSERT_FATAL(SSL_CTX_load_verify_file(sc, p->cert[CERT_CA]) == 1);
    if (with_cert) {
        CU_ASSERT_FATAL(SSL_CTX_use_certificate_file(sc, p->cert[CERT_SW],
                                                     SSL_FILETYPE_PEM) == 1);
        CU_ASSERT_FATAL(SSL_CTX_use_PrivateKey_file(sc, p->key[CERT_SW],
                                                    SSL_FILETYPE_PEM) == 1);
    }
    if (max_version && max_version < TLS1_2_VERSION) {
        /* Old protocols need security level 0 to be offered at all. */
        SSL_CTX_set_security_level(sc, 0);
        SSL_CTX_set_cipher_list(sc, "DEFAULT:@SECLEVEL=0");
        SSL_CTX_set_min_proto_version(sc, TLS1_VERSION);
    }
    if (max_version) {
        SSL_CTX_set_max_proto_version(sc, max_version);
    }
    return sc;
}

/* ---- Tests. ------------------------------------------------------------ */

static void
expect_ctx_error(const char *ca, const char *cert, const char *key,
                 const char *needle1, const char *needle2)
{
    char *error = NULL;
    struct tls_ctx *ctx = tls_ctx_create(ca, cert, key, true, &error);
    CU_ASSERT_PTR_NULL(ctx);
    tls_ctx_destroy(ctx);
    UNIT_ASSERT_CONTAINS(error, needle1);
    UNIT_ASSERT_CONTAINS(error, needle2);
    CU_ASSERT_PTR_NULL(strchr(error ? error : "", '\n'));
    free(error);
    CU_ASSERT_EQUAL(ERR_peek_error(), 0);
}

static void
test_ctx_errors(void)
{
    struct pki *p = pki_create();
    const char *ca = p->cert[CERT_CA];
    const char *cert = p->cert[CERT_CTL];
    const char *key = p->key[CERT_CTL];
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.pem", p->dir);

    expect_ctx_error(missing, cert, key, missing, "No such file");
    expect_ctx_error(ca, missing, key, missing, "No such file");
    expect_ctx_error(ca, cert, missing, missing, "No such file");
    /* A key where the certificate should be. */
    expect_ctx_error(ca, key, key, key, "cannot load certificate");
    expect_ctx_error(ca, cert, p->key[CERT_SW], "does not match", cert);
    char garbage[160];
    snprintf(garbage, sizeof garbage, "%s",
             pki_file(p, "garbage.pem", "not a certificate\n"));
    expect_ctx_error(garbage, cert, key, garbage, "CA certificates");
    expect_ctx_error(ca, cert, garbage, garbage, "private key");

    /* An encrypted key is refused, never prompted for. */
    char enc[160];
    snprintf(enc, sizeof enc, "%s/enc-key.pem", p->dir);
    BIO *out = BIO_new_file(enc, "w");
    CU_ASSERT_FATAL(out && PEM_write_bio_PrivateKey(
                               out, p->pkey[CERT_CTL], EVP_aes_128_cbc(),
                               (unsigned char *) "secret", 6, NULL, NULL));
    BIO_free(out);
    expect_ctx_error(ca, cert, enc, enc, "encrypted");

    /* A key too weak for security level 2 is refused at load time. */
    pki_make(p, CERT_WEAK, "weak", CERT_CA, 4, 1024);
    expect_ctx_error(ca, p->cert[CERT_WEAK], p->key[CERT_WEAK],
                     p->cert[CERT_WEAK], "key too small");

    /* No error pointer: still just NULL. */
    CU_ASSERT_PTR_NULL(tls_ctx_create(missing, cert, key, false, NULL));

    /* Both roles load; destroy takes NULL. */
    tls_ctx_destroy(ctl_ctx(p));
    tls_ctx_destroy(sw_ctx(p, CERT_SW));
    tls_ctx_destroy(NULL);
    tls_conn_destroy(NULL);
    pki_destroy(p);
}

static void
test_handshake_and_data(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p), *cctx = sw_ctx(p, CERT_SW);
    int fds[2];
    make_socketpair(fds, 32768);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);

    /* Nothing to read or write before the handshake. */
    char byte;
    CU_ASSERT_EQUAL(tls_read(s.tls, &byte, 1), -1);
    CU_ASSERT_EQUAL(errno, ENOTCONN);
    CU_ASSERT_EQUAL(tls_write(c.tls, "x", 1), -1);
    CU_ASSERT_EQUAL(errno, ENOTCONN);
    uint8_t fp[32];
    CU_ASSERT_FALSE(tls_peer_fingerprint(s.tls, fp));
    CU_ASSERT_STRING_EQUAL(tls_version_name(s.tls), "");

    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, 1);
    CU_ASSERT_EQUAL(c.status, 1);
    CU_ASSERT_EQUAL(tls_handshake(s.tls), TLS_OK);
    CU_ASSERT_PTR_NULL(tls_error(s.tls));
    CU_ASSERT_PTR_NULL(tls_error(c.tls));
    CU_ASSERT_STRING_EQUAL(tls_version_name(s.tls), "TLSv1.3");
    CU_ASSERT_STRING_EQUAL(tls_version_name(c.tls), "TLSv1.3");
    CU_ASSERT(strlen(tls_cipher_name(s.tls)) > 0);
    CU_ASSERT_STRING_EQUAL(tls_cipher_name(s.tls), tls_cipher_name(c.tls));

    /* Each side sees the other's certificate, as the pins would. */
    uint8_t want[32];
    unsigned int len = 0;
    CU_ASSERT_TRUE(tls_peer_fingerprint(s.tls, fp));
    X509_digest(p->x509[CERT_SW], EVP_sha256(), want, &len);
    CU_ASSERT_EQUAL(len, 32);
    CU_ASSERT(!memcmp(fp, want, 32));
    CU_ASSERT_TRUE(tls_peer_fingerprint(c.tls, fp));
    X509_digest(p->x509[CERT_CTL], EVP_sha256(), want, &len);
    CU_ASSERT(!memcmp(fp, want, 32));
    char subject[128];
    CU_ASSERT_TRUE(tls_peer_subject(s.tls, subject, sizeof subject));
    CU_ASSERT_STRING_EQUAL(subject, "CN=switch-1,O=Canopy test");
    CU_ASSERT_TRUE(tls_peer_subject(c.tls, subject, sizeof subject));
    CU_ASSERT_STRING_EQUAL(subject, "CN=controller,O=Canopy test");
    char tiny[6];
    CU_ASSERT_TRUE(tls_peer_subject(s.tls, tiny, sizeof tiny));
    CU_ASSERT_STRING_EQUAL(tiny, "CN=sw");

    ping_pong(&s, &c);

    /* 200 KB each way through a small socket buffer: several short writes,
     * blocked writes retried from a moved buffer, many reads. */
    int partial, eagain;
    transfer(&s, &c, 200 * 1000, &partial, &eagain);
    CU_ASSERT(partial >= 1);
    CU_ASSERT(eagain >= 1);
    transfer(&c, &s, 200 * 1000, &partial, &eagain);
    CU_ASSERT(partial >= 1);
    CU_ASSERT(eagain >= 1);
    ping_pong(&c, &s);

    peer_destroy(&s);
    peer_destroy(&c);
    tls_ctx_destroy(sctx);
    tls_ctx_destroy(cctx);
    pki_destroy(p);
}

static void
test_pending(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p), *cctx = sw_ctx(p, CERT_SW);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_FATAL(s.status == 1 && c.status == 1);

    /* Three records; the server reads them in 10-byte bites. */
    uint8_t msg[100];
    memset(msg, 'm', sizeof msg);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(tls_write(c.tls, msg, sizeof msg), 100);
    }
    CU_ASSERT_FALSE(tls_pending(s.tls));
    uint8_t buf[10];
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 10);
    CU_ASSERT_TRUE(tls_pending(s.tls));
    /* OpenSSL has taken everything off the socket: whoever waited for it
     * to become readable again would wait for ever. */
    CU_ASSERT_EQUAL(recv(fds[0], buf, sizeof buf, MSG_PEEK), -1);
    CU_ASSERT_EQUAL(errno, EAGAIN);
    size_t total = 10;
    while (tls_pending(s.tls)) {
        ssize_t n = tls_read(s.tls, buf, sizeof buf);
        CU_ASSERT_FATAL(n > 0);
        total += (size_t) n;
    }
    CU_ASSERT_EQUAL(total, 300);
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), -1);
    CU_ASSERT_EQUAL(errno, EAGAIN);

    peer_destroy(&s);
    peer_destroy(&c);
    tls_ctx_destroy(sctx);
    tls_ctx_destroy(cctx);
    pki_destroy(p);
}

static void
test_rogue_client(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p);
    struct tls_ctx *rctx = sw_ctx(p, CERT_ROGUE);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, rctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, -1);
    CU_ASSERT_EQUAL(tls_handshake(s.tls), TLS_ERROR);
    UNIT_ASSERT_CONTAINS(tls_error(s.tls), "certificate verify failed: "
                         "unable to get local issuer certificate");
    UNIT_ASSERT_CONTAINS(tls_error(s.tls), "depth 0, CN=rogue");
    /* The rejected switch's name is in the reason, not in its identity. */
    char subject[128];
    CU_ASSERT_FALSE(tls_peer_subject(s.tls, subject, sizeof subject));
    CU_ASSERT_STRING_EQUAL(subject, "");
    uint8_t fp[32];
    CU_ASSERT_FALSE(tls_peer_fingerprint(s.tls, fp));
    CU_ASSERT_EQUAL(tls_read(s.tls, fp, sizeof fp), -1);
    CU_ASSERT_EQUAL(errno, EIO);
    CU_ASSERT_EQUAL(tls_write(s.tls, fp, sizeof fp), -1);
    CU_ASSERT_EQUAL(errno, EIO);

    /* With TLS 1.3 the client finishes before the server has judged its
     * certificate, and hears of the refusal on its first read. */
    if (c.status == 1) {
        uint8_t buf[16];
        CU_ASSERT_EQUAL(tls_read(c.tls, buf, sizeof buf), -1);
        CU_ASSERT_EQUAL(errno, EIO);
    }
    UNIT_ASSERT_CONTAINS(tls_error(c.tls), "alert");
    tls_conn_shutdown(s.tls);   /* No close_notify after a failure. */
    peer_destroy(&s);
    peer_destroy(&c);

    /* One failure costs the others nothing, even with junk left in the
     * thread's error queue by someone else. */
    ERR_raise(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED);
    struct tls_ctx *cctx = sw_ctx(p, CERT_SW);
    ERR_raise(ERR_LIB_SSL, SSL_R_CERTIFICATE_VERIFY_FAILED);
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, 1);
    CU_ASSERT_EQUAL(c.status, 1);
    CU_ASSERT_PTR_NULL(tls_error(s.tls));
    ping_pong(&s, &c);
    CU_ASSERT_PTR_NULL(tls_error(s.tls));
    CU_ASSERT_PTR_NULL(tls_error(c.tls));

    peer_destroy(&s);
    peer_destroy(&c);
    tls_ctx_destroy(sctx);
    tls_ctx_destroy(rctx);
    tls_ctx_destroy(cctx);
    pki_destroy(p);
}

/* Dialling out (switch in passive mode): the controller is the client and
 * refuses a switch whose certificate is not from the CA. */
static void
test_rogue_server(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *cctx = ctx_or_fail(p->cert[CERT_CA], p->cert[CERT_CTL],
                                       p->key[CERT_CTL], false);
    /* The rogue switch trusts our CA, so only our check can stop this. */
    struct tls_ctx *rctx = ctx_or_fail(p->cert[CERT_CA], p->cert[CERT_ROGUE],
                                       p->key[CERT_ROGUE], true);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, rctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(c.status, -1);
    CU_ASSERT_EQUAL(s.status, -1);
    UNIT_ASSERT_CONTAINS(tls_error(c.tls), "certificate verify failed");
    UNIT_ASSERT_CONTAINS(tls_error(c.tls), "CN=rogue");
    peer_destroy(&s);
    peer_destroy(&c);

    /* And accepts a good one. */
    struct tls_ctx *gctx = ctx_or_fail(p->cert[CERT_CA], p->cert[CERT_SW],
                                       p->key[CERT_SW], true);
    make_socketpair(fds, 0);
    peer_init_tls(&s, gctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(c.status, 1);
    CU_ASSERT_EQUAL(s.status, 1);
    ping_pong(&c, &s);
    peer_destroy(&s);
    peer_destroy(&c);

    tls_ctx_destroy(cctx);
    tls_ctx_destroy(rctx);
    tls_ctx_destroy(gctx);
    pki_destroy(p);
}

static void
test_no_client_cert(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p);
    SSL_CTX *raw = raw_client_ctx(p, false, 0);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_raw(&c, raw, fds[1], false);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, -1);
    UNIT_ASSERT_CONTAINS(tls_error(s.tls),
                         "peer did not return a certificate");
    peer_destroy(&s);
    peer_destroy(&c);
    SSL_CTX_free(raw);
    tls_ctx_destroy(sctx);
    pki_destroy(p);
}

static void
test_protocol_versions(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p);

    /* TLS 1.1 at most: refused. */
    SSL_CTX *old = raw_client_ctx(p, true, TLS1_1_VERSION);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_raw(&c, old, fds[1], false);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, -1);
    CU_ASSERT_EQUAL(c.status, -1);
    UNIT_ASSERT_CONTAINS(tls_error(s.tls), "protocol");
    peer_destroy(&s);
    peer_destroy(&c);
    SSL_CTX_free(old);

    /* TLS 1.2 at most: accepted. */
    SSL_CTX *tls12 = raw_client_ctx(p, true, TLS1_2_VERSION);
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_raw(&c, tls12, fds[1], false);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, 1);
    CU_ASSERT_EQUAL(c.status, 1);
    CU_ASSERT_STRING_EQUAL(tls_version_name(s.tls), "TLSv1.2");
    CU_ASSERT(SSL_write(c.raw, "abc", 3) == 3);
    char buf[8];
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 3);
    CU_ASSERT_EQUAL(tls_write(s.tls, "xyz", 3), 3);
    CU_ASSERT(SSL_read(c.raw, buf, sizeof buf) == 3);
    CU_ASSERT(!memcmp(buf, "xyz", 3));
    ERR_clear_error();
    peer_destroy(&s);
    peer_destroy(&c);
    SSL_CTX_free(tls12);

    tls_ctx_destroy(sctx);
    pki_destroy(p);
}

static void
test_eof(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p), *cctx = sw_ctx(p, CERT_SW);
    int fds[2];
    struct peer s, c;
    uint8_t buf[64];

    /* close_notify: a clean end of stream, and we may answer in kind. */
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_FATAL(s.status == 1 && c.status == 1);
    CU_ASSERT_EQUAL(tls_write(c.tls, "bye", 3), 3);
    tls_conn_shutdown(c.tls);
    tls_conn_shutdown(c.tls);   /* Idempotent. */
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 3);
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 0);
    CU_ASSERT_PTR_NULL(tls_error(s.tls));
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 0);
    CU_ASSERT_FALSE(tls_pending(s.tls));
    tls_conn_shutdown(s.tls);
    CU_ASSERT_EQUAL(tls_read(c.tls, buf, sizeof buf), 0);
    CU_ASSERT_PTR_NULL(tls_error(c.tls));
    peer_destroy(&s);
    peer_destroy(&c);

    /* The socket just closes: still an end of stream, with the reason. */
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_FATAL(s.status == 1 && c.status == 1);
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), -1);
    CU_ASSERT_EQUAL(errno, EAGAIN);
    tls_conn_destroy(c.tls);
    c.tls = NULL;
    close(c.fd);
    c.fd = -1;
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 0);
    UNIT_ASSERT_CONTAINS(tls_error(s.tls), "closed without TLS close_notify");
    CU_ASSERT_EQUAL(tls_read(s.tls, buf, sizeof buf), 0);
    /* Writing to a vanished peer fails without a SIGPIPE. */
    CU_ASSERT_EQUAL(tls_write(s.tls, "x", 1), -1);
    CU_ASSERT_EQUAL(errno, EIO);
    tls_conn_shutdown(s.tls);
    peer_destroy(&s);

    /* The peer vanishes while we write: EIO, no SIGPIPE. */
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    handshake(&s, &c);
    CU_ASSERT_FATAL(s.status == 1 && c.status == 1);
    peer_destroy(&c);
    CU_ASSERT_EQUAL(tls_write(s.tls, "x", 1), -1);
    CU_ASSERT_EQUAL(errno, EIO);
    CU_ASSERT_PTR_NOT_NULL(tls_error(s.tls));
    peer_destroy(&s);

    /* The socket closes in the middle of the handshake. */
    make_socketpair(fds, 0);
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    peer_step(&c);              /* ClientHello out. */
    CU_ASSERT_EQUAL(c.status, 0);
    peer_destroy(&c);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, -1);
    UNIT_ASSERT_CONTAINS(tls_error(s.tls), "closed during the TLS handshake");
    peer_destroy(&s);

    tls_ctx_destroy(sctx);
    tls_ctx_destroy(cctx);
    pki_destroy(p);
}

/* Bytes that are not a ClientHello: a clean TLS_ERROR, nothing worse. */
static void
test_garbage(void)
{
    static const struct {
        const char *name;
        const char *bytes;
        size_t len;
    } cases[] = {
        { "http", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27 },
        { "openflow hello", "\x04\x00\x00\x08\x00\x00\x00\x01", 8 },
        { "handshake record of junk",
          "\x16\x03\x01\x00\x08\x01\x00\x00\x04junk", 13 },
        { "huge record", "\x16\x03\x01\xff\xff", 5 },
        { "alert", "\x15\x03\x03\x00\x02\x02\x28", 7 },
    };
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int fds[2];
        make_socketpair(fds, 0);
        struct peer s;
        peer_init_tls(&s, sctx, fds[0]);
        CU_ASSERT_EQUAL(write(fds[1], cases[i].bytes, cases[i].len),
                        (ssize_t) cases[i].len);
        enum tls_status st = tls_handshake(s.tls);
        if (st != TLS_ERROR) {
            /* Not enough to judge yet: the rest never comes. */
            CU_ASSERT_EQUAL(st, TLS_WANT_READ);
            close(fds[1]);
            fds[1] = -1;
            st = tls_handshake(s.tls);
        }
        CU_ASSERT_EQUAL(st, TLS_ERROR);
        const char *error = tls_error(s.tls);
        CU_ASSERT_PTR_NOT_NULL(error);
        CU_ASSERT(error && *error && !strchr(error, '\n'));
        tls_conn_shutdown(s.tls);
        peer_destroy(&s);
        if (fds[1] >= 0) {
            close(fds[1]);
        }
    }
    tls_ctx_destroy(sctx);
    pki_destroy(p);
}

/* A context outlives its caller's reference while connections use it, so a
 * reload can replace it under running sessions. */
static void
test_ctx_refcount(void)
{
    struct pki *p = pki_create();
    struct tls_ctx *sctx = ctl_ctx(p), *cctx = sw_ctx(p, CERT_SW);
    int fds[2];
    make_socketpair(fds, 0);
    struct peer s, c;
    peer_init_tls(&s, sctx, fds[0]);
    peer_init_tls(&c, cctx, fds[1]);
    tls_ctx_destroy(sctx);
    tls_ctx_destroy(cctx);
    handshake(&s, &c);
    CU_ASSERT_EQUAL(s.status, 1);
    CU_ASSERT_EQUAL(c.status, 1);
    ping_pong(&s, &c);
    peer_destroy(&s);
    peer_destroy(&c);
    pki_destroy(p);
}

/* Also declared in unit.h once the suite is wired into the runner; the
 * repeat keeps -Wmissing-prototypes quiet until then. */
void test_tls_register(void);

void
test_tls_register(void)
{
    static const CU_TestInfo tests[] = {
        { "context errors", test_ctx_errors },
        { "handshake and data", test_handshake_and_data },
        { "pending", test_pending },
        { "rogue client", test_rogue_client },
        { "rogue server", test_rogue_server },
        { "no client certificate", test_no_client_cert },
        { "protocol versions", test_protocol_versions },
        { "eof", test_eof },
        { "garbage", test_garbage },
        { "context refcount", test_ctx_refcount },
        CU_TEST_INFO_NULL,
    };
    unit_add_suite("tls", tests);
}

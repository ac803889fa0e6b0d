/* canopyctl: the command-line client of canopyd's admin API (docs/api.md,
 * docs/canopyctl.md).
 *
 * The pieces live in cli/: the command line (cmdline), local inputs
 * (input), the HTTP exchange (http), and the text for people (render).
 * This file only joins them and maps outcomes to exit statuses. */
#include <config.h>

#include <errno.h>
#include <event2/event.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmdline.h"
#include "cli/http.h"
#include "cli/input.h"
#include "cli/render.h"
#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"

/* Exit statuses (docs/canopyctl.md). */
enum {
    EXIT_OK = 0,
    EXIT_ERROR = 1,             /* An error response, a response that
                                 * cannot be read, or another failure. */
    EXIT_USAGE = 2,             /* Bad command line or local input: nothing
                                 * was sent. */
    EXIT_UNREACHABLE = 3,       /* No response at all. */
    EXIT_DENIED = 4,            /* policy check: the policy denies the
                                 * packet. */
};

static int
fail(int status, char *error)
{
    fprintf(stderr, "canopyctl: %s\n", error);
    free(error);
    return status;
}

/* Writes 'len' bytes to stdout, with a final newline if they lack one. */
static void
put_out(const char *text, size_t len)
{
    fwrite(text, 1, len, stdout);
    if (len && text[len - 1] != '\n') {
        putchar('\n');
    }
}

/* Sends the request 'cl' describes, with 'token' and 'body' (NULL:
 * none), and prints the outcome. */
static int
run(const struct cmdline *cl, const char *token, const struct ds *body)
{
    struct ds target = DS_EMPTY_INITIALIZER;
    cmdline_put_target(cl, &target);
    struct http_request req = {
        .url = &cl->url,
        .method = cmdline_method(cl),
        .target = ds_cstr(&target),
        .token = token,
        .body = body ? body->string : NULL,
        .body_len = body ? body->length : 0,
        .content_type = "application/json",
        .cacert = cl->cacert,
        .cert = cl->cert,
        .key = cl->key,
        .timeout_s = cl->timeout_s,
    };
    struct event_base *base = event_base_new();
    if (!base) {
        ds_destroy(&target);
        return fail(EXIT_ERROR, xstrdup("cannot create an event loop"));
    }

    struct http_response resp;
    char *error;
    enum http_result result = http_send(base, &req, &resp, &error);
    ds_destroy(&target);
    event_base_free(base);
    if (result != HTTP_ANSWERED) {
        return fail(result == HTTP_LOCAL_ERROR ? EXIT_USAGE
                                               : EXIT_UNREACHABLE, error);
    }

    int status = EXIT_OK;
    if (resp.status < 200 || resp.status > 299) {
        char *msg = render_error_message(resp.body, resp.body_len,
                                         resp.reason);
        fprintf(stderr, "canopyctl: %s (HTTP %d)\n", msg, resp.status);
        free(msg);
        status = EXIT_ERROR;
    } else if (cl->json || cl->cmd == CTL_METRICS || !resp.body_len) {
        put_out(resp.body, resp.body_len);
    } else {
        struct ds out = DS_EMPTY_INITIALIZER;
        if (render_response(cl, resp.body, resp.body_len, &out, &error)) {
            status = fail(EXIT_ERROR, error);
        } else {
            put_out(ds_cstr(&out), out.length);
        }
        ds_destroy(&out);
    }
    /* policy check: the verdict is the exit status, --json or not. */
    bool allowed;
    if (status == EXIT_OK && cl->cmd == CTL_POLICY_CHECK) {
        if (render_check_allowed(resp.body, resp.body_len, &allowed)) {
            status = fail(EXIT_ERROR, xstrdup("unexpected response from the "
                                              "server: no \"allowed\""));
        } else if (!allowed) {
            status = EXIT_DENIED;
        }
    }
    http_response_destroy(&resp);
    return status;
}

int
main(int argc, char *argv[])
{
    struct cmdline_env env = {
        .url = getenv("CANOPY_URL"),
        .token_file = getenv("CANOPY_TOKEN_FILE"),
        .token = getenv("CANOPY_TOKEN"),
    };
    struct cmdline cl;
    char *error;
    struct ds text = DS_EMPTY_INITIALIZER;

    switch (cmdline_parse(argc, argv, &env, &cl, &error)) {
    case CMDLINE_HELP:
        cmdline_usage(&text);
        fputs(ds_cstr(&text), stdout);
        ds_destroy(&text);
        return EXIT_OK;
    case CMDLINE_VERSION:
        printf("canopyctl (Canopy) %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    case CMDLINE_ERROR:
        fprintf(stderr, "canopyctl: %s\nTry 'canopyctl --help'.\n", error);
        free(error);
        return EXIT_USAGE;
    case CMDLINE_RUN:
    default:
        break;
    }

    /* Everything local is checked before anything is sent. */
    char *token = NULL;
    if (cl.token_file) {
        if (input_read_token(cl.token_file, &token, &error)) {
            cmdline_destroy(&cl);
            return fail(EXIT_USAGE, error);
        }
    } else if (cl.token) {
        if (input_check_token(cl.token, "CANOPY_TOKEN", &error)) {
            cmdline_destroy(&cl);
            return fail(EXIT_USAGE, error);
        }
        token = xstrdup(cl.token);
    }
    struct ds body = DS_EMPTY_INITIALIZER;
    bool has_body = cl.cmd == CTL_FLOW_ADD || cl.cmd == CTL_TENANTS_SET
                    || cl.cmd == CTL_ACLS_SET;
    if (has_body) {
        const char *name;
        int rc = cl.cmd == CTL_FLOW_ADD
                 ? (input_read_body(cl.body, stdin, &body, &name, &error)
                    || input_check_json_object(name, ds_cstr(&body),
                                               body.length, &error))
                 : input_read_settings(cl.file, stdin, &body, &error);
        if (rc) {
            free(token);
            ds_destroy(&body);
            cmdline_destroy(&cl);
            return fail(EXIT_USAGE, error);
        }
    }

    /* A reader that goes away (canopyctl flows ... | head) is an EPIPE on
     * write, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    int status = run(&cl, token, has_body ? &body : NULL);
    if (fflush(stdout) || ferror(stdout)) {
        if (errno != EPIPE) {
            fprintf(stderr, "canopyctl: writing the output: %s\n",
                    strerror(errno));
        }
        status = status ? status : EXIT_ERROR;
    }
    free(token);
    ds_destroy(&body);
    cmdline_destroy(&cl);
    return status;
}

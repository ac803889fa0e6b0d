/* Turning the admin API's JSON responses into text for people: tables for
 * lists, key/value listings for single objects, one line per flow in the
 * manner of ovs-ofctl dump-flows.  Pure code: no I/O; responses are parsed
 * with libfyaml (cli/jsonread.h).
 *
 * Text that comes from the server is printed with control characters
 * replaced (see table.h), and a field the server leaves out prints as
 * "-", so that a newer or older canopyd still gives readable output. */
#ifndef CLI_RENDER_H
#define CLI_RENDER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cmdline;
struct ds;

/* Appends to 'out' the text for people of the successful response 'body'
 * ('len' bytes) to the request 'cl' describes.  Returns 0, or -1 with a
 * malloc'd '*error' if the body is not JSON or not of the expected shape
 * (the metrics body is copied as is). */
int render_response(const struct cmdline *cl, const char *body, size_t len,
                    struct ds *out, char **error);

/* Reads the verdict of a policy check's answer ('len' bytes of 'body'):
 * sets '*allowed' to its "allowed".  Returns 0, or -1 if the body is not
 * JSON or has no boolean "allowed". */
int render_check_allowed(const char *body, size_t len, bool *allowed);

/* Returns the message to show for an error response (malloc'd; the caller
 * frees it): the "message" of an {"error", "message"} body, else its
 * "error", else 'reason' (the status line's text), else "request failed".
 * Control characters are replaced. */
char *render_error_message(const char *body, size_t len, const char *reason);

/* Appends a number of seconds as "5s", "2m 5s", "1h 0m 5s", "3d 4h 0m". */
void render_put_duration(struct ds *, uint64_t seconds);

/* Appends a port speed in kbit/s as "10G", "2.5G", "100M", "10K"; 0 (not
 * known) as "-". */
void render_put_speed(struct ds *, uint64_t kbps);

#endif /* cli/render.h */

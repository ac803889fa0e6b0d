/* What canopyctl reads locally before it sends anything: the bearer token,
 * flow-add's JSON body and the settings file of "tenants set" and "acls
 * set".  Every failure is a one-line message that names the file, so that
 * a mistake is caught here, with a clear reason, rather than by the
 * server. */
#ifndef CLI_INPUT_H
#define CLI_INPUT_H 1

#include <stddef.h>
#include <stdio.h>

struct ds;

/* Limits: a token is short; a flow body is far below the server's 64 KiB
 * limit, which it checks itself. */
#define INPUT_MAX_TOKEN 4096
#define INPUT_MAX_BODY (1024 * 1024)

/* Reads the token in 'path': the file's contents with trailing whitespace
 * (newlines included) removed.  Returns 0 with a malloc'd '*token', or -1
 * with a malloc'd '*error'. */
int input_read_token(const char *path, char **token, char **error);

/* Checks that 'token' (read from 'source', a file name or variable name
 * for messages) can go in a header: not empty, and no spaces or control
 * characters.  Returns 0, or -1 with a malloc'd '*error'. */
int input_check_token(const char *token, const char *source, char **error);

/* Reads flow-add's BODY argument into 'body': "-" reads all of 'in' (the
 * caller's standard input), "@FILE" the file, anything else is the JSON
 * text itself.  '*name' is set to a static name for messages ("stdin",
 * the file name, or "BODY").  Returns 0, or -1 with a malloc'd '*error'. */
int input_read_body(const char *arg, FILE *in, struct ds *body,
                    const char **name, char **error);

/* Checks that 'len' bytes of 'text' are one JSON object, as the API takes.
 * Returns 0, or -1 with a malloc'd "NAME:LINE:COLUMN: what is wrong". */
int input_check_json_object(const char *name, const char *text, size_t len,
                            char **error);

/* Reads the settings file 'path' of "tenants set" or "acls set" ("-": all
 * of 'in', the caller's standard input) and appends to 'body' the JSON to
 * send: the file as it is when it is a JSON object already (so that the
 * server's LINE:COLUMN positions are the file's), else the file read as
 * YAML and converted to one line of JSON (the API takes JSON only).
 * Either way it must be a mapping.  Returns 0, or -1 with a malloc'd
 * "FILE:LINE:COLUMN: what is wrong" or "FILE: reason". */
int input_read_settings(const char *path, FILE *in, struct ds *body,
                        char **error);

#endif /* cli/input.h */

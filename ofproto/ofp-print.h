/* Printing OpenFlow for people: logs, tests and the fuzz oracle. */
#ifndef OFPROTO_OFP_PRINT_H
#define OFPROTO_OFP_PRINT_H 1

#include <stddef.h>

struct ds;

/* Decodes the 'size' bytes at 'data' as one message and appends its
 * description (ofp_msg_format()).  If they do not decode, appends
 * "***decode error: OFPBRC_BAD_LEN***" and a hex dump, so a log line always
 * says what arrived. */
void ofp_print_bytes(const void *data, size_t size, struct ds *);

/* Appends a classic hex dump (offset, 16 bytes per line, ASCII column). */
void ofp_hex_dump(const void *data, size_t size, struct ds *);

/* Parses hex digits (whitespace and ':' ignored) into a malloc'd buffer that
 * the caller frees; returns NULL on a stray character or odd digit count.
 * Used by tests and by canopyctl to read messages written by hand. */
unsigned char *ofp_hex_parse(const char *, size_t *size);

#endif /* ofproto/ofp-print.h */

/* libFuzzer target for the OpenFlow message decoder.
 *
 * Oracle: whatever decodes must print, re-encode for the same version, and
 * decode again to a message that prints identically.  A decoder that accepts
 * something its own encoder cannot reproduce, or that reads out of bounds
 * (ASan), or leaks, is a bug.  The first byte of the input picks nothing:
 * the input is the message, whole. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"
#include "ofproto/ofp-print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ofp_arena arena = OFP_ARENA_INITIALIZER;
    struct ofp_arena arena2 = OFP_ARENA_INITIALIZER;
    struct ofpbuf out = OFPBUF_INITIALIZER;
    struct ds text = DS_EMPTY_INITIALIZER;
    struct ds text2 = DS_EMPTY_INITIALIZER;
    struct ofp_msg msg, msg2;

    /* The framing layer hands the decoder exactly one message: mimic it by
     * trusting the length field when it fits, so that the fuzzer reaches the
     * body decoders instead of failing the length check every time. */
    if (size >= OFP_HEADER_LEN) {
        size_t len = (size_t) data[2] << 8 | data[3];
        if (len >= OFP_HEADER_LEN && len <= size) {
            size = len;
        }
    }

    /* Whatever the outcome, printing raw bytes must not crash. */
    ofp_print_bytes(data, size, &text);
    ds_clear(&text);

    /* HELLO decodes whatever its version (version negotiation must read a
     * peer's HELLO before agreeing on one), but we only encode 1.0 and 1.3:
     * the round trip applies to those. */
    if (!ofp_decode(data, size, &arena, &msg)
        && (msg.version == OFP10_VERSION || msg.version == OFP13_VERSION)) {
        ofp_msg_format(&msg, &text);
        enum ofperr err = ofp_encode(&msg, msg.version, &out);
        if (err) {
            fprintf(stderr, "decoded message does not re-encode (%s):\n%s\n",
                    ofperr_name(err), ds_cstr(&text));
            abort();
        }
        err = ofp_decode(out.data, out.size, &arena2, &msg2);
        if (err) {
            fprintf(stderr, "re-encoded message does not decode (%s):\n%s\n",
                    ofperr_name(err), ds_cstr(&text));
            abort();
        }
        ofp_msg_format(&msg2, &text2);
        if (strcmp(ds_cstr(&text), ds_cstr(&text2))) {
            fprintf(stderr, "round trip changed the message:\n%s\n%s\n",
                    ds_cstr(&text), ds_cstr(&text2));
            abort();
        }
    }

    ds_destroy(&text);
    ds_destroy(&text2);
    ofpbuf_uninit(&out);
    ofp_arena_uninit(&arena);
    ofp_arena_uninit(&arena2);
    return 0;
}

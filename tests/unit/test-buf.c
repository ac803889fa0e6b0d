/* Unit tests for ofp-buf (cursor, ofpbuf, arena) and ds. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ofproto/ds.h"
#include "ofproto/ofp-buf.h"
#include "tests/unit/unit.h"

static void
test_be_fields(void)
{
    ofp_be16 a;
    ofp_be32 b;
    ofp_be64 c;
    be16_set(&a, 0x1234);
    be32_set(&b, 0xdeadbeef);
    be64_set(&c, 0x0102030405060708ull);
    CU_ASSERT_EQUAL(a.b[0], 0x12);
    CU_ASSERT_EQUAL(b.b[3], 0xef);
    CU_ASSERT_EQUAL(c.b[0], 0x01);
    CU_ASSERT_EQUAL(c.b[7], 0x08);
    CU_ASSERT_EQUAL(be16_get(&a), 0x1234);
    CU_ASSERT_EQUAL(be32_get(&b), 0xdeadbeef);
    CU_ASSERT_EQUAL(be64_get(&c), 0x0102030405060708ull);
}

static void
test_cursor_short(void)
{
    const uint8_t bytes[] = { 1, 2, 3, 4, 5 };
    struct ofp_cursor c = ofp_cursor_init(bytes, sizeof bytes);
    uint32_t v32;
    uint16_t v16;
    uint8_t v8;
    uint64_t v64;
    CU_ASSERT_TRUE(ofp_cursor_u32(&c, &v32));
    CU_ASSERT_EQUAL(v32, 0x01020304);
    CU_ASSERT_FALSE(ofp_cursor_u16(&c, &v16));  /* Only one byte left. */
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 1);
    CU_ASSERT_FALSE(ofp_cursor_u64(&c, &v64));
    CU_ASSERT_TRUE(ofp_cursor_u8(&c, &v8));
    CU_ASSERT_EQUAL(v8, 5);
    CU_ASSERT_FALSE(ofp_cursor_u8(&c, &v8));
    CU_ASSERT_PTR_NULL(ofp_cursor_pull(&c, 1));
    CU_ASSERT_PTR_NOT_NULL(ofp_cursor_pull(&c, 0));
}

static void
test_cursor_sub(void)
{
    const uint8_t bytes[] = { 1, 2, 3, 4, 5, 6 };
    struct ofp_cursor c = ofp_cursor_init(bytes, sizeof bytes);
    struct ofp_cursor sub;
    CU_ASSERT_FALSE(ofp_cursor_sub(&c, 7, &sub));
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 6);
    CU_ASSERT_TRUE(ofp_cursor_sub(&c, 4, &sub));
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&sub), 4);
    CU_ASSERT_EQUAL(ofp_cursor_remaining(&c), 2);
    uint32_t v;
    CU_ASSERT_TRUE(ofp_cursor_u32(&sub, &v));
    CU_ASSERT_EQUAL(v, 0x01020304);
    CU_ASSERT_FALSE(ofp_cursor_u8(&sub, &(uint8_t){ 0 }));
}

static void
test_ofpbuf(void)
{
    struct ofpbuf b = OFPBUF_INITIALIZER;
    ofpbuf_put_be16(&b, 0xabcd);
    ofpbuf_put_u8(&b, 7);
    ofpbuf_pad8_from(&b, 0);
    CU_ASSERT_EQUAL(b.size, 8);
    for (int i = 0; i < 1000; i++) {
        ofpbuf_put_be32(&b, (uint32_t) i);
    }
    CU_ASSERT_EQUAL(b.size, 4008);
    CU_ASSERT_EQUAL(b.data[0], 0xab);
    CU_ASSERT_EQUAL(b.data[2], 7);
    CU_ASSERT_EQUAL(b.data[3], 0);
    CU_ASSERT_PTR_NULL(ofpbuf_at(&b, 4005, 4));
    CU_ASSERT_EQUAL(be32_get(ofpbuf_at(&b, 4004, 4)), 999);
    ofpbuf_truncate(&b, 3);
    CU_ASSERT_EQUAL(b.size, 3);
    ofpbuf_uninit(&b);
    ofpbuf_uninit(NULL);
}

static void
test_arena(void)
{
    struct ofp_arena a = OFP_ARENA_INITIALIZER;
    ofp_arena_reserve(&a, 100);
    uint8_t *p = ofp_arena_alloc(&a, 3);
    uint8_t *q = ofp_arena_alloc(&a, 8);
    CU_ASSERT_PTR_NOT_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(q);
    CU_ASSERT_EQUAL((uintptr_t) q % 8, 0);
    CU_ASSERT_EQUAL(q - p, 8);
    CU_ASSERT_PTR_NULL(ofp_arena_alloc(&a, a.size));  /* Over the block. */
    unsigned int grows = a.grows;
    for (int i = 0; i < 100; i++) {
        ofp_arena_reset(&a);
        ofp_arena_reserve(&a, 100);
        CU_ASSERT_PTR_NOT_NULL(ofp_arena_alloc(&a, 100));
    }
    CU_ASSERT_EQUAL(a.grows, grows);  /* Reuse, no new allocation. */
    ofp_arena_uninit(&a);
}

static void
test_ds(void)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds), "");
    ds_put_format(&ds, "%d-%s", 42, "x");
    const uint8_t mac[6] = { 0, 0x11, 0x22, 0xaa, 0xbb, 0xff };
    ds_put_char(&ds, ' ');
    ds_put_mac(&ds, mac);
    ds_put_char(&ds, ' ');
    ds_put_ipv4(&ds, 0x0a000001);
    const uint8_t v6[16] = { 0xfe, 0x80, [15] = 1 };
    ds_put_char(&ds, ' ');
    ds_put_ipv6(&ds, v6);
    CU_ASSERT_STRING_EQUAL(ds_cstr(&ds),
                           "42-x 00:11:22:aa:bb:ff 10.0.0.1 fe80::1");
    ds_clear(&ds);
    for (int i = 0; i < 500; i++) {
        ds_put_format(&ds, "%s", "abcdefghij");
    }
    CU_ASSERT_EQUAL(strlen(ds_cstr(&ds)), 5000);
    ds_chomp(&ds, "ij");
    CU_ASSERT_EQUAL(ds.length, 4998);
    char *s = ds_steal(&ds);
    CU_ASSERT_EQUAL(strlen(s), 4998);
    free(s);
    ds_destroy(&ds);
}

static const CU_TestInfo buf_tests[] = {
    { "big-endian fields", test_be_fields },
    { "cursor refuses short reads", test_cursor_short },
    { "cursor sub-windows", test_cursor_sub },
    { "ofpbuf grows and pads", test_ofpbuf },
    { "arena reuses its block", test_arena },
    { "ds formats", test_ds },
    CU_TEST_INFO_NULL,
};

void
test_buf_register(void)
{
    unit_add_suite("buf", buf_tests);
}

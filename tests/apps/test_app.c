/* Shared objects for the app host's tests.  One source, built several
 * times with a different TEST_APP_KIND to give the host every way an app
 * can be wrong:
 *   good        a valid app named "test_good" with one setting
 *   bad_abi     claims an ABI version canopyd does not speak
 *   wrong_name  says it is another app than its file name
 *   no_symbol   exports no 'canopy_app' */
#include <config.h>

#include <stdio.h>

#include "canopy/app.h"

#define KIND_GOOD 1
#define KIND_BAD_ABI 2
#define KIND_WRONG_NAME 3
#define KIND_NO_SYMBOL 4

#if TEST_APP_KIND != KIND_NO_SYMBOL
static bool
test_validate(struct ycfg *y, struct fy_node *settings, const char *path)
{
    static const char *const keys[] = { "answer", NULL };
    uint64_t answer = 42;
    return ycfg_check_mapping(y, settings, path, keys)
           && ycfg_uint(y, settings, path, "answer", 42, 42, &answer);
}

/* A timer that cancels itself on its third tick (canopy_timer_cancel()
 * from inside the callback); describe_cookie() reports the ticks. */
static struct canopy_timer *test_timer;
static int test_ticks;

static void
test_tick(void *app)
{
    (void) app;
    if (++test_ticks == 3) {
        canopy_timer_cancel(test_timer);
        test_timer = NULL;
    }
}

static void *
test_create(struct canopy_app *app, struct ycfg *y, struct fy_node *settings)
{
    (void) y;
    (void) settings;
    test_ticks = 0;
    test_timer = canopy_timer_add(app, 5, test_tick, app);
    return app;
}

static bool
test_describe_cookie(void *app, uint64_t bits, char *buf, size_t size)
{
    (void) app;
    if (!bits) {
        return false;
    }
    snprintf(buf, size, "test: bits %llx, ticks %d",
             (unsigned long long) bits, test_ticks);
    return true;
}

const struct canopy_app_ops canopy_app = {
#if TEST_APP_KIND == KIND_BAD_ABI
    .abi_version = 999,
#else
    .abi_version = CANOPY_APP_ABI_VERSION,
#endif
#if TEST_APP_KIND == KIND_WRONG_NAME
    .name = "someone_else",
#elif TEST_APP_KIND == KIND_BAD_ABI
    .name = "test_bad_abi",
#else
    .name = "test_good",
#endif
    .validate = test_validate,
    .create = test_create,
    .describe_cookie = test_describe_cookie,
};
#else
int test_app_not_an_app;
#endif

/* Logging for canopyd: see log.h. */
#include <config.h>

#include "controller/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static enum log_level log_level = LOG_INFO;

void
log_set_level(enum log_level level)
{
    log_level = level;
}

enum log_level
log_get_level(void)
{
    return log_level;
}

bool
log_enabled(enum log_level level)
{
    return level >= log_level;
}

const char *
log_level_name(enum log_level level)
{
    static const char *const names[] = { "DEBUG", "INFO", "WARN", "ERROR" };
    return level <= LOG_ERR ? names[level] : "?";
}

static uint64_t
log_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000 + (uint64_t) ts.tv_nsec / 1000000;
}

static void log_vwrite(enum log_level, const char *module,
                       unsigned int suppressed, const char *fmt, va_list)
    __attribute__((format(printf, 4, 0)));

static void
log_vwrite(enum log_level level, const char *module, unsigned int suppressed,
           const char *fmt, va_list args)
{
    struct timespec ts;
    struct tm tm;
    char stamp[32];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);

    /* One fprintf per piece, but stderr is unbuffered and lines are short;
     * flockfile keeps a line together. */
    flockfile(stderr);
    fprintf(stderr, "%s.%03ldZ %-5s %s: ", stamp, ts.tv_nsec / 1000000,
            log_level_name(level), module);
    vfprintf(stderr, fmt, args);
    if (suppressed) {
        fprintf(stderr, " (%u similar lines suppressed)", suppressed);
    }
    fputc('\n', stderr);
    funlockfile(stderr);
}

void
log_msg(enum log_level level, const char *module, const char *fmt, ...)
{
    if (!log_enabled(level)) {
        return;
    }
    va_list args;
    va_start(args, fmt);
    log_vwrite(level, module, 0, fmt, args);
    va_end(args);
}

void
log_vmsg(enum log_level level, const char *module, const char *fmt,
         va_list args)
{
    if (log_enabled(level)) {
        log_vwrite(level, module, 0, fmt, args);
    }
}

bool
log_ratelimit_take(struct log_ratelimit *rl, uint64_t now_ms)
{
    uint64_t cap = (uint64_t) rl->burst * 1000;
    if (!rl->last_ms) {
        rl->tokens_milli = cap;
    } else if (now_ms > rl->last_ms) {
        /* per_minute tokens per 60000 ms = per_minute/60 milli-tokens/ms. */
        uint64_t add = (now_ms - rl->last_ms) * rl->per_minute / 60;
        rl->tokens_milli = rl->tokens_milli + add > cap
                           ? cap : rl->tokens_milli + add;
    }
    if (now_ms > rl->last_ms || !rl->last_ms) {
        rl->last_ms = now_ms ? now_ms : 1;
    }
    if (rl->tokens_milli >= 1000) {
        rl->tokens_milli -= 1000;
        return true;
    }
    rl->suppressed++;
    return false;
}

void
log_msg_rl(struct log_ratelimit *rl, enum log_level level, const char *module,
           const char *fmt, ...)
{
    if (!log_enabled(level) || !log_ratelimit_take(rl, log_now_ms())) {
        return;
    }
    unsigned int suppressed = rl->suppressed;
    rl->suppressed = 0;
    va_list args;
    va_start(args, fmt);
    log_vwrite(level, module, suppressed, fmt, args);
    va_end(args);
}

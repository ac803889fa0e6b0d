/* Logging for canopyd: leveled lines on stderr (systemd's journal picks them
 * up) with a module name, and token-bucket rate limiting for lines that a
 * hostile or broken peer could otherwise trigger without bound.
 *
 * The log sink is process-wide state, like the process's stderr itself; its
 * level is set once at start-up and on config reload. */
#ifndef CONTROLLER_LOG_H
#define CONTROLLER_LOG_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

void log_set_level(enum log_level);
enum log_level log_get_level(void);
bool log_enabled(enum log_level);
const char *log_level_name(enum log_level);

/* Writes "2026-11-22T10:00:00.123Z LEVEL module: text" if 'level' is
 * enabled. */
void log_msg(enum log_level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void log_vmsg(enum log_level, const char *module, const char *fmt, va_list)
    __attribute__((format(printf, 3, 0)));

/* A token bucket: at most 'burst' lines at once, refilled at 'per_minute'.
 * Lines refused are counted and reported ("N similar lines suppressed")
 * with the next line that passes.  One per call site, usually static. */
struct log_ratelimit {
    unsigned int per_minute;
    unsigned int burst;
    uint64_t tokens_milli;     /* Tokens x 1000. */
    uint64_t last_ms;
    unsigned int suppressed;
};
#define LOG_RATELIMIT_INIT(PER_MINUTE, BURST) { PER_MINUTE, BURST, 0, 0, 0 }

/* Like log_msg(), but drops the line if 'rl' has no token left. */
void log_msg_rl(struct log_ratelimit *, enum log_level, const char *module,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Takes a token from 'rl' at time 'now_ms'; true if the line may be
 * written.  Exposed for tests, which drive it with their own clock. */
bool log_ratelimit_take(struct log_ratelimit *, uint64_t now_ms);

#endif /* controller/log.h */

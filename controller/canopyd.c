/* canopyd: the Canopy OpenFlow controller daemon. */
#include <config.h>

#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "controller/apphost.h"
#include "controller/config.h"
#include "controller/controller.h"
#include "controller/log.h"

#define DEFAULT_CONFIG SYSCONFDIR "/canopy/canopy.yaml"

static void
usage(FILE *f)
{
    fprintf(f,
            "Usage: canopyd [OPTIONS]\n"
            "Canopy OpenFlow controller.\n\n"
            "  -c, --config FILE     configuration file (default %s)\n"
            "      --check-config    validate the configuration and exit\n"
            "  -l, --log-level LEVEL debug, info, warn or error (overrides\n"
            "                        the configuration's log_level)\n"
            "      --pidfile FILE    write the process id to FILE\n"
            "      --detach          run in the background (default: stay\n"
            "                        in the foreground, as systemd expects)\n"
            "  -V, --version         print the version and exit\n"
            "  -h, --help            print this help and exit\n\n"
            "Signals: SIGTERM and SIGINT stop cleanly; SIGHUP reloads the\n"
            "configuration (a config that does not load is refused and the\n"
            "running one kept).\n",
            DEFAULT_CONFIG);
}

static int
parse_level(const char *s, int *level)
{
    static const char *const names[] = { "debug", "info", "warn", "error" };
    for (int i = 0; i < 4; i++) {
        if (!strcmp(s, names[i])) {
            *level = i;
            return 0;
        }
    }
    return -1;
}

static int
write_pidfile(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "canopyd: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(f, "%ld\n", (long) getpid());
    return fclose(f);
}

static int
detach(void)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("canopyd: fork");
        return -1;
    }
    if (pid > 0) {
        _exit(0);
    }
    setsid();
    int fd = open("/dev/null", O_RDWR);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        if (fd > STDERR_FILENO) {
            close(fd);
        }
    }
    return 0;
}

int
main(int argc, char *argv[])
{
    enum { OPT_CHECK = 256, OPT_PIDFILE, OPT_DETACH };
    static const struct option options[] = {
        { "config", required_argument, NULL, 'c' },
        { "check-config", no_argument, NULL, OPT_CHECK },
        { "log-level", required_argument, NULL, 'l' },
        { "pidfile", required_argument, NULL, OPT_PIDFILE },
        { "detach", no_argument, NULL, OPT_DETACH },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *config_path = DEFAULT_CONFIG;
    const char *pidfile = NULL;
    bool check_only = false, do_detach = false;
    int level = -1;

    for (;;) {
        int opt = getopt_long(argc, argv, "c:l:Vh", options, NULL);
        if (opt == -1) {
            break;
        }
        switch (opt) {
        case 'c':
            config_path = optarg;
            break;
        case OPT_CHECK:
            check_only = true;
            break;
        case 'l':
            if (parse_level(optarg, &level)) {
                fprintf(stderr, "canopyd: --log-level: expected debug, "
                        "info, warn or error, got '%s'\n", optarg);
                return 2;
            }
            break;
        case OPT_PIDFILE:
            pidfile = optarg;
            break;
        case OPT_DETACH:
            do_detach = true;
            break;
        case 'V':
            printf("canopyd (Canopy) %s\n", PACKAGE_VERSION);
            return 0;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "canopyd: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }

    struct canopy_config *cfg;
    char *error;
    if (config_load(config_path, &cfg, &error)) {
        fprintf(stderr, "canopyd: %s\n", error);
        free(error);
        return 1;
    }
    if (level >= 0) {
        cfg->log_level = level;
    }
    if (check_only) {
        if (apphost_validate_only(cfg, &error)) {
            fprintf(stderr, "canopyd: %s\n", error);
            free(error);
            config_destroy(cfg);
            return 1;
        }
        printf("%s: OK (%zu listeners, %zu apps)\n", config_path,
               cfg->n_listen, cfg->n_apps);
        config_destroy(cfg);
        return 0;
    }

    signal(SIGPIPE, SIG_IGN);
    if (do_detach && detach()) {
        config_destroy(cfg);
        return 1;
    }
    if (pidfile && write_pidfile(pidfile)) {
        config_destroy(cfg);
        return 1;
    }

    struct event_base *base = event_base_new();
    if (!base) {
        fprintf(stderr, "canopyd: cannot create the event loop\n");
        config_destroy(cfg);
        return 1;
    }
    struct controller *ctl = controller_create(base, cfg, config_path);
    if (level >= 0) {
        controller_set_log_override(ctl, level);
    }
    int rc = 0;
    if (controller_start(ctl)) {
        rc = 1;
    } else {
        log_msg(LOG_INFO, "main", "canopyd %s running (config %s)",
                PACKAGE_VERSION, config_path);
        event_base_dispatch(base);
    }
    controller_destroy(ctl);
    event_base_free(base);
    if (pidfile) {
        unlink(pidfile);
    }
    log_msg(LOG_INFO, "main", "stopped");
    return rc;
}

/* canopyd's configuration: one YAML file parsed into typed structs and fully
 * validated before anything uses it.  See etc/canopy.yaml for the format.
 *
 * A config owns its parsed YAML document (through its ycfg); each app's
 * 'settings' node points into that document and lives as long as the
 * config.  Reload builds a new config and swaps it in only if it loaded. */
#ifndef CONTROLLER_CONFIG_H
#define CONTROLLER_CONFIG_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fy_node;
struct ycfg;

#define CFG_DEFAULT_PORT 6653

enum cfg_transport { CFG_TCP, CFG_TLS };

/* "tcp:ADDR:PORT", "tls:[ADDR]:PORT"; the port defaults to 6653. */
struct cfg_endpoint {
    enum cfg_transport transport;
    char host[64];      /* IPv4/IPv6 literal or host name, no brackets. */
    uint16_t port;
    char *text;         /* As written, for logs (owned). */
};

/* A certificate fingerprint pinned to a datapath id. */
struct cfg_pin {
    uint64_t dpid;
    uint8_t sha256[32];
};

/* A configured weight for the links out of one switch port. */
struct cfg_link_weight {
    uint64_t dpid;
    uint32_t port;
    uint32_t weight;
};

struct cfg_app {
    char *name;                 /* Owned. */
    char *path;                 /* Shared object; owned; NULL = app_dir. */
    struct fy_node *settings;   /* The app's subtree, NULL if none; points
                                 * into the config's document. */
};

enum cfg_log_level { CFG_LOG_DEBUG, CFG_LOG_INFO, CFG_LOG_WARN, CFG_LOG_ERROR };

struct canopy_config {
    struct ycfg *ycfg;          /* Owns the YAML document. */
    int log_level;              /* enum cfg_log_level */
    struct cfg_endpoint *listen;
    size_t n_listen;
    struct cfg_endpoint *connect;   /* Switches that listen (ptcp:). */
    size_t n_connect;

    char *tls_ca, *tls_cert, *tls_key;  /* Owned paths; all or none. */
    struct cfg_pin *pins;
    size_t n_pins;

    uint64_t echo_interval_ms;
    uint64_t echo_timeout_ms;
    uint64_t reconnect_min_ms;
    uint64_t reconnect_max_ms;

    uint32_t versions;          /* 1 << OFPxx_VERSION for each allowed. */
    uint32_t packet_in_rate;    /* Per switch, per second. */
    uint32_t packet_in_burst;
    uint64_t tx_queue_limit;    /* Bytes queued to one switch at most. */
    uint32_t max_connections;   /* Switch connections at once. */

    /* Admin API (docs/api.md); off unless an admin: section is given. */
    bool admin_enabled;
    struct cfg_endpoint admin;  /* Where it listens ('text' owned). */
    char *admin_token;          /* Bearer token read from token_file
                                 * (owned), or NULL: loopback only. */
    char *admin_web_dir;        /* The web page's files; owned. */
    uint64_t admin_max_body;    /* Bytes of a request body at most. */
    char *admin_tls_cert;       /* HTTPS: owned paths; cert and key, or */
    char *admin_tls_key;        /* neither (plain HTTP). */
    char *admin_tls_ca;         /* Optional: client certificates required. */

    /* Topology (docs/topology.md). */
    uint64_t lldp_interval_ms;  /* Between probes of one port. */
    uint64_t link_timeout_ms;   /* A link without probes for this long goes. */
    uint32_t max_hosts;
    uint64_t host_age_ms;
    struct cfg_link_weight *link_weights;   /* Owned. */
    size_t n_link_weights;

    char *app_dir;              /* Owned. */
    struct cfg_app *apps;
    size_t n_apps;
};

/* Loads and validates 'path'.  On success returns 0 and a config that the
 * caller frees with config_destroy().  On failure returns -1 and a malloc'd
 * message "FILE:LINE:COLUMN: setting: what was expected" in '*error' (the
 * caller frees it). */
int config_load(const char *path, struct canopy_config **, char **error);
/* The same from a string (tests); 'name' appears in messages. */
int config_load_string(const char *name, const char *yaml,
                       struct canopy_config **, char **error);
void config_destroy(struct canopy_config *);

/* Calls 'cb' with the path of each setting whose text differs between
 * 'old' and 'new' ("switch.packet_in_rate", "listen", "apps"): top-level
 * settings, and the settings of top-level sections, compared as written.
 * A token file whose contents changed is reported as
 * "admin.token_file (contents)". */
void config_changes(const struct canopy_config *old,
                    const struct canopy_config *new,
                    void (*cb)(const char *path, void *aux), void *aux);

/* Parses one endpoint ("tcp:127.0.0.1:6653"); returns false with a reason
 * in 'why' (static string) if malformed. */
bool config_parse_endpoint(const char *, struct cfg_endpoint *,
                           const char **why);

#endif /* controller/config.h */

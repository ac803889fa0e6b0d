/* The tenant isolation policy: which tenant each switch port, access VLAN
 * and MAC address belongs to, and the VLAN that carries each tenant between
 * switches.
 *
 * Pure: no I/O and no switch state.  The tenant app parses its settings
 * into a fresh policy (keeping the old one on any error), resolves port
 * names as switches connect, classifies traffic, and turns the difference
 * between two policies into flow changes.
 *
 * Ownership.  A 'struct tenant_policy' owns its tenants and members and
 * every string in them; it does not refer to the ycfg it was parsed from,
 * which may be destroyed right after parsing.  Pointers to tenants and
 * members returned by the functions below stay valid until
 * tenant_policy_destroy(); tenant_policy_resolve_names() and
 * tenant_policy_forget_switch() change members in place but never move
 * them. */
#ifndef APPS_TENANT_TENANT_POLICY_H
#define APPS_TENANT_TENANT_POLICY_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fy_node;
struct ycfg;

#define TENANT_POLICY_MAX_TENANTS 4094
#define TENANT_POLICY_MAX_MEMBERS 100000
#define TENANT_POLICY_NAME_MAX 63        /* [a-z0-9_-]{1,63} */
#define TENANT_POLICY_PORT_NAME_MAX 15   /* OpenFlow port names. */
#define TENANT_POLICY_VLAN_MIN_DEFAULT 100
#define TENANT_POLICY_VLAN_MAX_DEFAULT 3999

enum tenant_member_kind {
    TENANT_MEMBER_PORT,       /* {dpid, port: NUMBER [, vlan]} */
    TENANT_MEMBER_PORT_NAME,  /* {dpid, port: "NAME" [, vlan]} */
    TENANT_MEMBER_MAC,        /* {mac} */
};

/* One member, read-only for users of the policy. */
struct tenant_policy_member {
    enum tenant_member_kind kind;
    uint64_t dpid;            /* Ports only. */
    uint32_t port;            /* PORT; PORT_NAME once resolved. */
    char *port_name;          /* PORT_NAME only, else NULL. */
    bool resolved;            /* PORT and MAC: always; PORT_NAME: 'port' is
                               * valid (the switch is known and has it). */
    uint16_t vlan;            /* Access VLAN on the port, 0: the port. */
    uint8_t mac[6];           /* MAC only. */
    char *where;              /* "FILE:LINE:COLUMN" of its port or mac. */
    size_t tenant_idx;        /* Its tenant, an index into the policy. */
    size_t idx;               /* Its index in the tenant's 'members'. */
    size_t seq;               /* Its rank in the whole config. */
};

/* One tenant, read-only for users of the policy. */
struct tenant_policy_tenant {
    char *name;
    uint16_t vlan;            /* The final tenant VLAN, 1..4094. */
    bool vlan_allocated;      /* From vlan_range, not configured. */
    char *where;              /* "FILE:LINE:COLUMN" of its name. */
    struct tenant_policy_member *members;
    size_t n_members;
};

struct tenant_policy;

/* Parses and validates the tenant app's settings ('settings' may be NULL:
 * an empty policy) into a new policy, returned through '*out' (the caller
 * owns it and frees it with tenant_policy_destroy()).  On any error returns
 * false, leaves '*out' NULL and records the first error in 'y' as
 * "FILE:LINE:COLUMN: PATH: message"; 'path' names the subtree in messages
 * ("apps[1].settings", or "" for a document of its own).  VLANs are
 * allocated here (see docs/tenant.md); named ports are left unresolved. */
bool tenant_policy_parse(struct ycfg *y, struct fy_node *settings,
                         const char *path, struct tenant_policy **out);
/* Frees 'p' and everything in it.  Accepts NULL. */
void tenant_policy_destroy(struct tenant_policy *p);

/* Tenants in config order; 'i' < tenant_policy_n_tenants(). */
size_t tenant_policy_n_tenants(const struct tenant_policy *);
const struct tenant_policy_tenant *
tenant_policy_tenant(const struct tenant_policy *, size_t i);
/* The tenant named 'name', or NULL. */
const struct tenant_policy_tenant *
tenant_policy_find(const struct tenant_policy *, const char *name);
/* The default tenant, or NULL if traffic of no tenant is dropped. */
const struct tenant_policy_tenant *
tenant_policy_default(const struct tenant_policy *);
void tenant_policy_vlan_range(const struct tenant_policy *, uint16_t *min,
                              uint16_t *max);

/* A port of a switch, as the app knows it from the switch's features. */
struct tenant_policy_port {
    uint32_t port_no;
    const char *name;         /* Not owned; only read during the call. */
};

/* Resolves the named-port members of switch 'dpid' against its 'n_ports'
 * 'ports' (replacing any earlier resolution for that switch).  Members
 * whose name the switch does not have, or whose port turns out to be a
 * member of another tenant already (same port and access VLAN), stay
 * unresolved (they classify nothing) and are reported.  Returns true if
 * every named member of 'dpid' resolved; otherwise returns false and sets
 * '*errors' to one "FILE:LINE:COLUMN: PATH: message" line per problem, each
 * ending in '\n' (malloc'd, the caller frees).  '*errors' is NULL on
 * success.  The app refuses a reload that returns false for a connected
 * switch. */
bool tenant_policy_resolve_names(struct tenant_policy *, uint64_t dpid,
                                 const struct tenant_policy_port *ports,
                                 size_t n_ports, char **errors);
/* Marks the named-port members of 'dpid' unresolved (switch gone). */
void tenant_policy_forget_switch(struct tenant_policy *, uint64_t dpid);

/* The tenant of a frame that entered switch 'dpid' on 'port' with VLAN id
 * 'vlan' (0: untagged) and source MAC 'mac' (NULL: not known), or NULL if
 * it is to be dropped.  Precedence, first match wins:
 *
 *   1. a port+VLAN member (dpid, port, vlan) -- the most specific claim;
 *   2. a port member (dpid, port), for any VLAN (and untagged) not claimed
 *      by a port+VLAN member of that port;
 *   3. a MAC member, for 'mac' on a port (and VLAN) no port member claims;
 *   4. the default tenant, if the config names one.
 *
 * Ports come before MACs because the port is where the operator placed a
 * host and cannot be forged from the host, while a source MAC can: a host
 * on a port of tenant A cannot enter tenant B by sending with a MAC of B.
 * MAC members serve hosts that move between ports nobody claims. */
const struct tenant_policy_tenant *
tenant_policy_classify(const struct tenant_policy *, uint64_t dpid,
                       uint32_t port, uint16_t vlan, const uint8_t mac[6]);

enum tenant_policy_change_type {
    TENANT_POLICY_TENANT_REMOVED,  /* 'old_tenant' is gone. */
    TENANT_POLICY_MEMBER_REMOVED,  /* 'member' (of 'old_tenant') is gone. */
    TENANT_POLICY_DEFAULT_CHANGED, /* Either may be NULL (no default). */
    TENANT_POLICY_VLAN_CHANGED,    /* Same tenant, another VLAN. */
    TENANT_POLICY_TENANT_ADDED,    /* 'new_tenant', with all its members. */
    TENANT_POLICY_MEMBER_ADDED,    /* 'member' (of 'new_tenant') is new. */
};

/* One difference.  Tenants are matched by name, members by what the config
 * says (dpid and port number or name and access VLAN, or MAC), not by
 * whether or where a name resolved.  Pointers are valid during the
 * callback. */
struct tenant_policy_change {
    enum tenant_policy_change_type type;
    const struct tenant_policy_tenant *old_tenant;  /* NULL if added. */
    const struct tenant_policy_tenant *new_tenant;  /* NULL if removed. */
    const struct tenant_policy_member *member;      /* MEMBER_* only. */
};

typedef void tenant_policy_diff_cb(const struct tenant_policy_change *,
                                   void *aux);

/* Calls 'cb' (NULL: none, only count) for each difference from 'old' to
 * 'new' (either may be NULL, an empty policy) and returns how many there
 * were.  Order: removed tenants
 * and removed members (old config order), the default, VLAN changes, then
 * added tenants and added members (new config order): taking access away
 * before granting it, so that applying the calls in order never lets
 * through traffic that both policies deny.  A removed or added tenant is
 * one call, not one per member. */
size_t tenant_policy_diff(const struct tenant_policy *old,
                          const struct tenant_policy *new,
                          tenant_policy_diff_cb *cb, void *aux);

#endif /* apps/tenant/tenant_policy.h */

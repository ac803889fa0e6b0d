/* Static flows: flows an operator adds through the admin API.
 *
 * The controller keeps each one (by datapath id and name) so that it is
 * installed again whenever its switch reconnects, and so that
 * reconciliation keeps it while removing flows nobody owns.  Static flows
 * carry the core's owner id in the top 16 bits of their cookie and a
 * non-zero id in the low 48 (the core's own table-miss flows have 0
 * there).  Ids start from a random value each run, so a flow left on a
 * switch by an earlier run is not mistaken for one of this run's: it is
 * removed at reconciliation like any flow nobody owns.
 *
 * The store lives in memory: a restart forgets static flows. */
#ifndef CONTROLLER_STATICFLOW_H
#define CONTROLLER_STATICFLOW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct flowjson;
struct ofp_msg;

/* How many static flows one controller keeps at most. */
#define STATICFLOW_MAX 10000

struct staticflow {
    uint64_t dpid;
    uint64_t cookie;            /* Full cookie, owner bits included. */
    struct flowjson *flow;      /* Owned; its name is the flow's name. */
    struct staticflow *next;
};

struct staticflow_set;

struct staticflow_set *staticflow_set_create(void);
void staticflow_set_destroy(struct staticflow_set *);
size_t staticflow_set_count(const struct staticflow_set *);

/* A fresh cookie for a new static flow. */
uint64_t staticflow_new_cookie(struct staticflow_set *);
/* The flow named 'name' on 'dpid', or NULL. */
struct staticflow *staticflow_find(const struct staticflow_set *,
                                   uint64_t dpid, const char *name);
/* The flow with 'cookie' on 'dpid', or NULL. */
struct staticflow *staticflow_find_cookie(const struct staticflow_set *,
                                          uint64_t dpid, uint64_t cookie);
/* Keeps a copy of 'flow' (which must have a name not yet used on 'dpid')
 * under 'cookie'. */
struct staticflow *staticflow_add(struct staticflow_set *, uint64_t dpid,
                                  const struct flowjson *flow,
                                  uint64_t cookie);
void staticflow_remove(struct staticflow_set *, struct staticflow *);
/* Iterates over the flows of 'dpid': pass NULL for the first. */
struct staticflow *staticflow_next(const struct staticflow_set *,
                                   uint64_t dpid,
                                   const struct staticflow *);

/* Fills 'm' with the flow-mod that installs 'flow' with 'cookie' ('m'
 * points into 'flow': valid while 'flow' is). */
void staticflow_add_msg(const struct flowjson *flow, uint64_t cookie,
                        struct ofp_msg *m);
/* Fills 'm' with the flow-mod that removes 'flow' (installed with
 * 'cookie') from a switch speaking 'version': by exact cookie on OpenFlow
 * 1.3, by match and priority on 1.0 (which has no cookie mask). */
void staticflow_delete_msg(const struct flowjson *flow, uint64_t cookie,
                           uint8_t version, struct ofp_msg *m);

#endif /* controller/staticflow.h */

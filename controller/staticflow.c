/* Static flows: see staticflow.h. */
#include <config.h>

#include "controller/staticflow.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "controller/flowjson.h"
#include "controller/ofconn.h"
#include "ofproto/ofp-buf.h"
#include "ofproto/ofp-msgs.h"

#define STATICFLOW_ID_MASK ((1ull << OFCONN_COOKIE_OWNER_SHIFT) - 1)

struct staticflow_set {
    struct staticflow *head;
    size_t count;
    uint64_t next_id;           /* Low 48 bits of the next cookie. */
};

struct staticflow_set *
staticflow_set_create(void)
{
    struct staticflow_set *set = xzalloc(sizeof *set);
    if (getrandom(&set->next_id, sizeof set->next_id, 0)
        != sizeof set->next_id) {
        set->next_id = (uint64_t) time(NULL) << 16;
    }
    return set;
}

static void
staticflow_free(struct staticflow *sf)
{
    flowjson_uninit(sf->flow);
    free(sf->flow);
    free(sf);
}

void
staticflow_set_destroy(struct staticflow_set *set)
{
    if (set) {
        while (set->head) {
            struct staticflow *sf = set->head;
            set->head = sf->next;
            staticflow_free(sf);
        }
        free(set);
    }
}

size_t
staticflow_set_count(const struct staticflow_set *set)
{
    return set->count;
}

uint64_t
staticflow_new_cookie(struct staticflow_set *set)
{
    uint64_t id;
    do {
        id = set->next_id++ & STATICFLOW_ID_MASK;
    } while (!id);
    return OFCONN_CORE_COOKIE | id;
}

struct staticflow *
staticflow_find(const struct staticflow_set *set, uint64_t dpid,
                const char *name)
{
    for (struct staticflow *sf = set->head; sf; sf = sf->next) {
        if (sf->dpid == dpid && !strcmp(sf->flow->name, name)) {
            return sf;
        }
    }
    return NULL;
}

struct staticflow *
staticflow_find_cookie(const struct staticflow_set *set, uint64_t dpid,
                       uint64_t cookie)
{
    for (struct staticflow *sf = set->head; sf; sf = sf->next) {
        if (sf->dpid == dpid && sf->cookie == cookie) {
            return sf;
        }
    }
    return NULL;
}

struct staticflow *
staticflow_add(struct staticflow_set *set, uint64_t dpid,
               const struct flowjson *flow, uint64_t cookie)
{
    struct staticflow *sf = xzalloc(sizeof *sf);
    sf->dpid = dpid;
    sf->cookie = cookie;
    sf->flow = xzalloc(sizeof *sf->flow);
    flowjson_copy(sf->flow, flow);
    sf->flow->fm.cookie = cookie;

    /* Appended, so flows are reinstalled in the order they were added. */
    struct staticflow **tail = &set->head;
    while (*tail) {
        tail = &(*tail)->next;
    }
    *tail = sf;
    set->count++;
    return sf;
}

void
staticflow_remove(struct staticflow_set *set, struct staticflow *sf)
{
    for (struct staticflow **p = &set->head; *p; p = &(*p)->next) {
        if (*p == sf) {
            *p = sf->next;
            set->count--;
            staticflow_free(sf);
            return;
        }
    }
}

struct staticflow *
staticflow_next(const struct staticflow_set *set, uint64_t dpid,
                const struct staticflow *prev)
{
    struct staticflow *sf = prev ? prev->next : set->head;
    while (sf && sf->dpid != dpid) {
        sf = sf->next;
    }
    return sf;
}

void
staticflow_add_msg(const struct flowjson *flow, uint64_t cookie,
                   struct ofp_msg *m)
{
    ofp_msg_init(m, OFPMSG_FLOW_MOD, 0);
    m->u.flow_mod = flow->fm;
    m->u.flow_mod.command = OFPFC_ADD;
    m->u.flow_mod.cookie = cookie;
    m->u.flow_mod.cookie_mask = 0;
}

void
staticflow_delete_msg(const struct flowjson *flow, uint64_t cookie,
                      uint8_t version, struct ofp_msg *m)
{
    const struct ofp_flow_mod *src = &flow->fm;
    ofp_msg_init(m, OFPMSG_FLOW_MOD, 0);
    struct ofp_flow_mod *fm = &m->u.flow_mod;
    if (version == OFP13_VERSION) {
        fm->command = OFPFC_DELETE;
        fm->table_id = OFPTT_ALL;
        fm->cookie = cookie;
        fm->cookie_mask = UINT64_MAX;
    } else {
        fm->command = OFPFC_DELETE_STRICT;
        fm->table_id = src->table_id;
        fm->priority = src->priority;
        fm->match = src->match;
    }
}

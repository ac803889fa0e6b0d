/* The tenant app's service (canopy_service_find(app, TENANT_SERVICE_NAME)):
 * what other apps may ask it.  The acl app uses it to apply lists to
 * tenants, to decide packet-ins and to answer policy checks.
 *
 * How tenants look inside the network (OpenFlow 1.3): table 0 classifies a
 * frame at its ingress edge port and pushes its tenant's VLAN (or rewrites
 * the port's access VLAN to it), so in the ACL table and the forwarding
 * table every frame of a tenant carries that tenant's VLAN.  Frames that
 * arrive over a link between switches were classified (and filtered by the
 * ACL table) at their first switch: they skip the ACL table.
 *
 * Strings returned are owned by the tenant app and valid until the next
 * change of tenants (see 'watch'); copy what you keep. */
#ifndef APPS_TENANT_TENANT_SERVICE_H
#define APPS_TENANT_TENANT_SERVICE_H 1

#include <stdbool.h>
#include <stdint.h>

#define TENANT_SERVICE_NAME "tenant"
#define TENANT_SERVICE_VERSION 1

typedef void tenant_service_watch_cb(void *aux);

struct tenant_service {
    uint32_t version;           /* TENANT_SERVICE_VERSION. */

    /* The tenant of a frame entering switch 'dpid' on 'port' with VLAN id
     * 'vlan' as on the wire (0: untagged) and source 'mac' (NULL: not
     * known), with its tenant VLAN in '*tenant_vlan'; NULL if the frame
     * belongs to no tenant (and there is no default: it is dropped). */
    const char *(*classify)(void *state, uint64_t dpid, uint32_t port,
                            uint16_t vlan, const uint8_t mac[6],
                            uint16_t *tenant_vlan);
    /* The VLAN that carries tenant 'name'; false if there is none. */
    bool (*vlan_of)(void *state, const char *name, uint16_t *vlan);
    /* The tenant whose VLAN is 'vlan', or NULL. */
    const char *(*tenant_of_vlan)(void *state, uint16_t vlan);

    /* Calls 'cb(aux)' after every change of the tenants (reload or admin
     * API), once the new tenants are in force, so that a dependant
     * refreshes what it derived from them.  One watch per 'aux'; 'unwatch'
     * removes it (call it before 'aux' is freed). */
    void (*watch)(void *state, tenant_service_watch_cb *cb, void *aux);
    void (*unwatch)(void *state, void *aux);
};

#endif /* apps/tenant/tenant_service.h */

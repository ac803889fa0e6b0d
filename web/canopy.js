/* Canopy: the live network picture canopyd serves at "/" (docs/web.md).
 *
 * Every 2 s the page reads GET /v1/topology, GET /v1/hosts, (when the
 * tenant app runs; a 404 otherwise) GET /v1/tenants and (when the acl app
 * runs; a 404 otherwise) GET /v1/acls, and redraws
 * the SVG in place: elements are keyed (switches by dpid, links by their
 * two ends, hosts by MAC and VLAN) and updated, never rebuilt, so nothing
 * flickers.  Switch positions are a pure function of the topology (the
 * switches and which pairs are linked): the same network always gives the
 * same picture, and a refresh that changes nothing moves nothing.
 *
 * What tests rely on (tests/e2e/web-check.py):
 *   <g class="switch" data-dpid="0000000000000001">
 *   <g class="link" data-state="up|one-way|down" data-src=DPID
 *      data-dst=DPID data-src-port=N data-dst-port=N>   one per cable
 *   <g class="host" data-mac="0a:00:..." data-vlan=N
 *      [data-tenant=NAME data-color=COLOUR]>    a host of a tenant
 *   <li class="tenant" data-name=NAME data-vlan=N data-members=N
 *       data-hosts=N data-color=COLOUR>         one per tenant, in
 *                                               <div id="tenants">
 *   <details id="acl" data-rules=N data-lists=N>  hidden without the acl
 *                                               app; in it, a row
 *   <tr class="acl-rule" data-list=NAME data-rule=INDEX
 *       data-action=allow|deny data-where=POS data-packets=N
 *       data-bytes=N data-packet-ins-denied=N>  per rule (the first
 *                                               ACL_MAX_RULES), and a
 *   <tr class="acl-default" data-list=NAME data-rule="default" ...>
 *                                               per list
 *   <body data-status="loading|ok|unreachable|error|auth"
 *         data-refreshes=N>
 *
 * Data from the API is only ever put in the page as text (textContent,
 * setAttribute), never parsed as HTML. */
'use strict';

(function () {
    const REFRESH_MS = 2000;
    const REQUEST_TIMEOUT_MS = 8000;
    const TOKEN_KEY = 'canopy.token';
    const SVG_NS = 'http://www.w3.org/2000/svg';
    const STATE_RANK = { up: 0, 'one-way': 1, down: 2 };

    /* Geometry, in CSS pixels. */
    const SWITCH_H = 30;
    const SWITCH_H_SMALL = 20;
    const HOST_R = 6;
    const HOST_RING = 58;       /* Distance from a host to its switch. */
    const FAN_MAX = 6;          /* Up to this many hosts: level labels, */
    const FAN_STEP = 30;        /* this far apart (arc length); */
    const RAY_STEP = 17;        /* more: labels along the rays. */
    const MARGIN = 110;         /* Room for the hosts of outer switches. */
    const MAX_EDGE = 280;       /* Longest ideal link on a big screen. */
    const ACL_MAX_RULES = 500;  /* Rules listed in the ACL panel. */

    const view = {
        topo: null,             /* Last good answer of /v1/topology. */
        hosts: [],              /* Last good answer of /v1/hosts. */
        hostsMissing: false,    /* /v1/hosts answered 404. */
        tenants: null,          /* Last good answer of /v1/tenants; null
                                 * when it answered 404 (no tenant app). */
        tenantsKey: null,       /* What the tenant list shows. */
        acl: null,              /* Last good answer of /v1/acls; null
                                 * when it answered 404 (no acl app). */
        aclKey: null,           /* What the ACL panel shows. */
        lastOk: null,           /* Date of the last good refresh. */
        refreshes: 0,
        layoutKey: null,
        unitPos: new Map(),     /* dpid -> {x, y}, layout units. */
        pos: new Map(),         /* dpid -> {x, y}, pixels. */
        compact: false,         /* Small switch boxes. */
        model: null,            /* What was drawn last (buildModel()). */
        selected: null,         /* {kind: 'switch'|'host', id} */
        details: null,          /* {dpid, data|error} for the panel. */
        timer: null,
        authWait: false,        /* Waiting for a token: no polling. */
        els: { link: new Map(), sw: new Map(), host: new Map(),
               attach: new Map() },
    };

    const $ = (id) => document.getElementById(id);

    /* --- Token ------------------------------------------------------- */

    /* sessionStorage may be unavailable (storage disabled): fall back to
     * memory, so the page still works for as long as it is open. */
    let memoryToken = null;

    function getToken() {
        try {
            return sessionStorage.getItem(TOKEN_KEY);
        } catch (e) {
            return memoryToken;
        }
    }

    function setToken(t) {
        memoryToken = t;
        try {
            if (t === null) {
                sessionStorage.removeItem(TOKEN_KEY);
            } else {
                sessionStorage.setItem(TOKEN_KEY, t);
            }
        } catch (e) {
            /* Kept in memory only. */
        }
        $('forget').hidden = !t;
    }

    /* "#token=..." in the address: take it, then remove it from the
     * address bar (and the history) so it is not bookmarked or shared. */
    function takeTokenFromFragment() {
        const m = /^#(?:.*&)?token=([^&]*)/.exec(location.hash);
        if (!m) {
            return;
        }
        let t = m[1];
        try {
            t = decodeURIComponent(t);
        } catch (e) {
            /* Used as written. */
        }
        if (t) {
            setToken(t);
        }
        history.replaceState(null, '', location.pathname + location.search);
    }

    /* --- API --------------------------------------------------------- */

    class ApiError extends Error {
        /* 'status' 0: no answer at all. */
        constructor(status, code, message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    async function api(path) {
        const headers = { Accept: 'application/json' };
        const token = getToken();
        if (token) {
            headers.Authorization = 'Bearer ' + token;
        }
        const ctl = new AbortController();
        const timer = setTimeout(() => ctl.abort(), REQUEST_TIMEOUT_MS);
        let resp, text;
        try {
            resp = await fetch(path, { headers, cache: 'no-store',
                                       signal: ctl.signal });
            text = await resp.text();
        } catch (e) {
            const why = e.name === 'AbortError'
                ? 'no answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s'
                : e.message;
            throw new ApiError(0, 'unreachable', why);
        } finally {
            clearTimeout(timer);
        }
        let body = null;
        try {
            body = text ? JSON.parse(text) : null;
        } catch (e) {
            if (resp.ok) {
                throw new ApiError(resp.status, 'bad_json',
                                   path + ' did not answer JSON');
            }
        }
        if (!resp.ok) {
            const isErr = body && typeof body === 'object';
            throw new ApiError(resp.status,
                               isErr && body.error ? String(body.error)
                                                   : 'http_' + resp.status,
                               isErr && body.message ? String(body.message)
                                                     : resp.statusText);
        }
        return body;
    }

    /* --- Model ------------------------------------------------------- */

    function shortDpid(dpid) {
        return dpid.replace(/^0+(?=.)/, '');
    }

    function normDpid(d) {
        return typeof d === 'string' ? d.toLowerCase() : null;
    }

    /* One entry per cable: the API lists an up link once per direction.
     * The pair takes the worst state of its directions (down, one-way,
     * up); a one-way link keeps the direction seen, the others go from the
     * lower end to the higher. */
    function buildModel(topo, hostList, tenantList) {
        const switches = [];
        const known = new Set();
        for (const s of Array.isArray(topo.switches) ? topo.switches : []) {
            const dpid = normDpid(s && s.dpid);
            if (dpid && !known.has(dpid)) {
                known.add(dpid);
                switches.push({ dpid, n_ports: s.n_ports });
            }
        }
        switches.sort((a, b) => (a.dpid < b.dpid ? -1 : a.dpid > b.dpid));

        const pairs = new Map();
        let unplaced = 0;
        for (const l of Array.isArray(topo.links) ? topo.links : []) {
            if (!l || !l.src || !l.dst) {
                continue;
            }
            const src = { dpid: normDpid(l.src.dpid), port: l.src.port };
            const dst = { dpid: normDpid(l.dst.dpid), port: l.dst.port };
            if (!known.has(src.dpid) || !known.has(dst.dpid)) {
                unplaced++;
                continue;
            }
            const state = l.state in STATE_RANK ? l.state : 'up';
            const fwd = src.dpid < dst.dpid
                || (src.dpid === dst.dpid && src.port <= dst.port);
            const [a, b] = fwd ? [src, dst] : [dst, src];
            const key = a.dpid + ':' + a.port + '-' + b.dpid + ':' + b.port;
            let p = pairs.get(key);
            if (!p) {
                p = { key, a, b, state, dirs: [] };
                pairs.set(key, p);
            } else if (STATE_RANK[state] > STATE_RANK[p.state]) {
                p.state = state;
            }
            p.dirs.push({ src, dst, weight: l.weight, state });
        }
        const links = [...pairs.values()].sort(
            (x, y) => (x.key < y.key ? -1 : x.key > y.key));
        for (const p of links) {
            const oneWay = p.dirs.find((d) => d.state === 'one-way');
            if (p.state === 'one-way' && oneWay) {
                p.src = oneWay.src;
                p.dst = oneWay.dst;
            } else {
                p.src = p.a;
                p.dst = p.b;
            }
        }

        /* With the tenant app, a host's VLAN is its tenant's. */
        const tenants = [];
        const tenantByVlan = new Map();
        for (const t of Array.isArray(tenantList) ? tenantList : []) {
            if (!t || typeof t.name !== 'string') {
                continue;
            }
            const tenant = {
                name: t.name,
                vlan: typeof t.vlan === 'number' ? t.vlan : null,
                allocated: t.vlan_allocated === true,
                members: Array.isArray(t.members) ? t.members.length : 0,
                unresolved: Array.isArray(t.members)
                    ? t.members.filter((m) => m && m.resolved === false)
                        .length : 0,
                color: tenantColor(t.vlan, t.name),
                hosts: 0,
            };
            tenants.push(tenant);
            if (tenant.vlan !== null && !tenantByVlan.has(tenant.vlan)) {
                tenantByVlan.set(tenant.vlan, tenant);
            }
        }

        const hosts = [];
        const hostKeys = new Set();
        let orphans = 0;
        for (const h of Array.isArray(hostList) ? hostList : []) {
            if (!h || typeof h.mac !== 'string') {
                continue;
            }
            const dpid = normDpid(h.dpid);
            const key = h.mac.toLowerCase() + '/' + (h.vlan || 0);
            if (hostKeys.has(key)) {
                continue;
            }
            hostKeys.add(key);
            if (!known.has(dpid)) {
                orphans++;
                continue;
            }
            const tenant = tenantByVlan.get(h.vlan || 0) || null;
            hosts.push({ key, mac: h.mac.toLowerCase(), vlan: h.vlan || 0,
                         tenant, dpid, port: h.port,
                         ipv4: Array.isArray(h.ipv4) ? h.ipv4 : [],
                         ipv6: Array.isArray(h.ipv6) ? h.ipv6 : [],
                         age_ms: h.age_ms });
        }
        hosts.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key));
        for (const h of hosts) {
            if (h.tenant) {
                h.tenant.hosts++;
            }
        }
        return { switches, links, hosts, tenants, unplaced, orphans,
                 version: topo.version };
    }

    /* A tenant's colour, from its VLAN (its name when it has none), so
     * that it stays the same from one refresh, page or canopyd to the
     * next.  VLANs are unique across tenants and mostly consecutive: the
     * golden angle (137.5 degrees) between the hues of consecutive VLANs
     * keeps neighbours far apart.  Saturation and lightness are fixed so
     * that every hue reads on the light background. */
    function tenantColor(vlan, name) {
        const n = typeof vlan === 'number' ? vlan : hash(name) % 4096;
        const hue = Math.round(n * 137.508) % 360;
        return `hsl(${hue}, 70%, ${n % 2 ? 40 : 47}%)`;
    }

    /* --- Layout ------------------------------------------------------ */

    /* FNV-1a of a string: a deterministic seed per switch. */
    function hash(s) {
        let h = 0x811c9dc5;
        for (let i = 0; i < s.length; i++) {
            h ^= s.charCodeAt(i);
            h = Math.imul(h, 0x01000193) >>> 0;
        }
        return h;
    }

    /* Hop counts between all switches (BFS from each); a pair in
     * different islands counts one more than the longest path. */
    function hopDistances(n, adj) {
        const d = new Float64Array(n * n).fill(-1);
        const queue = new Int32Array(n);
        let longest = 1;
        for (let s = 0; s < n; s++) {
            const row = s * n;
            d[row + s] = 0;
            let head = 0, tail = 0;
            queue[tail++] = s;
            while (head < tail) {
                const u = queue[head++];
                for (const v of adj[u]) {
                    if (d[row + v] < 0) {
                        d[row + v] = d[row + u] + 1;
                        longest = Math.max(longest, d[row + v]);
                        queue[tail++] = v;
                    }
                }
            }
        }
        for (let i = 0; i < n * n; i++) {
            if (d[i] < 0) {
                d[i] = longest + 1;
            }
        }
        return d;
    }

    /* The two main axes of classical multidimensional scaling of 'd',
     * by power iteration from a start that depends on the ids only. */
    function classicalMds(n, d, seed) {
        const b = new Float64Array(n * n);
        const rowMean = new Float64Array(n);
        let all = 0;
        for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
                const sq = d[i * n + j] * d[i * n + j];
                b[i * n + j] = sq;
                rowMean[i] += sq / n;
            }
            all += rowMean[i] / n;
        }
        for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
                b[i * n + j] = -0.5 * (b[i * n + j] - rowMean[i] - rowMean[j]
                                       + all);
            }
        }
        const iters = n > 500 ? 40 : 100;
        const axes = [];
        for (let k = 0; k < 2; k++) {
            let v = Float64Array.from(seed, (h) => ((h >>> (8 * k)) & 0xff)
                                      / 255 - 0.5);
            let lambda = 0;
            for (let it = 0; it < iters; it++) {
                const w = new Float64Array(n);
                for (let i = 0; i < n; i++) {
                    let sum = 0;
                    for (let j = 0; j < n; j++) {
                        sum += b[i * n + j] * v[j];
                    }
                    w[i] = sum;
                }
                for (const a of axes) {   /* Deflate: no earlier axis. */
                    let dot = 0;
                    for (let i = 0; i < n; i++) {
                        dot += a.v[i] * v[i];
                    }
                    for (let i = 0; i < n; i++) {
                        w[i] -= a.lambda * a.v[i] * dot;
                    }
                }
                let norm = 0;
                for (let i = 0; i < n; i++) {
                    norm += w[i] * w[i];
                }
                norm = Math.sqrt(norm);
                if (norm < 1e-12) {
                    break;
                }
                lambda = 0;
                for (let i = 0; i < n; i++) {
                    lambda += v[i] * w[i];
                }
                v = w.map((x) => x / norm);
            }
            axes.push({ v, lambda });
        }
        return axes.map((a) => a.v.map((x) => x * Math.sqrt(
            Math.max(a.lambda, 0))));
    }

    /* Stress majorization (Gansner, Koren, North): switches as far apart
     * on the screen as they are in hops, starting from classical MDS and
     * a small jitter from each id, a fixed number of steps; then turned to
     * suit a wide screen.  The result depends on nothing but 'dpids' and
     * 'edges'.  A link is 1 long. */
    function stressLayout(dpids, edges) {
        const n = dpids.length;
        const pos = new Map();
        if (n === 1) {
            pos.set(dpids[0], { x: 0, y: 0 });
        }
        if (n <= 1) {
            return pos;
        }
        const seed = dpids.map(hash);
        let x, y;
        if (n > 1500) {
            /* Too many for O(n^2) steps: a circle in id order. */
            x = seed.map((h, i) => n / 6 * Math.cos(2 * Math.PI * i / n));
            y = seed.map((h, i) => n / 6 * Math.sin(2 * Math.PI * i / n));
        } else {
            const idx = new Map(dpids.map((dp, i) => [dp, i]));
            const adj = dpids.map(() => []);
            for (const [a, b] of edges) {
                adj[idx.get(a)].push(idx.get(b));
                adj[idx.get(b)].push(idx.get(a));
            }
            const d = hopDistances(n, adj);
            [x, y] = classicalMds(n, d, seed);
            for (let i = 0; i < n; i++) {
                x[i] += ((seed[i] >>> 16 & 0xff) / 255 - 0.5) * 0.2;
                y[i] += ((seed[i] >>> 24) / 255 - 0.5) * 0.2;
            }
            const iters = Math.max(15, Math.min(200,
                                                Math.floor(2e7 / (n * n))));
            for (let it = 0; it < iters; it++) {
                for (let i = 0; i < n; i++) {
                    let sx = 0, sy = 0, sw = 0;
                    for (let j = 0; j < n; j++) {
                        if (i === j) {
                            continue;
                        }
                        const dij = d[i * n + j];
                        const w = 1 / (dij * dij);
                        const ux = x[i] - x[j], uy = y[i] - y[j];
                        const len = Math.sqrt(ux * ux + uy * uy);
                        const f = len > 1e-9 ? dij / len : 0;
                        sx += w * (x[j] + f * ux);
                        sy += w * (y[j] + f * uy);
                        sw += w;
                    }
                    x[i] = sx / sw;
                    y[i] = sy / sw;
                }
            }
        }
        /* Centre, then turn by the multiple of 5 degrees that lets the
         * picture fill a 16:10 screen best. */
        let mx = 0, my = 0;
        for (let i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        let best = 0, bestFit = -1;
        for (let deg = 0; deg < 180; deg += 5) {
            const c = Math.cos(deg * Math.PI / 180);
            const s = Math.sin(deg * Math.PI / 180);
            let w = 0, h = 0;
            for (let i = 0; i < n; i++) {
                const u = x[i] - mx, v = y[i] - my;
                w = Math.max(w, Math.abs(u * c - v * s));
                h = Math.max(h, Math.abs(u * s + v * c));
            }
            const fit = Math.min(1.6 / (w + 0.5), 1 / (h + 0.5));
            if (fit > bestFit * (1 + 1e-6)) {
                best = deg;
                bestFit = fit;
            }
        }
        const c = Math.cos(best * Math.PI / 180);
        const s = Math.sin(best * Math.PI / 180);
        for (let i = 0; i < n; i++) {
            const u = x[i] - mx, v = y[i] - my;
            /* Rounded, so that float noise cannot tell two runs apart. */
            pos.set(dpids[i], { x: Math.round((u * c - v * s) * 1e4) / 1e4,
                                y: Math.round((u * s + v * c) * 1e4) / 1e4 });
        }
        return pos;
    }

    /* Fits the unit layout into the drawing area. */
    function placeSwitches(model, w, h) {
        const dpids = model.switches.map((s) => s.dpid);
        const seen = new Set();
        const edges = [];
        for (const l of model.links) {
            const [s, d] = [l.a.dpid, l.b.dpid];
            const k = s + ' ' + d;
            if (s !== d && !seen.has(k)) {
                seen.add(k);
                edges.push([s, d]);
            }
        }
        const key = dpids.join(',') + '|' + edges.map((p) => p.join('-'));
        if (key !== view.layoutKey) {
            view.layoutKey = key;
            view.unitPos = stressLayout(dpids, edges);
        }
        let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
        for (const p of view.unitPos.values()) {
            x0 = Math.min(x0, p.x);
            x1 = Math.max(x1, p.x);
            y0 = Math.min(y0, p.y);
            y1 = Math.max(y1, p.y);
        }
        const aw = Math.max(w - 2 * MARGIN, 40);
        const ah = Math.max(h - 2 * MARGIN, 40);
        const sx = x1 > x0 ? aw / (x1 - x0) : Infinity;
        const sy = y1 > y0 ? ah / (y1 - y0) : Infinity;
        let scale = Math.min(sx, sy, MAX_EDGE);
        if (!isFinite(scale)) {
            scale = MAX_EDGE;
        }
        const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        /* Many switches close together: smaller boxes. */
        view.compact = scale < 64;
        view.pos = new Map();
        for (const [d, p] of view.unitPos) {
            view.pos.set(d, { x: Math.round(w / 2 + (p.x - cx) * scale),
                              y: Math.round(h / 2 + (p.y - cy) * scale) });
        }
    }

    /* Hosts fan out around their switch on the side away from its links,
     * in MAC order: a narrow fan for a few, a wider arc for more. */
    function placeHosts(model) {
        const neigh = new Map();
        for (const l of model.links) {
            if (l.a.dpid === l.b.dpid) {
                continue;
            }
            for (const [s, d] of [[l.a.dpid, l.b.dpid],
                                  [l.b.dpid, l.a.dpid]]) {
                if (!neigh.has(s)) {
                    neigh.set(s, new Set());
                }
                neigh.get(s).add(d);
            }
        }
        let gx = 0, gy = 0;
        for (const p of view.pos.values()) {
            gx += p.x;
            gy += p.y;
        }
        gx /= Math.max(view.pos.size, 1);
        gy /= Math.max(view.pos.size, 1);

        const bySwitch = new Map();
        for (const h of model.hosts) {
            if (!bySwitch.has(h.dpid)) {
                bySwitch.set(h.dpid, []);
            }
            bySwitch.get(h.dpid).push(h);
        }
        const out = new Map();
        for (const [dpid, list] of bySwitch) {
            const sp = view.pos.get(dpid);
            let vx = 0, vy = 0;
            for (const n of neigh.get(dpid) || []) {
                const np = view.pos.get(n);
                const ux = sp.x - np.x, uy = sp.y - np.y;
                const d = Math.hypot(ux, uy) || 1;
                vx += ux / d;
                vy += uy / d;
            }
            if (Math.hypot(vx, vy) < 0.3) {
                vx = sp.x - gx;
                vy = sp.y - gy;
            }
            if (Math.hypot(vx, vy) < 1) {
                vx = 0;
                vy = 1;
            }
            /* A few hosts: a fan with level labels.  More: one wider
             * ring over three quarters of a turn, labels along the rays. */
            const base = Math.atan2(vy, vx);
            const m = list.length;
            const radial = m > FAN_MAX;
            const r = radial
                ? Math.max(HOST_RING, (m - 1) * RAY_STEP / (1.5 * Math.PI))
                : HOST_RING;
            const step = (radial ? RAY_STEP : FAN_STEP) / r;
            list.forEach((h, k) => {
                const a = base + (k - (m - 1) / 2) * step;
                out.set(h.key, { x: Math.round(sp.x + r * Math.cos(a)),
                                 y: Math.round(sp.y + r * Math.sin(a)),
                                 a, radial });
            });
        }
        return out;
    }

    /* --- Drawing ----------------------------------------------------- */

    function svg(tag, attrs, parent) {
        const el = document.createElementNS(SVG_NS, tag);
        for (const k in attrs) {
            el.setAttribute(k, attrs[k]);
        }
        if (parent) {
            parent.appendChild(el);
        }
        return el;
    }

    function setAttrs(el, attrs) {
        for (const k in attrs) {
            const v = String(attrs[k]);
            if (el.getAttribute(k) !== v) {
                el.setAttribute(k, v);
            }
        }
    }

    function setText(el, text) {
        if (el.textContent !== text) {
            el.textContent = text;
        }
    }

    /* Creates, updates and removes the keyed elements of one kind. */
    function reconcile(map, layer, items, keyOf, create, update) {
        const keep = new Set();
        for (const it of items) {
            const k = keyOf(it);
            keep.add(k);
            let el = map.get(k);
            if (!el) {
                el = create(it);
                map.set(k, el);
                layer.appendChild(el);
            }
            update(el, it);
        }
        for (const [k, el] of map) {
            if (!keep.has(k)) {
                el.remove();
                map.delete(k);
            }
        }
    }

    function linkTitle(l) {
        const end = (e) => shortDpid(e.dpid) + ' port ' + e.port;
        const lines = [];
        const arrow = l.state === 'one-way' ? ' → ' : ' ↔ ';
        lines.push(end(l.src) + arrow + end(l.dst));
        lines.push('state: ' + (l.state === 'down'
                                ? 'down (failed in the last minute)'
                                : l.state));
        for (const d of l.dirs) {
            lines.push('weight ' + shortDpid(d.src.dpid) + '→'
                       + shortDpid(d.dst.dpid) + ': '
                       + (d.weight === undefined ? '?' : d.weight));
        }
        return lines.join('\n');
    }

    function linkGeometry(l, offset) {
        const p = view.pos.get(l.a.dpid), q = view.pos.get(l.b.dpid);
        if (l.a.dpid === l.b.dpid) {
            /* A cable between two ports of one switch: a loop above it. */
            const r = 18 + Math.abs(offset) * 10;
            const d = `M${p.x - 10},${p.y - SWITCH_H / 2}`
                + ` C${p.x - r * 2},${p.y - r * 3} ${p.x + r * 2},`
                + `${p.y - r * 3} ${p.x + 10},${p.y - SWITCH_H / 2}`;
            return { d, mid: { x: p.x, y: p.y - r * 2.2 }, angle: 0 };
        }
        const mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2;
        const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
        const nx = -(q.y - p.y) / len, ny = (q.x - p.x) / len;
        const cx = mx + nx * offset * 2, cy = my + ny * offset * 2;
        const d = offset === 0
            ? `M${p.x},${p.y} L${q.x},${q.y}`
            : `M${p.x},${p.y} Q${cx},${cy} ${q.x},${q.y}`;
        /* Midpoint and tangent of the curve at t = 1/2. */
        const mid = { x: (p.x + 2 * cx + q.x) / 4,
                      y: (p.y + 2 * cy + q.y) / 4 };
        let angle = Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI;
        if (l.src.dpid !== l.a.dpid || l.src.port !== l.a.port) {
            angle += 180;
        }
        return { d, mid, angle };
    }

    function drawLinks(model) {
        /* Parallel cables between the same two switches bow apart. */
        const groups = new Map();
        for (const l of model.links) {
            const g = l.a.dpid + ' ' + l.b.dpid;
            if (!groups.has(g)) {
                groups.set(g, []);
            }
            groups.get(g).push(l);
        }
        const offsets = new Map();
        for (const list of groups.values()) {
            list.forEach((l, i) => offsets.set(l.key, l.a.dpid === l.b.dpid
                ? i : (i - (list.length - 1) / 2) * 14));
        }
        reconcile(view.els.link, $('layer-links'), model.links, (l) => l.key,
            () => {
                const g = svg('g', { class: 'link' });
                svg('title', {}, g);
                svg('path', { class: 'hit' }, g);
                svg('path', { class: 'wire' }, g);
                svg('path', { class: 'arrow',
                              d: 'M-8,-6 L9,0 L-8,6 L-4,0 z' }, g);
                return g;
            },
            (g, l) => {
                setAttrs(g, { 'data-state': l.state,
                              'data-src': l.src.dpid,
                              'data-dst': l.dst.dpid,
                              'data-src-port': l.src.port,
                              'data-dst-port': l.dst.port });
                setText(g.firstChild, linkTitle(l));
                const geo = linkGeometry(l, offsets.get(l.key));
                setAttrs(g.querySelector('.hit'), { d: geo.d });
                setAttrs(g.querySelector('.wire'), { d: geo.d });
                const arrow = g.querySelector('.arrow');
                setAttrs(arrow, {
                    transform: `translate(${Math.round(geo.mid.x)},`
                        + `${Math.round(geo.mid.y)}) `
                        + `rotate(${Math.round(geo.angle)})`,
                    visibility: l.state === 'one-way' ? 'visible' : 'hidden',
                });
            });
    }

    function drawSwitches(model) {
        reconcile(view.els.sw, $('layer-switches'), model.switches,
            (s) => s.dpid,
            (s) => {
                const g = svg('g', { class: 'switch', 'data-dpid': s.dpid,
                                     tabindex: 0, role: 'button' });
                svg('title', {}, g);
                svg('rect', { class: 'box' }, g);
                const t = svg('text', { class: 'label',
                                        'text-anchor': 'middle' }, g);
                t.textContent = shortDpid(s.dpid);
                return g;
            },
            (g, s) => {
                const label = shortDpid(s.dpid);
                const small = view.compact;
                const w = small ? Math.max(26, label.length * 6.6 + 10)
                    : Math.max(44, label.length * 8.5 + 22);
                const h = small ? SWITCH_H_SMALL : SWITCH_H;
                const p = view.pos.get(s.dpid);
                setAttrs(g, { transform: `translate(${p.x},${p.y})`,
                              'aria-label': 'switch ' + s.dpid });
                setAttrs(g.querySelector('.box'), { width: w, x: -w / 2,
                                                    height: h, y: -h / 2,
                                                    rx: small ? 5 : 7 });
                setAttrs(g.querySelector('.label'), { y: small ? 4 : 5 });
                g.classList.toggle('small', small);
                const sel = view.selected && view.selected.kind === 'switch'
                    && view.selected.id === s.dpid;
                g.classList.toggle('selected', !!sel);
                setText(g.firstChild, 'switch ' + s.dpid
                        + (s.n_ports !== undefined ? '\n' + s.n_ports
                           + ' ports' : '') + '\nclick for details');
            });
    }

    function hostLabel(h) {
        return h.ipv4.length ? String(h.ipv4[0]) : h.mac;
    }

    function drawHosts(model) {
        const hp = placeHosts(model);
        reconcile(view.els.attach, $('layer-attach'), model.hosts,
            (h) => h.key,
            () => svg('line', { class: 'attach' }),
            (el, h) => {
                const s = view.pos.get(h.dpid), p = hp.get(h.key);
                setAttrs(el, { x1: s.x, y1: s.y, x2: p.x, y2: p.y });
            });
        reconcile(view.els.host, $('layer-hosts'), model.hosts, (h) => h.key,
            (h) => {
                const g = svg('g', { class: 'host', 'data-mac': h.mac,
                                     'data-vlan': h.vlan, tabindex: 0,
                                     role: 'button' });
                svg('title', {}, g);
                svg('circle', { class: 'dot', r: HOST_R }, g);
                svg('text', { class: 'label' }, g);
                return g;
            },
            (g, h) => {
                const p = hp.get(h.key);
                setAttrs(g, { transform: `translate(${p.x},${p.y})`,
                              'aria-label': 'host ' + h.mac });
                /* The label points away from the switch. */
                const c = Math.cos(p.a), s = Math.sin(p.a);
                const t = g.querySelector('.label');
                if (p.radial) {
                    /* Along the ray, never upside down. */
                    const deg = Math.round(p.a * 180 / Math.PI);
                    setAttrs(t, c >= 0
                        ? { x: HOST_R + 4, y: 4, 'text-anchor': 'start',
                            transform: `rotate(${deg})` }
                        : { x: -(HOST_R + 4), y: 4, 'text-anchor': 'end',
                            transform: `rotate(${deg + 180})` });
                } else {
                    const anchor = c > 0.35 ? 'start'
                        : c < -0.35 ? 'end' : 'middle';
                    setAttrs(t, {
                        x: Math.round(c * (HOST_R + 4)),
                        y: Math.round(s * (HOST_R + 6) + (anchor === 'middle'
                            ? (s > 0 ? 9 : -1) : 4)),
                        'text-anchor': anchor, transform: '' });
                }
                setText(t, hostLabel(h));
                const sel = view.selected && view.selected.kind === 'host'
                    && view.selected.id === h.key;
                g.classList.toggle('selected', !!sel);
                /* A tenant's host in its colour (set through the CSSOM:
                 * the page's CSP takes no style attributes). */
                g.classList.toggle('in-tenant', !!h.tenant);
                g.classList.toggle('no-tenant', !h.tenant
                                   && view.tenants !== null);
                if (h.tenant) {
                    setAttrs(g, { 'data-tenant': h.tenant.name,
                                  'data-color': h.tenant.color });
                    g.style.setProperty('--tenant', h.tenant.color);
                } else if (g.hasAttribute('data-tenant')) {
                    g.removeAttribute('data-tenant');
                    g.removeAttribute('data-color');
                    g.style.removeProperty('--tenant');
                }
                setText(g.firstChild, 'host ' + h.mac
                        + (h.tenant ? ' · tenant ' + h.tenant.name : '')
                        + (h.vlan ? ' vlan ' + h.vlan : '')
                        + [...h.ipv4, ...h.ipv6].map((a) => '\n' + a).join('')
                        + '\nswitch ' + shortDpid(h.dpid) + ' port ' + h.port);
            });
    }

    /* The list of tenants: a colour swatch, the name, the VLAN, members
     * and hosts.  Rebuilt only when what it shows changes. */
    function drawTenants(model) {
        const box = $('tenants');
        const on = view.tenants !== null;
        box.hidden = !on;
        $('n-tenants').hidden = !on;
        if (!on) {
            view.tenantsKey = null;
            return;
        }
        setCount('n-tenants', model.tenants.length, 'tenant', 'tenants');
        const dflt = typeof view.tenants.default === 'string'
            ? view.tenants.default : null;
        const key = JSON.stringify([dflt, model.tenants,
                                    model.hosts.filter((h) => !h.tenant)
                                        .length]);
        if (key === view.tenantsKey) {
            return;
        }
        view.tenantsKey = key;
        const list = el('ul');
        list.id = 'tenant-list';
        for (const t of model.tenants) {
            const li = el('li', undefined, 'tenant');
            li.dataset.name = t.name;
            li.dataset.vlan = t.vlan === null ? '' : String(t.vlan);
            li.dataset.members = String(t.members);
            li.dataset.hosts = String(t.hosts);
            li.dataset.color = t.color;
            const sw = el('span', undefined, 'swatch');
            sw.style.setProperty('--tenant', t.color);
            li.appendChild(sw);
            li.appendChild(el('span', t.name, 'name'));
            li.appendChild(el('span', t.vlan === null ? 'no VLAN'
                : 'VLAN ' + t.vlan, 'vlan'));
            li.appendChild(el('span', plural(t.members, 'member', 'members')
                + (t.unresolved ? ' (' + t.unresolved + ' unresolved)' : '')
                + ' · ' + plural(t.hosts, 'host', 'hosts'), 'muted'));
            if (t.name === dflt) {
                li.appendChild(el('span', 'default', 'badge'));
            }
            li.title = 'tenant ' + t.name + '\nVLAN '
                + (t.vlan === null ? '-' : t.vlan)
                + (t.allocated ? ' (allocated from the VLAN range)'
                   : ' (configured)')
                + '\n' + plural(t.members, 'member', 'members')
                + (t.unresolved ? ', ' + t.unresolved
                   + ' port name(s) not resolved' : '')
                + '\n' + plural(t.hosts, 'host', 'hosts') + ' drawn'
                + (t.name === dflt ? '\ndefault tenant: traffic of no '
                   + 'other tenant' : '');
            list.appendChild(li);
        }
        if (!model.tenants.length) {
            list.appendChild(el('li', 'no tenants', 'muted'));
        }
        const none = model.hosts.filter((h) => !h.tenant).length;
        if (none) {
            const li = el('li', undefined, 'no-tenant');
            li.appendChild(el('span', undefined, 'swatch'));
            li.appendChild(el('span', 'no tenant', 'name'));
            li.appendChild(el('span', plural(none, 'host', 'hosts'),
                              'muted'));
            li.title = 'hosts whose VLAN is no tenant\'s';
            list.appendChild(li);
        }
        const title = el('h3', 'Tenants');
        title.id = 'tenants-title';
        box.replaceChildren(title, list);
    }

    /* A counter for people: "12,345"; "–" when the API left it out. */
    function fmtCount(n) {
        return typeof n === 'number' ? n.toLocaleString('en-US') : '–';
    }

    /* Bytes for people: "888 B", "39.2 KiB", "2.0 MiB". */
    function fmtBytes(n) {
        if (typeof n !== 'number') {
            return '–';
        }
        const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
        let i = 0;
        let v = n;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return i ? v.toFixed(1) + ' ' + units[i] : n + ' B';
    }

    /* "FILE:LINE:COLUMN" without the file's directories. */
    function shortWhere(where) {
        return typeof where === 'string' ? where.replace(/^.*\//, '') : '';
    }

    /* One row of the ACL panel: a rule, or a list's default ('r' null). */
    function aclRow(list, r) {
        const rule = r !== null;
        const src = rule ? r : list;
        const action = String(rule ? r.action : list.default);
        const packets = rule ? r.packets : list.default_packets;
        const bytes = rule ? r.bytes : list.default_bytes;
        const tr = el('tr', undefined, rule ? 'acl-rule' : 'acl-default');
        const data = {
            list: String(list.name),
            rule: rule ? String(r.index) : 'default',
            action,
            where: typeof src.where === 'string' ? src.where : '',
            packets: typeof packets === 'number' ? String(packets) : '',
            bytes: typeof bytes === 'number' ? String(bytes) : '',
            packetInsDenied: rule && typeof r.packet_ins_denied === 'number'
                ? String(r.packet_ins_denied) : '',
        };
        Object.assign(tr.dataset, data);
        tr.classList.toggle('hit', typeof packets === 'number' && packets > 0);
        let flags = '';
        if (rule && r.stateful === true) {
            flags += ' · stateful';
        }
        if (rule && r.log === true) {
            flags += ' · log';
        }
        tr.appendChild(el('td', data.list));
        tr.appendChild(el('td', data.rule, 'num'));
        tr.appendChild(el('td', action + flags,
                          action === 'deny' ? 'deny'
                          : action === 'allow' ? 'allow' : ''));
        tr.appendChild(el('td', shortWhere(data.where), 'where'));
        tr.appendChild(el('td', fmtCount(packets), 'num packets'));
        const b = el('td', fmtBytes(bytes), 'num');
        if (typeof bytes === 'number') {
            b.title = fmtCount(bytes) + ' bytes';
        }
        tr.appendChild(b);
        tr.appendChild(el('td', rule ? fmtCount(r.packet_ins_denied) : '',
                          'num'));
        const matches = rule && Array.isArray(r.matches) ? r.matches : [];
        tr.title = rule
            ? 'list ' + data.list + ', rule ' + data.rule + ' (' + data.where
                + ')\n' + (matches.length ? matches.join('\n') : 'any packet')
            : 'list ' + data.list + ': what no rule of it matches ('
                + data.where + ')';
        return tr;
    }

    /* The ACL panel: per rule its action, place and hit counters (packets
     * and bytes from the switches' flow counters, packet-ins it stopped),
     * then each list's default; a note on where the policy came from and
     * on switches not in sync.  Rebuilt only when what it shows changes. */
    function drawAcl() {
        const box = $('acl');
        const a = view.acl;
        box.hidden = a === null;
        if (a === null) {
            view.aclKey = null;
            return;
        }
        const lists = Array.isArray(a.lists) ? a.lists : [];
        const switches = Array.isArray(a.switches) ? a.switches : [];
        const key = JSON.stringify([lists, switches, a.source, a.default,
                                    a.default_packets, a.packet_ins_denied]);
        if (key === view.aclKey) {
            return;
        }
        view.aclKey = key;

        const head = el('tr');
        for (const [h, cls] of [['list'], ['rule', 'num'], ['action'],
                                ['where'], ['packets', 'num'],
                                ['bytes', 'num'],
                                ['pkt-ins denied', 'num']]) {
            const th = el('th', h, cls);
            th.scope = 'col';
            head.appendChild(th);
        }
        const thead = el('thead');
        thead.appendChild(head);
        const tbody = el('tbody');
        let nRules = 0;
        let shown = 0;
        for (const l of lists) {
            const rules = Array.isArray(l.rules) ? l.rules : [];
            for (const r of rules) {
                nRules++;
                if (shown < ACL_MAX_RULES) {
                    tbody.appendChild(aclRow(l, r));
                    shown++;
                }
            }
            if (shown < ACL_MAX_RULES) {
                tbody.appendChild(aclRow(l, null));
            }
        }
        const t = el('table');
        t.id = 'acl-rules';
        t.appendChild(thead);
        t.appendChild(tbody);

        const body = el('div');
        body.id = 'acl-body';
        if (lists.length) {
            body.appendChild(t);
        } else {
            body.appendChild(el('p', 'no lists', 'acl-note'));
        }
        if (shown < nRules) {
            body.appendChild(el('p', 'The first ' + shown + ' of ' + nRules
                                + ' rules (canopyctl acls lists them all).',
                                'acl-note'));
        }
        body.appendChild(el('p', 'Policy from ' + String(a.source)
                            + ', default ' + String(a.default)
                            + ' (' + fmtCount(a.default_packets)
                            + ' packets) · '
                            + fmtCount(a.packet_ins_denied)
                            + ' packet-ins denied', 'acl-note'));
        const off = switches.filter((s) => s && s.status !== 'in sync');
        for (const s of off) {
            body.appendChild(el('p', 'switch ' + shortDpid(String(s.dpid))
                                + ': ' + String(s.status), 'acl-note bad'));
        }
        box.dataset.rules = String(nRules);
        box.dataset.lists = String(lists.length);
        setText($('acl-summary'), plural(nRules, 'rule', 'rules') + ' · '
                + plural(lists.length, 'list', 'lists')
                + (off.length ? ' · ' + plural(off.length, 'switch',
                                                 'switches')
                   + ' not in sync' : ''));
        $('acl-body').replaceWith(body);
    }

    function plural(n, one, many) {
        return n + ' ' + (n === 1 ? one : many);
    }

    function setCount(id, n, one, many) {
        const el = $(id);
        setText(el.querySelector('b'), String(n));
        setText(el.lastChild, ' ' + (n === 1 ? one : many));
        el.classList.toggle('zero', n === 0);
    }

    function render() {
        if (!view.topo) {
            return;
        }
        const model = buildModel(view.topo, view.hosts,
                                 view.tenants && view.tenants.tenants);
        view.model = model;
        const box = $('net').getBoundingClientRect();
        const w = Math.max(Math.round(box.width), 200);
        const h = Math.max(Math.round(box.height), 200);
        $('net').setAttribute('viewBox', `0 0 ${w} ${h}`);
        placeSwitches(model, w, h);
        drawLinks(model);
        drawSwitches(model);
        drawHosts(model);
        drawTenants(model);
        drawAcl();

        const empty = $('empty');
        empty.toggleAttribute('hidden', model.switches.length > 0);
        setText(empty, 'No switch is connected to this canopyd yet.');

        const n = { up: 0, 'one-way': 0, down: 0 };
        for (const l of model.links) {
            n[l.state]++;
        }
        setCount('n-switches', model.switches.length, 'switch', 'switches');
        setCount('n-links-up', n.up, 'link up', 'links up');
        setCount('n-links-one-way', n['one-way'], 'one-way', 'one-way');
        $('n-links-one-way').hidden = n['one-way'] === 0;
        setCount('n-links-down', n.down, 'link down', 'links down');
        setCount('n-hosts', model.hosts.length, 'host', 'hosts');
        const hostsEl = $('n-hosts');
        if (view.hostsMissing) {
            setText(hostsEl.querySelector('b'), '–');
        }
        hostsEl.title = view.hostsMissing
            ? 'this canopyd does not serve /v1/hosts'
            : model.orphans
                ? plural(model.orphans, 'host is', 'hosts are')
                    + ' on switches not connected (not drawn)'
                : '';
        renderPanel();
    }

    /* --- Status ------------------------------------------------------ */

    function hhmmss(d) {
        const p = (x) => String(x).padStart(2, '0');
        return p(d.getHours()) + ':' + p(d.getMinutes()) + ':'
            + p(d.getSeconds());
    }

    function setStatus(status, message) {
        document.body.dataset.status = status;
        document.body.dataset.refreshes = String(view.refreshes);
        const banner = $('banner');
        banner.hidden = !message;
        setText(banner, message || '');
        document.body.classList.toggle('stale', status !== 'ok'
                                       && view.lastOk !== null);
        setText($('updated-text'), view.lastOk
                ? 'updated ' + hhmmss(view.lastOk)
                : status === 'loading' ? 'connecting…'
                : status === 'auth' ? 'token needed' : 'no data');
        $('updated').className = status;
    }

    function failureMessage(e) {
        const since = view.lastOk
            ? ' The picture is the one of ' + hhmmss(view.lastOk) + '.'
            : '';
        if (e.status === 0) {
            return 'Cannot reach the Canopy API at ' + location.origin
                + ' (' + e.message + '). Retrying every '
                + REFRESH_MS / 1000 + ' s.' + since;
        }
        return 'The Canopy API answered ' + e.status + ' ' + e.code
            + (e.message ? ': ' + e.message : '') + '. Retrying every '
            + REFRESH_MS / 1000 + ' s.' + since;
    }

    /* --- Token form -------------------------------------------------- */

    function askToken(refused) {
        view.authWait = true;
        setStatus('auth', null);
        const err = $('login-error');
        err.hidden = !refused;
        setText(err, refused ? 'That token was refused.' : '');
        $('login').hidden = false;
        $('login-token').value = '';
        $('login-token').focus();
    }

    function onLogin(ev) {
        ev.preventDefault();
        const t = $('login-token').value.trim();
        if (!t) {
            return;
        }
        setToken(t);
        $('login').hidden = true;
        view.authWait = false;
        refreshNow();
    }

    /* --- Refresh loop ------------------------------------------------ */

    async function refresh() {
        const hostsP = api('/v1/hosts').catch((e) => {
            if (e.status === 404 && e.code === 'not_found') {
                return null;
            }
            throw e;
        });
        /* No tenant app: /v1/tenants is not there, and nothing of
         * tenants is shown. */
        const tenantsP = api('/v1/tenants').catch((e) => {
            if (e.status === 404 && e.code === 'not_found') {
                return null;
            }
            throw e;
        });
        /* No acl app: no ACL panel. */
        const aclP = api('/v1/acls').catch((e) => {
            if (e.status === 404 && e.code === 'not_found') {
                return null;
            }
            throw e;
        });
        try {
            const [topo, hosts, tenants, acl] = await Promise.all([
                api('/v1/topology'), hostsP, tenantsP, aclP]);
            if (view.authWait) {
                return;         /* The token was forgotten meanwhile. */
            }
            if (!topo || typeof topo !== 'object') {
                throw new ApiError(200, 'bad_json',
                                   '/v1/topology is not an object');
            }
            view.topo = topo;
            view.hosts = hosts || [];
            view.hostsMissing = hosts === null;
            view.tenants = tenants && typeof tenants === 'object'
                && Array.isArray(tenants.tenants) ? tenants : null;
            view.acl = acl && typeof acl === 'object'
                && Array.isArray(acl.lists) ? acl : null;
            view.lastOk = new Date();
            view.refreshes++;
            render();
            setStatus('ok', null);
            if (view.selected && view.selected.kind === 'switch') {
                loadSwitchDetails(view.selected.id);
            }
        } catch (e) {
            if (e.status === 401) {
                const had = !!getToken();
                setToken(null);
                askToken(had);
                return;
            }
            setStatus(e.status === 0 ? 'unreachable' : 'error',
                      failureMessage(e));
        }
    }

    function schedule() {
        clearTimeout(view.timer);
        view.timer = setTimeout(refreshNow, REFRESH_MS);
    }

    let running = false;
    async function refreshNow() {
        if (running || view.authWait) {
            return;
        }
        running = true;
        try {
            await refresh();
        } finally {
            running = false;
            if (!view.authWait) {
                schedule();
            }
        }
    }

    /* --- Side panel -------------------------------------------------- */

    function select(kind, id) {
        view.selected = kind ? { kind, id } : null;
        view.details = null;
        render();
        if (kind === 'switch') {
            loadSwitchDetails(id);
        }
    }

    async function loadSwitchDetails(dpid) {
        let d;
        try {
            d = { dpid, data: await api('/v1/switches/' + dpid) };
        } catch (e) {
            d = { dpid, error: e };
        }
        if (view.selected && view.selected.kind === 'switch'
            && view.selected.id === dpid) {
            view.details = d;
            renderPanel();
        }
    }

    function el(tag, text, cls) {
        const e = document.createElement(tag);
        if (text !== undefined) {
            e.textContent = text;
        }
        if (cls) {
            e.className = cls;
        }
        return e;
    }

    function table(rows) {
        const t = el('table');
        for (const [k, v] of rows) {
            if (v === undefined || v === null || v === '') {
                continue;
            }
            const tr = el('tr');
            tr.appendChild(el('th', k));
            tr.appendChild(el('td', String(v)));
            t.appendChild(tr);
        }
        return t;
    }

    function duration(ms) {
        const s = Math.max(0, Math.floor(ms / 1000));
        if (s < 60) {
            return s + ' s';
        }
        if (s < 3600) {
            return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
        }
        if (s < 86400) {
            return Math.floor(s / 3600) + ' h ' + Math.floor(s % 3600 / 60)
                + ' min';
        }
        return Math.floor(s / 86400) + ' d ' + Math.floor(s % 86400 / 3600)
            + ' h';
    }

    function age(ms) {
        if (typeof ms !== 'number') {
            return undefined;
        }
        return ms < 1000 ? ms + ' ms ago'
            : ms < 60000 ? (ms / 1000).toFixed(1) + ' s ago'
            : duration(ms) + ' ago';
    }

    function switchPanel(dpid, body) {
        const m = view.model;
        const d = view.details && view.details.dpid === dpid
            ? view.details : null;
        if (!d) {
            body.appendChild(el('p', 'Loading…', 'muted'));
        } else if (d.error) {
            body.appendChild(el('p', d.error.status === 404
                ? 'This switch is no longer connected.'
                : 'Details unavailable: ' + d.error.message, 'muted'));
        } else {
            const s = d.data;
            const since = Date.parse(s.connected_since);
            body.appendChild(table([
                ['datapath id', s.dpid],
                ['OpenFlow', s.version],
                ['address', s.address],
                ['TLS peer', s.tls_peer],
                ['connected since', s.connected_since
                    + (isNaN(since) ? ''
                       : ' (' + duration(Date.now() - since) + ')')],
                ['tables', s.n_tables],
                ['buffers', s.n_buffers],
                ['ports', s.n_ports],
            ]));
            if (s.counters && typeof s.counters === 'object') {
                body.appendChild(el('h3', 'Counters'));
                body.appendChild(table(Object.keys(s.counters).map(
                    (k) => [k.replace(/_/g, ' '),
                            typeof s.counters[k] === 'number'
                                ? s.counters[k].toLocaleString()
                                : s.counters[k]])));
            }
        }
        const links = m ? m.links.filter((l) => l.a.dpid === dpid
                                         || l.b.dpid === dpid) : [];
        if (links.length) {
            body.appendChild(el('h3', 'Links'));
            body.appendChild(table(links.map((l) => {
                const [me, other] = l.a.dpid === dpid ? [l.a, l.b]
                    : [l.b, l.a];
                return ['port ' + me.port, 'switch ' + shortDpid(other.dpid)
                        + ' port ' + other.port + ' · ' + l.state];
            })));
        }
        const hosts = m ? m.hosts.filter((h) => h.dpid === dpid) : [];
        if (hosts.length) {
            body.appendChild(el('h3', 'Hosts'));
            body.appendChild(table(hosts.map(
                (h) => ['port ' + h.port, hostLabel(h)])));
        }
    }

    function hostPanel(key, body) {
        const h = view.model && view.model.hosts.find((x) => x.key === key);
        if (!h) {
            body.appendChild(el('p', 'This host is no longer known '
                                + '(aged out or moved off the picture).',
                                'muted'));
            return;
        }
        body.appendChild(table([
            ['MAC', h.mac],
            ['tenant', h.tenant ? h.tenant.name : undefined],
            ['VLAN', h.vlan ? h.vlan : 'untagged'],
            ['IPv4', h.ipv4.join('\n') || '–'],
            ['IPv6', h.ipv6.join('\n') || '–'],
            ['switch', h.dpid],
            ['port', h.port],
            ['last seen', age(h.age_ms)],
        ]));
    }

    function renderPanel() {
        const panel = $('panel');
        const s = view.selected;
        panel.hidden = !s;
        document.body.classList.toggle('with-panel', !!s);
        if (!s) {
            return;
        }
        const body = el('div');
        if (s.kind === 'switch') {
            setText($('panel-title'), 'Switch ' + shortDpid(s.id));
            switchPanel(s.id, body);
        } else {
            const h = view.model
                && view.model.hosts.find((x) => x.key === s.id);
            setText($('panel-title'), 'Host ' + (h ? hostLabel(h) : ''));
            hostPanel(s.id, body);
        }
        body.id = 'panel-body';
        $('panel-body').replaceWith(body);
    }

    /* --- Start ------------------------------------------------------- */

    function onPick(ev) {
        if (ev.type === 'keydown' && ev.key !== 'Enter' && ev.key !== ' ') {
            return;
        }
        const t = ev.target.closest ? ev.target.closest('.switch, .host')
            : null;
        if (ev.type === 'keydown' && !t) {
            return;
        }
        ev.preventDefault();
        if (!t) {
            select(null);
        } else if (t.classList.contains('switch')) {
            select('switch', t.getAttribute('data-dpid'));
        } else {
            select('host', t.getAttribute('data-mac') + '/'
                   + t.getAttribute('data-vlan'));
        }
    }

    function start() {
        takeTokenFromFragment();
        $('forget').hidden = !getToken();
        $('forget').addEventListener('click', () => {
            setToken(null);
            askToken(false);
        });
        $('login-form').addEventListener('submit', onLogin);
        $('net').addEventListener('click', onPick);
        $('net').addEventListener('keydown', onPick);
        $('panel-close').addEventListener('click', () => select(null));
        document.addEventListener('keydown', (ev) => {
            if (ev.key === 'Escape' && view.selected) {
                select(null);
            }
        });
        new ResizeObserver(() => render()).observe($('canvas'));
        setStatus('loading', null);
        refreshNow();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();

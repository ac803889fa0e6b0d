#!/usr/bin/env python3
"""Loads canopyd's web page in headless Chromium and checks what it drew.

Usage: web-check.py URL --switches N --links-up M [--links-down K]
                    [--links-one-way J] [--hosts H]
                    [--tenants T [--tenant-hosts U] | --no-tenants]
                    [--acl-rules R | --no-acl]
                    --screenshot FILE [--token TOKEN] [--budget-ms MS]
                    [--chromium PATH]

Chromium (Debian's /usr/bin/chromium) loads URL headless, with a window of
1280x800 and a throwaway profile, lets the page run for MS milliseconds of
virtual time (default 7000: the first refresh and three more), then dumps
the DOM and saves a screenshot.  With --token, URL gets the fragment
"#token=TOKEN", which the page moves into its sessionStorage (and removes
from the address bar) before its first request.

In the DOM it counts the elements the page draws (docs/web.md):
class "switch" with data-dpid; class "link" with data-state (up, one-way,
down), data-src, data-dst, data-src-port and data-dst-port, one per cable,
so an up link counts once although the API lists it in both directions;
class "host" with data-mac.  --switches and --links-up are always checked;
--links-down, --links-one-way and --hosts only when given.  It also checks
that every link joins two drawn switches, that nothing is drawn twice, and
that the screenshot is a PNG of the window's size that is not blank.

With the tenant app (/v1/tenants), the page lists the tenants in
<div id="tenants">, one <li class="tenant"> each with data-name, data-vlan
and data-color, and a host whose VLAN is a tenant's carries data-tenant
and data-color.  --tenants T checks that the list is shown with T tenants,
that every host in a tenant has that tenant's VLAN and colour, that every
host with a tenant's VLAN is in it, and that tenants' colours differ;
--tenant-hosts U that U hosts are drawn in a tenant's colour.  --no-tenants
checks that nothing of tenants is shown (no tenant app: /v1/tenants answers
404).

With the acl app (/v1/acls), the page shows the ACL panel,
<details id="acl"> with data-rules (the policy's number of rules) and
data-lists, and in it one <tr class="acl-rule"> per rule (the first 500)
with data-list, data-rule (its index), data-action, data-where,
data-packets, data-bytes and data-packet-ins-denied, then one
<tr class="acl-default"> per list.  --acl-rules R checks that the panel is
shown, that data-rules is R and R rows are listed (at most 500), that each
row names its list, index and action (allow or deny) with counters that are
numbers, that no rule is listed twice, and that each list has its default
row.  --no-acl checks that the panel is hidden and lists nothing (no acl
app: /v1/acls answers 404).

Prints what it found, one line per check, and exits 0 if everything
matches, 1 if not (or if Chromium failed), 2 on a usage error, 77 if
Chromium is not installed (callers count 77 as skipped).
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib
from html.parser import HTMLParser

WINDOW = (1280, 800)
STATES = ("up", "one-way", "down")
ACL_MAX_RULES = 500         # Rules the ACL panel lists (canopy.js).


class Drawn(HTMLParser):
    """Collects the attributes of the elements the checks look at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.switches = []
        self.links = []
        self.hosts = []
        self.tenants = []
        self.tenant_box = None      # The attributes of div#tenants.
        self.acl_box = None         # The attributes of details#acl.
        self.acl_rules = []
        self.acl_defaults = []
        self.body = {}
        self.banner = None
        self._in_banner = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "body":
            self.body = a
        if "switch" in classes:
            self.switches.append(a)
        if "link" in classes:
            self.links.append(a)
        if "host" in classes:
            self.hosts.append(a)
        if "tenant" in classes:
            self.tenants.append(a)
        if a.get("id") == "tenants":
            self.tenant_box = a
        if a.get("id") == "acl":
            self.acl_box = a
        if tag == "tr" and "acl-rule" in classes:
            self.acl_rules.append(a)
        if tag == "tr" and "acl-default" in classes:
            self.acl_defaults.append(a)
        if a.get("id") == "banner" and "hidden" not in a:
            self._in_banner = True
            self.banner = ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._in_banner and tag == "div":
            self._in_banner = False

    def handle_data(self, data):
        if self._in_banner:
            self.banner += data


def find_chromium(given):
    """The browser to run: 'given' (--chromium), else $CHROMIUM, else
    chromium in PATH or /usr/bin/chromium; None if that is not there."""
    given = given or os.environ.get("CHROMIUM")
    for c in [given] if given else [shutil.which("chromium"),
                                    "/usr/bin/chromium"]:
        if c and os.path.isfile(c) and os.access(c, os.X_OK):
            return c
    return None


def run_chromium(chromium, url, shot, budget_ms, profile):
    """Runs Chromium once: the DOM on stdout, the screenshot in 'shot'.
    Returns (exit status, stdout, stderr)."""
    cmd = [chromium, "--headless=new", "--disable-gpu",
           "--disable-dev-shm-usage", "--no-first-run",
           "--no-default-browser-check", "--disable-extensions",
           "--disable-sync", "--disable-background-networking",
           "--disable-component-update", "--mute-audio", "--hide-scrollbars",
           "--user-data-dir=" + profile,
           "--window-size=%d,%d" % WINDOW,
           "--virtual-time-budget=%d" % budget_ms,
           "--dump-dom", "--screenshot=" + shot]
    if os.geteuid() == 0:
        cmd.append("--no-sandbox")
    cmd.append(url)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=60 + budget_ms / 1000)
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""
    return p.returncode, p.stdout, p.stderr


def png_check(path):
    """Returns None if 'path' is a PNG of the window's size that is not
    blank, else what is wrong with it."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return "cannot read: %s" % e.strerror
    if len(data) < 33 or data[:8] != b"\x89PNG\r\n\x1a\n" \
            or data[12:16] != b"IHDR":
        return "not a PNG (%d bytes)" % len(data)
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != WINDOW:
        return "%dx%d, expected %dx%d" % (width, height, *WINDOW)
    idat = b""
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    try:
        pixels = zlib.decompress(idat)
    except zlib.error:
        return "image data does not decompress"
    # A blank page compresses to a handful of byte values; text, shapes
    # and anti-aliasing give many.
    if len(set(pixels)) < 32:
        return "looks blank (%d distinct byte values)" % len(set(pixels))
    return None


def tenant_checks(page, args, check, problem):
    """The checks of --tenants, --tenant-hosts and --no-tenants."""
    shown = page.tenant_box is not None and "hidden" not in page.tenant_box
    coloured = [h for h in page.hosts if h.get("data-tenant")]
    if args.no_tenants:
        if shown or page.tenants or coloured:
            problem("tenants shown (%d listed, %d hosts coloured) although "
                    "none were expected" % (len(page.tenants), len(coloured)))
        else:
            print("web-check: %-14s %4s   ok (none shown)" % ("tenants", "-"))
        return
    if args.tenants is None:
        return
    if not shown:
        problem("no tenant list shown (does /v1/tenants answer?)")
    check("tenants", len(page.tenants), args.tenants)
    by_name = {}
    for t in page.tenants:
        name = t.get("data-name")
        if not name or name in by_name:
            problem("tenant without data-name, or listed twice: %r" % name)
        by_name[name] = t
    colours = [t.get("data-color") for t in page.tenants]
    if None in colours or len(set(colours)) != len(colours):
        problem("tenants without a colour, or sharing one: %s" % colours)
    by_vlan = {t.get("data-vlan"): t for t in page.tenants
               if t.get("data-vlan")}
    for h in page.hosts:
        name, vlan = h.get("data-tenant"), h.get("data-vlan")
        if name:
            t = by_name.get(name)
            if t is None:
                problem("host %s in tenant %r, which is not listed"
                        % (h.get("data-mac"), name))
            elif t.get("data-vlan") != vlan \
                    or t.get("data-color") != h.get("data-color"):
                problem("host %s (VLAN %s, colour %s) does not match tenant "
                        "%s (VLAN %s, colour %s)" % (
                            h.get("data-mac"), vlan, h.get("data-color"),
                            name, t.get("data-vlan"), t.get("data-color")))
        elif vlan in by_vlan:
            problem("host %s has tenant %s's VLAN %s but not its colour"
                    % (h.get("data-mac"), by_vlan[vlan].get("data-name"),
                       vlan))
    check("tenant hosts", len(coloured), args.tenant_hosts)


def acl_checks(page, args, check, problem):
    """The checks of --acl-rules and --no-acl."""
    shown = page.acl_box is not None and "hidden" not in page.acl_box
    if args.no_acl:
        if shown or page.acl_rules or page.acl_defaults:
            problem("ACL panel shown (%d rules listed) although no acl app "
                    "was expected" % len(page.acl_rules))
        else:
            print("web-check: %-14s %4s   ok (none shown)" % ("acl rules",
                                                             "-"))
        return
    if args.acl_rules is None:
        return
    if not shown:
        problem("no ACL panel shown (does /v1/acls answer?)")
        return
    total = page.acl_box.get("data-rules")
    if total != str(args.acl_rules):
        problem("the ACL panel says the policy has %s rules, expected %d"
                % (total, args.acl_rules))
    check("acl rules", len(page.acl_rules),
          min(args.acl_rules, ACL_MAX_RULES))
    seen = set()
    lists = set()
    for r in page.acl_rules:
        name, index = r.get("data-list"), r.get("data-rule")
        if not name or not (index or "").isdigit() \
                or r.get("data-action") not in ("allow", "deny"):
            problem("ACL row without a list, an index or an action: %r" % r)
            continue
        if (name, index) in seen:
            problem("ACL rule %s[%s] listed twice" % (name, index))
        seen.add((name, index))
        lists.add(name)
        for k in ("data-packets", "data-bytes", "data-packet-ins-denied"):
            if not (r.get(k) or "").isdigit():
                problem("ACL rule %s[%s]: %s is %r, not a number"
                        % (name, index, k, r.get(k)))
    defaults = {d.get("data-list") for d in page.acl_defaults}
    if len(page.acl_rules) == args.acl_rules and not lists <= defaults:
        problem("lists without their default row: %s"
                % sorted(lists - defaults))


def main():
    ap = argparse.ArgumentParser(
        description="Checks what canopyd's web page draws.")
    ap.add_argument("url")
    ap.add_argument("--switches", type=int, required=True)
    ap.add_argument("--links-up", type=int, required=True,
                    help="up links, each cable once")
    ap.add_argument("--links-down", type=int)
    ap.add_argument("--links-one-way", type=int)
    ap.add_argument("--hosts", type=int)
    tn = ap.add_mutually_exclusive_group()
    tn.add_argument("--tenants", type=int,
                    help="tenants listed (the tenant app runs)")
    tn.add_argument("--no-tenants", action="store_true",
                    help="nothing of tenants shown (no tenant app)")
    ap.add_argument("--tenant-hosts", type=int,
                    help="hosts drawn in a tenant's colour (with --tenants)")
    acl = ap.add_mutually_exclusive_group()
    acl.add_argument("--acl-rules", type=int,
                     help="ACL rules in the ACL panel (the acl app runs)")
    acl.add_argument("--no-acl", action="store_true",
                     help="no ACL panel (no acl app)")
    ap.add_argument("--screenshot", required=True, metavar="FILE")
    ap.add_argument("--token")
    ap.add_argument("--budget-ms", type=int, default=7000,
                    help="virtual time the page runs (default 7000)")
    ap.add_argument("--chromium", metavar="PATH",
                    help="default: $CHROMIUM, else chromium in PATH")
    args = ap.parse_args()
    if args.tenant_hosts is not None and args.tenants is None:
        ap.error("--tenant-hosts goes with --tenants")

    chromium = find_chromium(args.chromium)
    if not chromium:
        print("web-check: SKIP: %s is not installed (apt-get install "
              "chromium)" % (args.chromium or os.environ.get("CHROMIUM")
                             or "chromium"))
        return 77

    url = args.url
    if args.token is not None:
        url = url.split("#", 1)[0] + "#token=" + \
            urllib.parse.quote(args.token, safe="")
    try:
        os.unlink(args.screenshot)
    except FileNotFoundError:
        pass

    profile = tempfile.mkdtemp(prefix="web-check-")
    try:
        rc, out, err = run_chromium(chromium, url, args.screenshot,
                                    args.budget_ms, profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if rc != 0:
        print("web-check: FAIL: chromium %s" % (
            "timed out" if rc is None else "exited with status %d" % rc))
        for line in err.decode(errors="replace").splitlines()[-15:]:
            print("  " + line)
        return 1

    page = Drawn()
    page.feed(out.decode(errors="replace"))
    page.close()
    failures = 0

    def check(what, got, want):
        nonlocal failures
        if want is None:
            print("web-check: %-14s %4d   (not checked)" % (what, got))
        elif got == want:
            print("web-check: %-14s %4d   ok" % (what, got))
        else:
            print("web-check: %-14s %4d   FAIL: expected %d"
                  % (what, got, want))
            failures += 1

    def problem(text):
        nonlocal failures
        print("web-check: FAIL: " + text)
        failures += 1

    status = page.body.get("data-status")
    print("web-check: %s: page status %s after %s refreshes" % (
        args.url, status, page.body.get("data-refreshes", "?")))
    if page.banner:
        print("web-check: page says: " + page.banner.strip())
    if status is None:
        problem("no Canopy page at %s (chromium could not load it, or it "
                "is another page)" % args.url)
    elif status != "ok":
        problem("the page did not get the API's answers (status %s%s)" % (
            status, ": it asks for a token" if status == "auth" else ""))

    dpids = [s.get("data-dpid") for s in page.switches]
    if None in dpids or len(set(dpids)) != len(dpids):
        problem("switches without data-dpid, or drawn twice")
    by_state = {s: 0 for s in STATES}
    cables = set()
    for link in page.links:
        state = link.get("data-state")
        src, dst = link.get("data-src"), link.get("data-dst")
        ends = frozenset([(src, link.get("data-src-port")),
                          (dst, link.get("data-dst-port"))])
        if state not in by_state:
            problem("link %s-%s with data-state %r" % (src, dst, state))
            continue
        if src not in dpids or dst not in dpids:
            problem("link %s-%s joins a switch not drawn" % (src, dst))
        if ends in cables:
            problem("link %s-%s drawn twice" % (src, dst))
        cables.add(ends)
        by_state[state] += 1
    hosts = [(h.get("data-mac"), h.get("data-vlan")) for h in page.hosts]
    if any(m is None for m, _ in hosts) or len(set(hosts)) != len(hosts):
        problem("hosts without data-mac, or drawn twice")

    check("switches", len(page.switches), args.switches)
    check("links up", by_state["up"], args.links_up)
    check("links one-way", by_state["one-way"], args.links_one_way)
    check("links down", by_state["down"], args.links_down)
    check("hosts", len(page.hosts), args.hosts)
    tenant_checks(page, args, check, problem)
    acl_checks(page, args, check, problem)

    bad = png_check(args.screenshot)
    if bad:
        problem("screenshot %s: %s" % (args.screenshot, bad))
    else:
        print("web-check: screenshot %s: PNG %dx%d, %d bytes ok" % (
            args.screenshot, *WINDOW, os.path.getsize(args.screenshot)))

    print("web-check: %s" % ("PASS" if failures == 0 else
                             "%d check(s) failed" % failures))
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs every example of docs/api.md against a running canopyd.

An example is a line of a fenced block that starts with "$ curl"; the
lines after it, up to the next "$ " line or the end of the block, are the
response shown.  The
command runs with the documented address replaced by the real one
(ADMIN_URL) and $TOKEN set; examples run in the order of the document, so
one may depend on an earlier one (add a flow, then list it).

A JSON response must have the documented shape: the same keys at every
level (keys marked optional in the text may be absent, or present where
the example lacks them: see OPTIONAL), values
of the same JSON type, and the same value for the strings and booleans "error", "status",
"owner", "name", "version", "applied" and "state" at the top level.  A list shows one example element;
every element of the real list must have its shape, and a non-empty
documented list needs a non-empty real one.  A text response (the metrics)
must contain every metric name the example shows.

Usage: check-api-docs.py DOC ADMIN_URL TOKEN [--only REGEX] [--skip REGEX]
--only and --skip select examples by their command (each test runs the
examples its network can answer).  Prints one line per example and a final
"N passed, N failed".
"""
import json
import os
import re
import subprocess
import sys

DOC_URL = "http://127.0.0.1:8080"
EXACT = {"error", "status", "owner", "name", "version", "applied", "state"}
# Keys a real answer may lack: present only for some switches or flows.
OPTIONAL = {"tls_peer", "duration_sec", "write_actions", "clear_actions",
            "goto_table", "meter", "write_metadata", "name",
            # Flow changes: deletes have no instructions, removals by
            # cookie a cookie.
            "instructions", "cookie"}


def examples(text):
    """Yields (line number, command, expected output) for each example: a
    line starting with "$ curl" in a fenced block, and the lines after it
    up to the next "$ " line or the end of the block."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        k = i + 1
        while k < j:
            if not lines[k].startswith("$ curl"):
                k += 1
                continue
            start, cmd = k, lines[k][2:]
            k += 1
            while cmd.endswith("\\") and k < j:
                cmd = cmd[:-1] + " " + lines[k].strip()
                k += 1
            out = []
            while k < j and not lines[k].startswith("$ "):
                out.append(lines[k])
                k += 1
            yield start + 1, cmd, "\n".join(out)
        i = j + 1


def jtype(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if v is None:
        return "null"
    return type(v).__name__


def shape_errors(doc, real, path="$"):
    errs = []
    if jtype(doc) != jtype(real):
        return ["%s: documented %s, got %s" % (path, jtype(doc), jtype(real))]
    if isinstance(doc, dict):
        for k in doc:
            if k not in real:
                if k not in OPTIONAL:
                    errs.append("%s: missing key '%s'" % (path, k))
                continue
            if k in EXACT and isinstance(doc[k], (str, bool)) \
                    and doc[k] != real[k] and path == "$":
                errs.append("%s.%s: documented %r, got %r"
                            % (path, k, doc[k], real[k]))
            errs += shape_errors(doc[k], real[k], "%s.%s" % (path, k))
        for k in real:
            if k not in doc and k not in OPTIONAL:
                errs.append("%s: undocumented key '%s'" % (path, k))
    elif isinstance(doc, list):
        if doc and not real:
            errs.append("%s: documented a non-empty list, got []" % path)
        if doc and isinstance(doc[0], (dict, list)):
            for n, item in enumerate(real):
                errs += shape_errors(doc[0], item, "%s[%d]" % (path, n))
    return errs


def main():
    doc_path, url, token = sys.argv[1:4]
    only = skip = None
    rest = sys.argv[4:]
    while rest:
        if rest[0] == "--only" and len(rest) > 1:
            only = re.compile(rest[1])
        elif rest[0] == "--skip" and len(rest) > 1:
            skip = re.compile(rest[1])
        else:
            sys.exit("usage: check-api-docs.py DOC URL TOKEN [--only RE] [--skip RE]")
        rest = rest[2:]
    env = dict(os.environ, TOKEN=token)
    passed = failed = 0
    with open(doc_path) as f:
        text = f.read()
    for line, cmd, expected in examples(text):
        if (only and not only.search(cmd)) or (skip and skip.search(cmd)):
            continue
        real_cmd = cmd.replace(DOC_URL, url)
        out = subprocess.run(["bash", "-c", real_cmd], env=env,
                             capture_output=True, text=True, timeout=30)
        got = out.stdout
        errs = []
        try:
            doc_json = json.loads(expected)
        except ValueError:
            doc_json = None
        if doc_json is not None:
            try:
                real_json = json.loads(got)
            except ValueError:
                errs = ["not JSON: %r" % got[:200]]
            else:
                errs = shape_errors(doc_json, real_json)
        else:
            names = set(re.findall(r"^([a-z_]+)[{ ]", expected, re.M))
            errs = ["metric %s missing" % n for n in sorted(names)
                    if not re.search(r"^%s[{ ]" % n, got, re.M)]
        if errs:
            failed += 1
            print("not ok %s:%d: %s" % (doc_path, line, cmd))
            for e in errs[:10]:
                print("    " + e)
            print("    got: " + got[:400].replace("\n", "\n         "))
        else:
            passed += 1
            print("ok %s:%d: %s" % (doc_path, line, cmd))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()

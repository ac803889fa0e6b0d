#!/usr/bin/env python3
"""A hostile or broken "switch" for canopyd's end-to-end tests.

hostile-client.py PORT MODE EXPECT connects to 127.0.0.1:PORT and
misbehaves in one way (MODE), then reads until canopyd closes the
connection or a few seconds pass.  EXPECT is what must happen:
  closed  canopyd closes the connection;
  error   canopyd answers with an OFPT_ERROR and keeps the session open.
Exit status 0 if it did, 1 if not."""
import socket
import struct
import sys
import time

port, mode, expect = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def hdr(version, mtype, length, xid=1):
    return struct.pack("!BBHI", version, mtype, length, xid)


def hello13():
    # HELLO with a version bitmap element offering 1.3 only.
    elem = struct.pack("!HHI", 1, 8, 1 << 4)
    return hdr(4, 0, 8 + len(elem)) + elem


sock = socket.create_connection(("127.0.0.1", port), timeout=5)
closed = False
try:
    if mode == "garbage":
        sock.sendall(bytes(range(256)) * 4)
    elif mode == "short-length":
        sock.sendall(hello13() + hdr(4, 2, 4))          # length below 8
    elif mode == "truncated":
        sock.sendall(hello13() + hdr(4, 14, 200) + b"\x00" * 20)
        sock.shutdown(socket.SHUT_WR)                  # then nothing more
    elif mode == "max-size-garbage":
        # The largest message the header allows, full of garbage: an
        # error reply, and the session goes on.
        sock.sendall(hello13() + hdr(4, 10, 65535) + b"\xff" * 65527)
    elif mode == "bad-types":
        sock.sendall(hello13())
        for i in range(300):
            sock.sendall(hdr(4, 200, 8, i + 2))         # unknown type
    elif mode == "wrong-first":
        sock.sendall(hdr(4, 5, 8))                     # FEATURES before HELLO
    else:
        sys.exit("unknown mode " + mode)
except OSError:
    closed = True                  # canopyd hung up while we were sending

types = []
buf = b""
deadline = time.time() + 8
sock.settimeout(0.5)
while not closed and time.time() < deadline:
    try:
        data = sock.recv(65536)
    except socket.timeout:
        continue
    except OSError:
        closed = True
        break
    if not data:
        closed = True
        break
    buf += data
    while len(buf) >= 8:
        length = struct.unpack("!H", buf[2:4])[0]
        if length < 8 or len(buf) < length:
            break
        types.append(buf[1])
        buf = buf[length:]
print("received types:", " ".join(str(t) for t in types))
print("closed" if closed else "open")
if expect == "closed":
    sys.exit(0 if closed else 1)
sys.exit(0 if 1 in types else 1)

#!/usr/bin/env python3
"""A hostile or broken "switch" for canopyd's end-to-end tests.

hostile-client.py PORT MODE EXPECT connects to 127.0.0.1:PORT and
misbehaves in one way (MODE), then reads until canopyd closes the
connection or a few seconds pass.  EXPECT is what must happen:
  closed  canopyd closes the connection;
  error   canopyd answers with an OFPT_ERROR and keeps the session open.
Mode "stuck" is a well-behaved switch that completes the handshake, then
sends up to EXPECT broadcast packet-ins (each answered by a flood
packet-out) for SECONDS without reading, waits PAUSE more seconds, then
reads everything (arguments: PORT stuck COUNT SECONDS PAUSE);
it prints how many packet-ins it managed to send and how many packet-outs
arrived.  Mode "idle" (PORT idle DPID SECONDS) is a well-behaved switch with
that datapath id that stays connected and says whether canopyd closed it.
Mode "mute" (PORT mute DPID SECONDS) completes the handshake and answers
echo requests, but never answers a multipart request after it: a switch
too busy to answer the admin API; it closes after SECONDS.
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


def recv_msgs(sock, buf):
    """Reads what is there; returns (list of (type, xid, body), rest)."""
    data = sock.recv(1 << 20)
    if not data:
        raise EOFError
    buf += data
    msgs = []
    while len(buf) >= 8:
        length = struct.unpack("!H", buf[2:4])[0]
        if len(buf) < length:
            break
        xid = struct.unpack("!I", buf[4:8])[0]
        msgs.append((buf[1], xid, buf[8:length]))
        buf = buf[length:]
    return msgs, buf


def answer(sock, mtype, xid, body, dpid):
    """Answers what a real switch must; returns True on a barrier."""
    if mtype == 5:                                    # FEATURES_REQUEST
        feat = struct.pack("!QIBB2xII", dpid, 0, 254, 0, 0, 0)
        sock.sendall(hdr(4, 6, 8 + len(feat), xid) + feat)
    elif mtype == 18:                                 # MULTIPART_REQUEST
        mp_type = struct.unpack("!H", body[:2])[0]
        reply = struct.pack("!HH4x", mp_type, 0)
        sock.sendall(hdr(4, 19, 8 + len(reply), xid) + reply)
    elif mtype == 20:                                 # BARRIER_REQUEST
        sock.sendall(hdr(4, 21, 8, xid))
        return True
    elif mtype == 2:                                  # ECHO_REQUEST
        sock.sendall(hdr(4, 3, 8 + len(body), xid) + body)
    return False


def idle(port, dpid, seconds, mute=False):
    """A well-behaved switch with datapath id 'dpid' that stays connected
    for 'seconds'; prints whether canopyd closed the session.  A 'mute'
    one stops answering multipart requests once the handshake is done."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=1)
    sock.sendall(hello13())
    buf = b""
    ready = False
    t_end = time.time() + seconds
    while time.time() < t_end:
        try:
            msgs, buf = recv_msgs(sock, buf)
        except socket.timeout:
            continue
        except (EOFError, OSError):
            print("closed by canopyd")
            sys.exit(0)
        for mtype, xid, body in msgs:
            if mute and ready and mtype == 18:
                continue
            ready |= answer(sock, mtype, xid, body, dpid)
    print("still open")
    sys.exit(0)


def stuck(port, n_packets, send_seconds, pause):
    """A switch that answers the handshake, then stops reading."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(hello13())
    buf = b""
    ready = False
    deadline = time.time() + 10
    while not ready and time.time() < deadline:
        msgs, buf = recv_msgs(sock, buf)
        for mtype, xid, body in msgs:
            ready |= answer(sock, mtype, xid, body, 0x5e)
    if not ready:
        sys.exit("handshake did not finish")
    # Broadcast frames: each one makes l2_learning flood a packet-out.
    frame = b"\xff" * 6 + b"\x02\x00\x00\x00\x00\x5e" + b"\x88\xb5"
    frame += b"\x00" * (1000 - len(frame))
    match = struct.pack("!HHIII", 1, 12, 0x80000004, 1, 0)  # in_port=1, pad
    body = struct.pack("!IHBBQ", 0xffffffff, len(frame), 0, 0, 0) + match
    body += b"\x00\x00" + frame
    pin = hdr(4, 10, 8 + len(body), 0) + body
    # Send without blocking for a few seconds, never reading: once canopyd
    # stops reading from us (its queue for us is backed up), the socket
    # fills and we cannot send everything.
    data = memoryview(pin * n_packets)
    sent = 0
    sock.setblocking(False)
    t_end = time.time() + send_seconds
    while sent < len(data) and time.time() < t_end:
        try:
            sent += sock.send(data[sent:sent + 65536])
        except BlockingIOError:
            time.sleep(0.01)
    n_sent = sent // len(pin)
    time.sleep(pause)                                 # still not reading
    sock.setblocking(True)
    sock.settimeout(1)
    outs = 0
    try:
        while True:
            msgs, buf = recv_msgs(sock, buf)
            outs += sum(1 for m in msgs if m[0] == 13)
    except (socket.timeout, EOFError, OSError):
        pass
    print("packet-ins sent:", n_sent, "packet-outs received:", outs)
    sys.exit(0)


if mode == "stuck":
    stuck(port, int(expect), float(sys.argv[4]), float(sys.argv[5]))
if mode in ("idle", "mute"):
    idle(port, int(expect, 0), float(sys.argv[4]), mode == "mute")

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

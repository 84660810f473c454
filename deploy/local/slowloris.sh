#!/usr/bin/env bash
# Slow-request check: one address opens many HTTP requests that never finish their headers (one
# more header line every TRICKLE seconds, the "slowloris" pattern) and holds them for HOLD seconds,
# while 10 normal calls, from another source address, are timed. Prints how many of the slow
# connections the service still held at the end and how the normal calls fared. Writes nothing.
#
#   deploy/local/slowloris.sh [base-url]      default http://127.0.0.1:8081 (scheduling-api of up.sh)
#
# Environment: CONNECTIONS (default 20000), HOLD (seconds, default 60), TRICKLE (seconds between
# header lines, default 10), NORMAL_PATH (default /.well-known/jwks.json), CALL_TIMEOUT (seconds,
# default 5). The slow connections come from 127.0.0.2 and the normal calls from 127.0.0.1 when the
# target is on this machine, so a per-address limit can tell them apart. The script raises its own
# open-file limit to the hard limit; more connections than that are not attempted.
set -euo pipefail

base=${1:-http://127.0.0.1:8081}
exec python3 - "$base" <<'PY'
import os, resource, selectors, socket, sys, time, urllib.parse, http.client, statistics

base = sys.argv[1]
url = urllib.parse.urlsplit(base)
host, port = url.hostname, url.port or 80
connections = int(os.environ.get("CONNECTIONS", "20000"))
hold = float(os.environ.get("HOLD", "60"))
trickle = float(os.environ.get("TRICKLE", "10"))
normal_path = os.environ.get("NORMAL_PATH", "/.well-known/jwks.json")
call_timeout = float(os.environ.get("CALL_TIMEOUT", "5"))
local = host in ("127.0.0.1", "localhost")
slow_source = ("127.0.0.2", 0) if local else None

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
connections = min(connections, hard - 100)

sel = selectors.DefaultSelector()
held = set()
opened = refused = closed_by_server = 0
start = time.monotonic()
for i in range(connections):
    s = socket.socket()
    s.settimeout(2)
    try:
        if slow_source:
            s.bind(slow_source)
        s.connect((host, port))
        s.sendall(f"GET {normal_path} HTTP/1.1\r\nHost: {host}\r\nX-Slow-0: x\r\n".encode())
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
        held.add(s)
        opened += 1
    except OSError:
        refused += 1
        s.close()
ramp = time.monotonic() - start

def reap():
    """Drop the connections the server closed (or answered) since the last look."""
    global closed_by_server
    for key, _ in sel.select(timeout=0):
        s = key.fileobj
        # Readable means closed, or answered (e.g. 408) and about to close: either way not held.
        sel.unregister(s)
        held.discard(s)
        s.close()
        closed_by_server += 1

def normal_call():
    t0 = time.monotonic()
    try:
        c = http.client.HTTPConnection(host, port, timeout=call_timeout,
                                       source_address=("127.0.0.1", 0) if local else None)
        c.request("GET", normal_path)
        status = c.getresponse().status
        c.close()
        return ("ok" if status < 500 else f"http-{status}"), time.monotonic() - t0
    except (socket.timeout, TimeoutError):
        return "timeout", time.monotonic() - t0
    except OSError as e:
        return "error", time.monotonic() - t0

results = []
deadline = time.monotonic() + hold
next_trickle = time.monotonic() + trickle
line = 1
call_every = hold / 10
next_call = time.monotonic() + call_every / 2
while time.monotonic() < deadline:
    reap()
    now = time.monotonic()
    if now >= next_trickle:
        for s in list(held):
            try:
                s.send(f"X-Slow-{line}: x\r\n".encode())
            except OSError:
                sel.unregister(s); held.discard(s); s.close(); closed_by_server += 1
        line += 1
        next_trickle = now + trickle
    if len(results) < 10 and now >= next_call:
        results.append(normal_call())
        next_call = now + call_every
    time.sleep(0.05)
while len(results) < 10:
    results.append(normal_call())
reap()

ok = [t for r, t in results if r == "ok"]
print(f"target                 {base}  (slow from {'127.0.0.2' if local else 'this host'}, normal from {'127.0.0.1' if local else 'this host'})")
print(f"slow connections       opened {opened}, refused at connect {refused}, ramp-up {ramp:.1f} s")
print(f"held after {hold:.0f} s         {len(held)} (closed by the service: {closed_by_server})")
print(f"normal calls           ok {len(ok)}/10, timeout {sum(r == 'timeout' for r, _ in results)}, "
      f"error {sum(r not in ('ok', 'timeout') for r, _ in results)}  [{' '.join(r for r, _ in results)}]")
if ok:
    print(f"normal call latency    median {statistics.median(ok) * 1000:.0f} ms, max {max(ok) * 1000:.0f} ms")
for s in held:
    s.close()
PY

# Searches everything a submission can read in its container for a pattern: every file (but the kernel's
# pseudo-files under /sys), each process's command line, environment and readable memory, its own included.
# probe() returns, as JSON, what matched and how much was searched.
import json, os, re

PATTERN = re.compile(rb"__PATTERN__")
LIMIT = 8 * 1024 * 1024

def search_bytes(data, where, hits):
    for m in PATTERN.finditer(data):
        hits.append([where, m.group(0).decode("ascii", "replace")])

def read(path, limit=LIMIT):
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return None

def search_files(hits, totals):
    for root, dirs, files in os.walk("/", followlinks=False):
        if root.startswith(("/sys", "/proc")):
            dirs[:] = []
            continue
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            data = read(path)
            if data is None:
                totals["unreadable files"] += 1
                continue
            totals["file bytes"] += len(data)
            search_bytes(data, path, hits)

def search_processes(hits, totals):
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        for part in ("cmdline", "environ"):
            data = read("/proc/%s/%s" % (pid, part))
            if data is None:
                totals["unreadable " + part] += 1
            else:
                search_bytes(data, "/proc/%s/%s" % (pid, part), hits)
        maps = read("/proc/%s/maps" % pid)
        if maps is None:
            totals["unreadable memory"] += 1
            continue
        try:
            mem = open("/proc/%s/mem" % pid, "rb")
        except OSError:
            totals["unreadable memory"] += 1
            continue
        with mem:
            for line in maps.decode().splitlines():
                fields = line.split()
                start, end = (int(x, 16) for x in fields[0].split("-"))
                if "r" not in fields[1] or end - start > 512 * 1024 * 1024 or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                    continue
                try:
                    mem.seek(start)
                    data = mem.read(end - start)
                except (OSError, ValueError, OverflowError):
                    continue
                totals["memory bytes"] += len(data)
                search_bytes(data, "/proc/%s/mem" % pid, hits)

def search_own_memory(hits, totals):
    """Where /proc/self/mem is closed to us (the harness makes case processes non-dumpable), read our memory
    directly."""
    import ctypes
    for line in open("/proc/self/maps").read().splitlines():
        fields = line.split()
        start, end = (int(x, 16) for x in fields[0].split("-"))
        if "r" not in fields[1] or end - start > 512 * 1024 * 1024:
            continue
        if len(fields) > 5 and (fields[5].startswith("[v") or fields[5].startswith("/dev/")):
            continue
        try:
            data = ctypes.string_at(start, end - start)
        except Exception:
            continue
        totals["own memory bytes"] += len(data)
        search_bytes(data, "own memory", hits)

def probe():
    from collections import Counter
    hits, totals = [], Counter()
    search_files(hits, totals)
    search_processes(hits, totals)
    search_own_memory(hits, totals)
    search_bytes("\0".join("%s=%s" % kv for kv in os.environ.items()).encode(), "os.environ", hits)
    return json.dumps({"hits": hits, "totals": dict(totals), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())})

#!/usr/bin/env python3
"""Runs `iam-preflight check` and `scan` on generated projects (tools/bench/gen_projects.py) and prints one table row
per run: wall seconds, CPU seconds (user + sys), peak RSS (from wait4), findings, calls checked (check) or calls
found (scan), and whether the run failed (exit code >= 2, a timeout or a stack overflow on stderr).

  perf.py project [SIZE ...]        synthetic SAM projects (default 500 1000 2500 5000 10000 files); a line per
                                    doubling (2500 -> 5000 -> 10000, 500 -> 1000) gives the time ratio
  perf.py families [SCALE ...]      each pathological family at SCALE x the size issue #10 quotes (default 1 10)
  perf.py family NAME SIZE          one family at one size

Options (before the mode): --timeout S (per run, default 120), --runs N (best of N, default 1), --work DIR (where
the projects are generated; kept and reused), --jar JAR (IAM_PREFLIGHT_JAR), --only check|scan.
A benchmark, not a test: figures depend on the machine and its load; CPU seconds are the steadier figure on a shared
machine. Standard library only.
"""
import json
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import gen_projects  # noqa: E402


def run(cmd, timeout, env=None):
    """Runs cmd; returns (rc or 'timeout', wall s, cpu s, max rss MiB, stderr text)."""
    err_path = os.path.join(OPTS["work"], "stderr-%d.txt" % os.getpid())
    with open(err_path, "w") as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, start_new_session=True)
        rc = None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                rc = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                rc = "timeout"
                break
            time.sleep(0.02)
        wall = time.monotonic() - start
        proc.returncode = 0  # reaped by wait4 above
    with open(err_path, errors="replace") as f:
        stderr = f.read()
    # ru_maxrss is in KiB on Linux; the launcher execs java, so this is the JVM's peak.
    return rc, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr


def measure(kind, project_dir):
    out = os.path.join(OPTS["work"], "out-%d.json" % os.getpid())  # several runners may share a work dir
    if os.path.exists(out):
        os.remove(out)
    cmd = [os.path.join(REPO, "bin", "iam-preflight"), kind, project_dir, "--format", "json", "-o", out]
    env = dict(os.environ)
    if OPTS.get("jar"):
        env["IAM_PREFLIGHT_JAR"] = OPTS["jar"]
    best = None
    for _ in range(OPTS["runs"]):
        r = run(cmd, OPTS["timeout"], env)
        if best is None or (r[0] != "timeout" and r[1] < best[1]):
            best = r
    rc, wall, cpu, rss, stderr = best
    findings = calls = "-"
    try:
        with open(out) as f:
            doc = json.load(f)
        findings = len(doc.get("findings", []))
        calls = doc["summary"]["calls"] if kind == "check" else len(doc.get("calls", []))
    except (OSError, ValueError, KeyError):
        pass
    notes = []
    if rc == "timeout":
        notes.append("TIMEOUT after %d s" % OPTS["timeout"])
    elif rc not in (0, 1):
        notes.append("exit %s" % rc)
    if "StackOverflowError" in stderr:
        notes.append("STACK OVERFLOW")
    if rc not in (0, 1) and stderr.strip():
        notes.append(stderr.strip().splitlines()[-1][:100])
    return {"wall": wall, "cpu": cpu, "rss": rss, "findings": findings, "calls": calls, "notes": "; ".join(notes)}


def lines_of(d):
    n = files = 0
    for root, _, names in os.walk(d):
        for name in names:
            if name.endswith(".py"):
                files += 1
                with open(os.path.join(root, name), "rb") as f:
                    n += f.read().count(b"\n")
    return files, n


HEADER = ("| input | size | .py files | lines | command | wall s | CPU s | peak RSS MiB | findings | calls | load | notes |")


def row(label, size, files, lines, kind, m):
    # The load average (1 minute) when the run ended: on a shared machine, wall time is mostly waiting for a core.
    print("| %s | %s | %d | %d | %s | %.2f | %.2f | %.0f | %s | %s | %.1f | %s |" % (
        label, size, files, lines, kind, m["wall"], m["cpu"], m["rss"], m["findings"], m["calls"],
        os.getloadavg()[0], m["notes"]), flush=True)


def kinds():
    return [OPTS["only"]] if OPTS.get("only") else ["check", "scan"]


def generated(name, make):
    d = os.path.join(OPTS["work"], name)
    if not os.path.exists(os.path.join(d, "template.yaml")):
        make(d)
    return d


def projects(sizes):
    print(HEADER)
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
    results = {}
    for n in sizes:
        d = generated("project-%d" % n, lambda d, n=n: gen_projects.project(d, n))
        files, lines = lines_of(d)
        for kind in kinds():
            m = measure(kind, d)
            results[(n, kind)] = m
            row("project", n, files, lines, kind, m)
    for kind in kinds():
        for n in sizes:
            if n * 2 in sizes and (n, kind) in results and (n * 2, kind) in results:
                a, b = results[(n, kind)], results[(n * 2, kind)]
                print("doubling %s %d -> %d files: wall x%.2f, CPU x%.2f (goal <= 2.2)" % (
                    kind, n, n * 2, b["wall"] / a["wall"], b["cpu"] / a["cpu"]))


def families(scales, only=None):
    print(HEADER)
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
    for name, (make, base, unit) in gen_projects.FAMILIES.items():
        if only and name != only[0]:
            continue
        for scale in scales:
            size = int(only[1]) if only else base * scale
            d = generated("%s-%d" % (name, size), lambda d, make=make, size=size: make(d, size))
            files, lines = lines_of(d)
            for kind in kinds():
                row("%s (%s)" % (name, unit), size, files, lines, kind, measure(kind, d))
            if only:
                break


OPTS = {"timeout": 120.0, "runs": 1, "work": "/tmp/iam-preflight-bench", "jar": None, "only": None}


def main(argv):
    while argv and argv[0].startswith("--"):
        key = argv[0][2:]
        if key not in OPTS or len(argv) < 2:
            sys.stderr.write(__doc__)
            return 2
        OPTS[key] = type(OPTS[key])(argv[1]) if OPTS[key] is not None else argv[1]
        argv = argv[2:]
    os.makedirs(OPTS["work"], exist_ok=True)
    if not os.path.exists(os.path.join(REPO, "target", "iam-preflight.jar")) and not OPTS.get("jar"):
        sys.stderr.write("build the jar first: ./mvnw -q -B package -DskipTests\n")
        return 2
    print("# %s, %d cores, load average %.1f, timeout %d s" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count(), os.getloadavg()[0], OPTS["timeout"]))
    if argv[:1] == ["project"]:
        projects([int(a) for a in argv[1:]] or [500, 1000, 2500, 5000, 10000])
    elif argv[:1] == ["families"]:
        families([int(a) for a in argv[1:]] or [1, 10])
    elif argv[:1] == ["family"] and len(argv) == 3 and argv[1] in gen_projects.FAMILIES:
        families([1], only=(argv[1], argv[2]))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

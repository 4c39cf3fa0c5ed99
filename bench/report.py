#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Turn bench/run.sh's raw measurements into tables and JSON.

    report.py WORKDIR JSON_OUT

Prints Markdown tables (medians, ratios against the baseline measured in
the same run, the issue's targets met or missed) and writes every figure,
the raw runs included, to JSON_OUT.
"""
import json
import os
import statistics
import sys

work, out = sys.argv[1], sys.argv[2]


def read_tsv(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def median(xs):
    return statistics.median(xs) if xs else None


def quartiles(xs):
    if len(xs) < 4:
        return (min(xs), max(xs)) if xs else (None, None)
    q = statistics.quantiles(xs, n=4)
    return q[0], q[2]


def fmt(x, digits=2):
    if x is None:
        return "-"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def table(head, rows):
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


machine = dict((r[0], r[1]) for r in read_tsv("machine.tsv") if len(r) > 1)
skipped = [{"peer": r[0], "reason": r[1]} for r in read_tsv("skipped.tsv")]
result = {"machine": machine, "skipped": skipped}
targets = []
text = []


def target(name, goal, value, met, failed=0):
    """A target is met only if every run that feeds it succeeded."""
    if failed:
        value = f"{value} ({failed} failed runs)"
    targets.append({"target": name, "goal": goal, "value": value,
                    "met": bool(met) and not failed, "failed_runs": failed})


def no_data(name, goal, why):
    """A target whose runs gave nothing to measure: missed."""
    targets.append({"target": name, "goal": goal, "value": f"no data: {why}",
                    "met": False, "failed_runs": None})


# Runs bench/run.sh saw fail outside the interleaved tables: section,
# name, exit status.
failures = read_tsv("failed.tsv")


def failed_in(section, name=None):
    return sum(1 for r in failures
               if r[0] == section and (name is None or r[1] == name))


def runs(name):
    """interleave output: name rep wall cpu rss status -> per name."""
    by = {}
    for r in read_tsv(name):
        d = by.setdefault(r[0], {"wall": [], "cpu": [], "rss": [],
                                 "status": []})
        d["wall"].append(float(r[2]) / 1e6)
        d["cpu"].append(float(r[3]) / 1e6)
        d["rss"].append(int(r[4]))
        d["status"].append(int(r[5]))
    return by


def summarise(by, base):
    rows, out_rows = [], []
    b = median(by[base]["wall"]) if base in by else None
    bc = median(by[base]["cpu"]) if base in by else None
    for name, d in by.items():
        m = median(d["wall"])
        lo, hi = quartiles(d["wall"])
        bad = sum(1 for s in d["status"] if s != 0)
        row = {"name": name, "median_ms": m, "q1_ms": lo, "q3_ms": hi,
               "ratio": m / b if b else None, "n": len(d["wall"]),
               "cpu_ms": median(d["cpu"]),
               "maxrss_kib": int(median(d["rss"])),
               "failed_runs": bad, "wall_ms": d["wall"]}
        row["cpu_ratio"] = row["cpu_ms"] / bc if bc else None
        out_rows.append(row)
        rows.append([f"`{name}`", fmt(m), f"{fmt(lo)}–{fmt(hi)}",
                     fmt(row["ratio"]) + "×" if b else "-",
                     fmt(row["cpu_ms"]),
                     fmt(row["cpu_ratio"]) + "×" if bc else "-",
                     f"{bad} failed" if bad else ""])
    return rows, out_rows


def bad_runs(data, *names):
    return sum(d["failed_runs"] for d in data if d["name"] in names)


# --- (a) launch ---
launch = runs("launch.tsv")
if launch:
    rows, data = summarise(launch, "bare")
    result["launch"] = data
    text.append("### (a) Launch of /bin/true, "
                f"{data[0]['n']} interleaved runs each\n")
    text.append(table(["command", "median ms", "IQR ms", "vs bare",
                       "CPU ms", "CPU vs bare", ""], rows))
    r = {d["name"]: d["ratio"] for d in data}
    if "syscage -p default" in r and "bare" in r:
        target("launch, default policy", "<= 3.0x bare /bin/true",
               f"{r['syscage -p default']:.2f}x",
               r["syscage -p default"] <= 3.0,
               bad_runs(data, "bare", "syscage -p default"))
        bws = r.get("bwrap --seccomp (300 rules)")
        target("launch, default policy", "below bwrap --seccomp's ratio",
               f"{r['syscage -p default']:.2f}x vs "
               + (f"{bws:.2f}x" if bws else "bwrap skipped"),
               bool(bws) and r["syscage -p default"] < bws,
               bad_runs(data, "bare", "syscage -p default",
                        "bwrap --seccomp (300 rules)"))
    else:
        no_data("launch, default policy", "<= 3.0x bare /bin/true",
                "no run of bare or syscage -p default")

    # The private view against bwrap making the same namespaces.
    nsrows = []
    # Not root: the unprefixed rows are a user's, and there are no others.
    first = "root" if machine.get("uid", "0") == "0" else \
        f"user (uid {machine['uid']})"
    for tag, who in (("", first), ("user: ", "user")):
        for pol in ("untrusted", "ci"):
            a = f"{tag}sh: syscage -p {pol}"
            b = f"{tag}sh: bwrap --unshare-all + {pol}'s filters"
            if a not in launch or b not in launch:
                continue
            ma, mb = median(launch[a]["wall"]), median(launch[b]["wall"])
            qa, qb = quartiles(launch[a]["wall"]), quartiles(launch[b]["wall"])
            nsrows.append([who, f"`{pol}`", fmt(ma), f"{fmt(qa[0])}–{fmt(qa[1])}",
                           fmt(mb), f"{fmt(qb[0])}–{fmt(qb[1])}",
                           f"{ma / mb:.2f}×"])
            target(f"namespaced launch, {pol}, {who}",
                   "<= 1.0x bwrap --unshare-all (same filters)",
                   f"{ma:.2f} ms vs {mb:.2f} ms ({ma / mb:.2f}x)",
                   ma <= mb, bad_runs(data, a, b))
    if nsrows:
        text.append("\n### (a) The private view against bwrap --unshare-all "
                    "with the policy's own filters, both through sh\n")
        text.append(table(["as", "policy", "syscage ms", "IQR",
                           "bwrap ms", "IQR", "syscage / bwrap"], nsrows))

# --- (a) the exit path: from the target's last instant to the reap ---
exits = {}
for r in read_tsv("exit.tsv"):
    d = exits.setdefault(r[0], {"us": [], "status": []})
    d["us"].append(float(r[6]) / 1e3)
    d["status"].append(int(r[5]))
teardown = {}
for who, lo, kind, rep, exit_ns, td_ns in read_tsv("teardown.tsv"):
    d = teardown.setdefault((who, lo or "lo down"), {"net": [], "plain": [],
                                                    "teardown": []})
    d[kind].append(float(exit_ns) / 1e3)
    if kind == "net":
        d["teardown"].append(float(td_ns) / 1e6)
if teardown:
    rows, tdata = [], []
    for (who, lo), d in teardown.items():
        q = quartiles(d["teardown"])
        row = {"as": who, "lo": lo, "teardown_ms": median(d["teardown"]),
               "q1_ms": q[0], "q3_ms": q[1],
               "exit_net_us": median(d["net"]),
               "exit_plain_us": median(d["plain"]),
               "n": len(d["teardown"]), "teardown_raw_ms": d["teardown"]}
        tdata.append(row)
        rows.append([who, lo, fmt(row["teardown_ms"]),
                     f"{fmt(q[0])}–{fmt(q[1])}", fmt(row["exit_net_us"], 0),
                     fmt(row["exit_plain_us"], 0)])
    result["netns_teardown"] = tdata
    text.append("\n### (a) Network namespace teardown by the kernel "
                f"({tdata[0]['n']} samples each, bench/netns)\n")
    text.append(table(["as", "lo", "teardown ms (reap to counted out)",
                       "IQR ms", "exit of its last process µs",
                       "exit of a plain process µs"], rows))
if exits:
    rows, edata = [], []
    for name, d in exits.items():
        good = [u for u, st in zip(d["us"], d["status"]) if st == 0 and u > 0]
        bad = len(d["us"]) - len(good)
        q = quartiles(good)
        edata.append({"name": name, "median_us": median(good), "q1_us": q[0],
                      "q3_us": q[1], "failed_runs": bad, "us": d["us"]})
        rows.append([f"`{name}`", fmt(median(good), 0),
                     f"{fmt(q[0], 0)}–{fmt(q[1], 0)}",
                     f"{bad} failed" if bad else ""])
    result["exit_path"] = edata
    text.append("\n### (a) Exit path: from the target's exit to the "
                "launcher's reap, µs\n")
    text.append(table(["command", "median µs", "IQR µs", ""], rows))
    em = {e["name"]: e for e in edata}
    first = "root" if machine.get("uid", "0") == "0" else "user"
    for tag, who in (("", first), ("user: ", "user")):
        td = next((t["teardown_ms"] for t in result.get("netns_teardown", [])
                   if t["as"] == who and t["lo"] == "lo up"), None)
        for p in ("default", "untrusted"):
            a, b = em.get(f"{tag}syscage -p {p}"), \
                em.get(f"{tag}syscage -p {p} --net loopback")
            if not a or not b or td is None:
                continue
            added = (b["median_us"] or 0) - (a["median_us"] or 0)
            target(f"net teardown off the exit path, {p}, {who}",
                   "--net loopback adds < 1/10 of the teardown to the exit",
                   f"{added:+.0f} µs (teardown {td:.1f} ms)",
                   b["median_us"] is not None and added < td * 100,
                   a["failed_runs"] + b["failed_runs"])

# --- (b) per-syscall cost ---
# sysloop: per process and call, ns per call over its rounds: wall median,
# wall p10, CPU median, CPU p10.  Each process's p10 (its quietest rounds,
# which a loaded machine's preemptions do not reach) is the figure; the
# median over the interleaved processes is reported.
sys_rows = read_tsv("syscall.tsv")
if sys_rows:
    per = {}
    order = []
    for cfg, rep, call, wmed, wp10, cmed, cp10, err in sys_rows:
        if cfg not in order:
            order.append(cfg)
        d = per.setdefault(cfg, {}).setdefault(
            call, {"wall_p10": [], "wall_median": [], "cpu_p10": [],
                   "errno": set()})
        d["wall_p10"].append(float(wp10))
        d["wall_median"].append(float(wmed))
        d["cpu_p10"].append(float(cp10))
        d["errno"].add(int(err))
    calls = ["getppid", "ioctl", "socket", "routed"]
    base = per.get("none", {})
    data, rows = [], []
    for cfg in order:
        row = [f"`{cfg}`"]
        for call in calls:
            d = per[cfg].get(call)
            if not d:
                row.append("-")
                continue
            m = median(d["wall_p10"])
            b = median(base[call]["wall_p10"]) if call in base else None
            delta = m - b if b is not None and cfg != "none" else None
            errs = sorted(d["errno"])
            note = ""
            if 1 in errs:
                note = " denied"
            if delta is not None and delta > 3000:
                note += " (routed)"
            data.append({"config": cfg, "call": call, "ns": m,
                         "delta_ns": delta,
                         "wall_median_ns": median(d["wall_median"]),
                         "cpu_p10_ns": median(d["cpu_p10"]),
                         "errno": errs, "processes": len(d["wall_p10"]),
                         "note": note.strip(),
                         "per_process_ns": d["wall_p10"]})
            cell = fmt(m, 0)
            if delta is not None:
                cell += f" ({delta:+,.0f})"
            row.append(cell + note)
        rows.append(row)
    result["syscall"] = data
    n = len(per.get("none", {}).get("getppid", {}).get("wall_p10", []))
    text.append("\n### (b) Per-syscall cost, ns per call (difference from no "
                f"filter); median over {n} interleaved processes of each "
                "one's 10th-percentile round\n")
    text.append(table(["filter", "getppid", "ioctl(-1, TCGETS)",
                       "socket(AF_UNIX, bad type)",
                       "routed: ioctl(-1, TIOCSTI)"], rows))
    text.append("\n`--learn` runs a fiftieth of the calls: every call is "
                "routed.  \"denied\": the policy refuses the call (EPERM); "
                "\"(routed)\": the supervisor decided it.  \"seccomp "
                "floor\": a one-instruction filter the kernel's cache skips "
                "(cached), or one that reads an argument (uncached).")

# --- (b, paired) the supervised filters in one process ---
paired = read_tsv("paired.tsv")
if paired:
    pp = {}
    porder = []
    for rep, flt, call, dmed, ref, fp10 in paired:
        if flt not in porder:
            porder.append(flt)
        d = pp.setdefault(flt, {}).setdefault(call, {"diff": [], "ref": [],
                                                    "p10": []})
        d["diff"].append(float(dmed))
        d["ref"].append(float(ref))
        d["p10"].append(float(fp10))
    pcalls = ["getppid", "ioctl", "socket"]
    pdata, rows = [], []
    for flt in porder:
        row = [f"`{flt}`"]
        for call in pcalls:
            d = pp[flt].get(call)
            m = median(d["diff"])
            pdata.append({"filter": flt, "call": call, "delta_ns": m,
                          "per_process_delta_ns": d["diff"],
                          "unfiltered_p10_ns": median(d["ref"]),
                          "filtered_p10_ns": median(d["p10"])})
            row.append(f"{m:+,.0f}" + (" (routed)" if m > 3000 else ""))
        rows.append(row)
    ref = {c: median(pp[porder[0]][c]["ref"]) for c in pcalls}
    result["syscall_paired"] = pdata
    np_ = len(pp[porder[0]]["getppid"]["diff"])
    text.append("\n### (b) The same, paired in one process: ns per call "
                "over an unfiltered thread on the same CPU, median of "
                f"{np_} processes\n")
    text.append(table(["filter (as syscage loads it)",
                       f"getppid ({ref['getppid']:,.0f} ns bare)",
                       f"ioctl(-1, TCGETS) ({ref['ioctl']:,.0f})",
                       f"socket(AF_UNIX, bad type) ({ref['socket']:,.0f})"],
                      rows))
    text.append("\nRow `none` is a second unfiltered thread: its figures "
                "are the noise.  A routed call here is answered by a bare "
                "thread blocked in SECCOMP_IOCTL_NOTIF_RECV: the kernel's "
                "round trip, without syscage's supervisor.")

    def pdelta(flt, call):
        return next((x["delta_ns"] for x in pdata if x["filter"] == flt
                     and x["call"] == call), None)

    # A failed sysloop_paired process leaves fewer rounds than asked:
    # every paired target is then missed.
    pfail = failed_in("paired")
    for flt in ("default", "stdio"):
        if flt not in porder:
            no_data(f"getppid under {flt}", "<= +20 ns over no filter",
                    "no paired run of this filter")
    for flt in [f for f in porder if f in ("default", "stdio", "ci")]:
        d = pdelta(flt, "getppid")
        target(f"getppid under {flt}", "<= +20 ns over no filter",
               f"{d:+.0f} ns (A/A noise {pdelta('none', 'getppid'):+.0f}, "
               f"cached-filter floor {pdelta('seccomp floor: cached', 'getppid'):+.0f})",
               d <= 20, pfail)
        for call in ("ioctl", "socket"):
            d = pdelta(flt, call)
            denied = any(x["config"] == flt and x["call"] == call
                         and 1 in x["errno"]
                         for x in result.get("syscall", []))
            if denied:
                continue  # denied by this policy: not an allowed call
            target(f"{call} (argument-checked) under {flt}",
                   "<= +150 ns over no filter",
                   f"{d:+,.0f} ns (any filter that runs: "
                   f"{pdelta('seccomp floor: uncached', call):+.0f})",
                   d <= 150, pfail)

# --- (c) compile time ---
comp = read_tsv("compile.tsv")
if comp:
    stages = ["load", "compile", "notify", "launch_path", "fresh_compile"]
    pol = {}
    for name, stage, med, mn, detail in comp:
        pol.setdefault(name, {"detail": detail})[stage] = {
            "median_ms": float(med) / 1e6, "min_ms": float(mn) / 1e6}
    rows = []
    for name, d in pol.items():
        rows.append([f"`{name}`"] + [fmt(d[s]["median_ms"], 3)
                                      for s in stages] + [d["detail"]])
        if not name.startswith("gen-"):
            v = d["launch_path"]["median_ms"]
            target(f"compile {name} at launch", "<= 1 ms", f"{v:.2f} ms",
                   v <= 1.0)
    result["compile"] = pol
    text.append("\n### (c) Policy compile time in process, median ms\n")
    text.append(table(["policy", "load (parse, resolve)",
                       "kernel filters", "supervised filter",
                       "= at launch", "(libseccomp afresh)",
                       "size"], rows))
    text.append("\n\"at launch\" is what every `syscage -p P -- cmd` does "
                "before fork: load + kernel filters (a built-in's come "
                "compiled from the binary) + the supervised filter (a "
                "built-in's copied from the binary, others emitted as BPF "
                "directly).  The last column is what libseccomp would take "
                "to compile and generate the kernel filters afresh.")
    cli = runs("compile_cli.tsv")
    if cli:
        crow, cdata = summarise(cli, "syscage -p stdio -- true")
        result["compile_cli"] = cdata
        text.append("\n" + table(["command", "median ms", "IQR ms",
                                  "vs -p stdio", "CPU ms", "CPU vs -p stdio",
                                  "max RSS KiB", ""], crow))

# --- (d) workloads ---
work_runs = runs("work.tsv")
if work_runs:
    groups, notes = {}, []
    for name in work_runs:
        groups.setdefault(name.split(": ")[0], []).append(name)
    data, rows = [], []
    for g, names in groups.items():
        plain = median(work_runs[f"{g}: plain"]["wall"])
        ratios = {}
        for name in names:
            d = work_runs[name]
            m = median(d["wall"])
            ratios[name.split(": ", 1)[1]] = m / plain
            bad = sum(1 for s in d["status"] if s != 0)
            data.append({"workload": g, "run": name.split(": ", 1)[1],
                         "median_ms": m, "ratio": m / plain,
                         "maxrss_kib": int(median(d["rss"])),
                         "failed_runs": bad, "wall_ms": d["wall"]})
            rows.append([g, f"`{name.split(': ', 1)[1]}`", fmt(m),
                         fmt(m / plain) + "×", f"{int(median(d['rss'])):,}",
                         f"{bad} failed" if bad else ""])
        if "strace -f -c" in ratios and "syscage --learn" in ratios:
            # Slowdown: the time added to the plain run, as a multiple of
            # it (a ratio of ratios would ask the impossible when strace
            # itself adds little).
            s, l = ratios["strace -f -c"], ratios["syscage --learn"]
            # The target is set on syscall-heavy work (issue 7); a
            # fork-bound run, where strace adds little, is shown as is.
            if g.startswith("sh,"):
                notes.append(
                    f"On `{g}`, fork-bound, strace adds +{s - 1:.2f}x and "
                    f"--learn +{l - 1:.2f}x: the launch itself, and perf "
                    "events inherited at each fork (`perf stat` pays the "
                    "same); not a target, which is set on syscall-heavy "
                    "work.")
                continue
            target(f"--learn on {g}",
                   "added time <= 1/5 of what strace -f -c adds",
                   f"+{l - 1:.2f}x vs strace +{s - 1:.2f}x "
                   f"(limit +{(s - 1) / 5:.2f}x)",
                   l - 1 <= (s - 1) / 5,
                   sum(1 for n in (f"{g}: plain", f"{g}: strace -f -c",
                                   f"{g}: syscage --learn")
                       for st in work_runs[n]["status"] if st != 0))
        elif not g.startswith("sh,"):
            no_data(f"--learn on {g}",
                    "added time <= 1/5 of what strace -f -c adds",
                    "no run of strace -f -c or syscage --learn")
    result["workload"] = data
    n = len(next(iter(work_runs.values()))["wall"])
    text.append(f"\n### (d) --learn and --audit, {n} interleaved runs each\n")
    text.append(table(["workload", "run", "median ms", "vs plain",
                       "max RSS KiB (floored)", ""], rows))
    text.append("\nEach syscage run includes its own launch (see (a)).  "
                "Max RSS here starts from interleave's own (posix_spawn "
                "shares its memory until execve): see (e) for memory.")
    for note in notes:
        text.append("\n" + note)

# --- (e) memory ---
# maxrss.tsv: name rep KiB status, from bench/maxrss (a static wrapper
# whose own floor is the "floor" row).  Ratios against bare exec of the
# same command in the same run.
mem_rows = read_tsv("maxrss.tsv")
if mem_rows:
    mem = {}
    for name, rep, kib, st in mem_rows:
        d = mem.setdefault(name, {"kib": [], "status": []})
        d["kib"].append(int(kib))
        d["status"].append(int(st))
    bare = mem.get("bare")
    bm = median([k for k, st in zip(bare["kib"], bare["status"]) if st == 0]) \
        if bare else None
    data, rows = [], []
    for name, d in mem.items():
        good = [k for k, st in zip(d["kib"], d["status"]) if st == 0]
        bad = len(d["kib"]) - len(good)
        m = median(good)
        data.append({"name": name, "median_kib": m, "n": len(good),
                     "failed_runs": bad, "ratio": m / bm if m and bm else None,
                     "kib": d["kib"]})
        rows.append([f"`{name}`", f"{m:,.0f}" if m else "-",
                     fmt(m / 1024, 1) if m else "-",
                     fmt(m / bm) + "×" if m and bm else "-",
                     f"{bad} failed" if bad else ""])
    result["memory"] = data
    text.append("\n### (e) Peak memory: max RSS of the command and every "
                "process it reaped (the launcher and its target), "
                f"{len(next(iter(mem.values()))['kib'])} interleaved runs "
                "each\n")
    text.append(table(["command", "median KiB", "MiB", "vs bare", ""], rows))
    text.append("\nMeasured by `bench/maxrss` (static: fork, exec, wait4), "
                "so that no figure starts from the spawner's own memory; "
                "the floor row is what is left of that.")

# --- (f) --report-paths on an I/O-heavy build ---
fs_runs = runs("fsreport.tsv")
if fs_runs and "make: plain" in fs_runs:
    rows, data = summarise(fs_runs, "make: plain")
    added = []
    for d in data:
        name = d["name"]
        if name.endswith(" --report-paths"):
            base = name[:-len(" --report-paths")]
            if base in fs_runs:
                r = d["median_ms"] / median(fs_runs[base]["wall"])
                c = d["cpu_ms"] / median(fs_runs[base]["cpu"])
                d["vs_without"] = r
                d["cpu_vs_without"] = c
                added.append(f"`{base.split(': ', 1)[1]}`: wall "
                             f"{fmt(r)}×, CPU {fmt(c)}× with "
                             "--report-paths")
    result["fsreport"] = data
    n = len(fs_runs["make: plain"]["wall"])
    text.append("\n### (f) --report-paths: make -j2 of 200 small C files "
                f"from clean, {n} interleaved runs each\n")
    text.append(table(["run", "median ms", "q1–q3", "vs plain", "CPU ms",
                       "CPU vs plain", ""], rows))
    if added:
        text.append("\nAgainst the same policy without it: " +
                    "; ".join(added) + ".  CPU is the build's and "
                    "syscage's together (the supervisor answers each "
                    "routed call); on a loaded host it is the steadier "
                    "figure.")

# --- summary ---
result["targets"] = targets
text.append("\n### Targets\n")
text.append(table(["target", "goal", "measured", ""],
                  [[t["target"], t["goal"], t["value"],
                    "met" if t["met"] else "**missed**"] for t in targets]))
if skipped:
    text.append("\n### Skipped\n")
    text.append("\n".join(f"- {s['peer']}: {s['reason']}" for s in skipped))
text.insert(0, "### Machine\n\n" + "\n".join(
    f"- {k}: {v}" for k, v in machine.items()) + "\n")
print("\n".join(text))
with open(out, "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
print(f"\n(written to {out})", file=sys.stderr)

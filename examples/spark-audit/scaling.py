"""Measure how fast the Spark fleet audit verifies robots on this machine (a script, not a test).

    python examples/spark-audit/scaling.py --robots 20000 --out scaling-out

1. Generation: robots per second of generate_fleet.py with 1 and `--gen-workers` processes.
2. The core alone, without Spark: `Verifier.audit` over all bundles with 1 and 2 native threads
   (RAYON_NUM_THREADS), with and without batch signature verification, the core's market-access
   decision per robot (`Verifier.decide_access` with the bundle and the fleet's status feed: it
   verifies the bundle again) and the Python cost of turning each report into a result row
   (spark_audit.robot_row).
3. Spark local mode with 1, 2 and all cores (`--cores`): the verification stage alone (every
   bundle verified and turned into a row, written to Spark's `noop` sink) and the whole audit
   (verification, per-robot table, fleet joins, summary), each timed after a warm-up job.

Prints a Markdown table and writes OUT/scaling.json. Load average is recorded beside each figure:
on a shared machine the figures are lower bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def load(fleet: Path) -> List[Dict[str, str]]:
    rows = [json.loads(line) for f in sorted((fleet / "bundles").glob("*.jsonl")) for line in f.read_text().splitlines()]
    rows.sort(key=lambda r: r["name"])
    return rows


def native_worker(fleet: Path, batch: bool, rows_too: bool) -> Dict[str, Any]:
    """Run in a child process whose RAYON_NUM_THREADS is set: time Verifier.audit over the fleet."""
    import hrid

    import spark_audit

    manifest = json.loads((fleet / "manifest.json").read_text())
    rows = load(fleet)
    anchors = [hrid.VerifyingKey.from_hex(k) for k in (fleet / "root-keys.txt").read_text().split()]
    trust = hrid.TrustList.verify((fleet / "trust-list.dsse.json").read_bytes(), anchors, 1, 0, manifest["at"])
    verifier = hrid.Verifier(trust)
    feed = spark_audit.status_feed(verifier, (fleet / manifest["status_feed"]["file"]).read_bytes(), manifest["at"])
    pairs = [(r["name"], r["bundle"]) for r in rows]
    started, cpu = time.perf_counter(), time.process_time()
    report = verifier.audit(pairs, manifest["at"], batch=batch)
    native = time.perf_counter() - started
    # CPU seconds of all threads: what a robot costs, however busy the machine is.
    out = {"robots": len(pairs), "native_seconds": native, "cpu_seconds": time.process_time() - cpu}
    if rows_too:
        started = time.perf_counter()
        decisions = [verifier.decide_access(r.subject or name, "sale", manifest["at"], history=bundle, status_feed=feed)
                     for (name, r), (_, bundle) in zip(report.robots, pairs)]
        out["access_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        for (name, r), access in zip(report.robots, decisions):
            spark_audit.robot_row(name, r, "sale", access)
        out["row_seconds"] = time.perf_counter() - started
        # The alternative to one bulk call: verify_history once per robot.
        started = time.perf_counter()
        for _, bundle in pairs:
            verifier.verify_history(bundle, manifest["at"], batch=batch)
        out["per_robot_seconds"] = time.perf_counter() - started
    return out


def native(fleet: Path, threads: int, batch: bool, rows_too: bool) -> Dict[str, Any]:
    env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    cmd = [sys.executable, __file__, "--native-worker", str(fleet)] + (["--batch"] if batch else []) + (
        ["--rows-too"] if rows_too else [])
    load_before = os.getloadavg()[0]
    res = json.loads(subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout)
    res.update(threads=threads, batch=batch, load=round(load_before, 1),
               robots_per_second=round(res["robots"] / res["native_seconds"]),
               robots_per_cpu_second=round(res["robots"] / res["cpu_seconds"]))
    return res


def spark_run(fleet: Path, cores: str, out: Path, chunk: int, batch: bool) -> Dict[str, Any]:
    import spark_audit

    manifest = json.loads((fleet / "manifest.json").read_text())
    label = "all" if cores == "*" else cores
    spark = spark_audit.session(f"local[{cores}]", f"hrid scaling {cores}")
    spark.conf.set("spark.sql.files.maxPartitionBytes", str(8 << 20))
    try:
        args = spark_audit.parser().parse_args([
            str(fleet / "bundles"), "--trust-list", str(fleet / "trust-list.dsse.json"),
            "--root-keys", str(fleet / "root-keys.txt"), "--at", str(manifest["at"]),
            "--out", str(out / f"audit-{label}"), "--chunk", str(chunk),
            "--status-feed", str(fleet / manifest["status_feed"]["file"]),
        ] + (["--batch"] if batch else []))
        spark.sparkContext.addPyFile(spark_audit.__file__)
        ctx = {"trust_list": (fleet / "trust-list.dsse.json").read_bytes(),
               "root_keys": (fleet / "root-keys.txt").read_text().split(), "threshold": 1, "at": manifest["at"],
               "policy": "sale", "chunk": chunk, "batch": batch, "mode": "audit", "native_threads": 1,
               "status_feed": (fleet / manifest["status_feed"]["file"]).read_bytes()}
        bundles = spark_audit.read_bundles(spark, args.input, "json")
        partitions = bundles.rdd.getNumPartitions()
        # Warm-up: start the Python workers and import hrid in them.
        spark_audit.verify_fleet(spark, bundles.limit(50), ctx).write.format("noop").mode("overwrite").save()
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        spark_audit.verify_fleet(spark, bundles, ctx).write.format("noop").mode("overwrite").save()
        verify = time.perf_counter() - started
        started = time.perf_counter()
        summary = spark_audit.run_audit(spark, args)
        whole = time.perf_counter() - started
    finally:
        spark.stop()
    robots = manifest["bundles"]
    assert summary["robots"] == robots, summary
    return {"cores": cores, "partitions": partitions, "robots": robots, "load": round(load_before, 1),
            "verify_seconds": round(verify, 2), "verify_robots_per_second": round(robots / verify),
            "audit_seconds": round(whole, 2), "audit_robots_per_second": round(robots / whole),
            "fleet_findings": summary["fleet_findings"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--robots", type=int, default=20_000)
    ap.add_argument("--out", type=Path, default=Path("scaling-out"))
    ap.add_argument("--fleet", type=Path, help="reuse a generated fleet instead of generating one")
    ap.add_argument("--cores", default="1,2,*", help="Spark local-mode core counts")
    ap.add_argument("--gen-workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--chunk", type=int, default=1000)
    ap.add_argument("--spark-batch", action="store_true", help="batch signature verification in Spark")
    ap.add_argument("--native-worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--batch", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--rows-too", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.native_worker:
        print(json.dumps(native_worker(args.native_worker, args.batch, args.rows_too)))
        return
    import generate_fleet

    args.out.mkdir(parents=True, exist_ok=True)
    results: Dict[str, Any] = {"cpus": os.cpu_count(), "robots": args.robots, "generation": []}
    fleet = args.fleet
    if fleet is None:
        fleet = args.out / "fleet"
        small = max(1000, args.robots // 10)
        for workers in sorted({1, args.gen_workers}):
            target = args.out / f"fleet-gen-{workers}" if workers == 1 else fleet
            n = small if workers == 1 and args.gen_workers > 1 else args.robots
            load_before = os.getloadavg()[0]
            started = time.perf_counter()
            generate_fleet.main([str(n), "--out", str(target), "--workers", str(workers),
                                 "--shard-size", str(max(500, n // 16))])
            seconds = time.perf_counter() - started
            results["generation"].append({"workers": workers, "robots": n, "seconds": round(seconds, 2),
                                          "robots_per_second": round(n / seconds), "load": round(load_before, 1)})
        if args.gen_workers == 1:
            fleet = args.out / "fleet-gen-1"
    manifest = json.loads((fleet / "manifest.json").read_text())
    results["bundles"] = manifest["bundles"]
    results["events_per_robot"] = manifest["parameters"]["events"]
    results["native"] = [native(fleet, t, b, rows_too=(t == 1 and not b)) for t in (1, 2) for b in (False, True)]
    results["spark"] = [spark_run(fleet, c, args.out, args.chunk, args.spark_batch) for c in args.cores.split(",")]
    (args.out / "scaling.json").write_text(json.dumps(results, indent=1) + "\n")

    print(f"\n{manifest['bundles']} bundles, about {results['events_per_robot']} signed statements each, "
          f"{os.cpu_count()} CPUs\n")
    print("| what | robots/s | seconds | load avg |\n| --- | ---: | ---: | ---: |")
    for g in results["generation"]:
        print(f"| generate_fleet.py, {g['workers']} process(es), {g['robots']} robots | {g['robots_per_second']} "
              f"| {g['seconds']} | {g['load']} |")
    for n in results["native"]:
        extra = (f" (+ {n['access_seconds']:.2f} s decide_access per robot, {n['row_seconds']:.2f} s Python rows; "
                 f"verify_history per robot instead: {n['per_robot_seconds']:.2f} s)") if "row_seconds" in n else ""
        print(f"| core Verifier.audit, {n['threads']} thread(s), batch {n['batch']} | {n['robots_per_second']} "
              f"({n['robots_per_cpu_second']} per CPU-second) "
              f"| {n['native_seconds']:.2f}{extra} | {n['load']} |")
    for s in results["spark"]:
        print(f"| Spark local[{s['cores']}], verification ({s['partitions']} partitions, batch {args.spark_batch}) | "
              f"{s['verify_robots_per_second']} | {s['verify_seconds']} | {s['load']} |")
        print(f"| Spark local[{s['cores']}], whole audit (verify, tables, joins, summary) | "
              f"{s['audit_robots_per_second']} | {s['audit_seconds']} | |")


if __name__ == "__main__":
    main()

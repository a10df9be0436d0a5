"""Audit a fleet of robot histories on Apache Spark with hrid.

    python examples/spark-audit/spark_audit.py FLEET/bundles --trust-list FLEET/trust-list.dsse.json \\
        --root-keys FLEET/root-keys.txt --at 1830297600 --out audit-out [--master local[2]]

Input: history bundles, one robot per row with columns `name` and `bundle` (the bundle's JSON
text, docs/histories.md section 1), as JSON lines or Parquet (`--format auto` looks at the file
names). The same code runs on a cluster: leave out `--master` under spark-submit.

1. Every bundle is verified by the hrid core inside `mapPartitions`: one trust list and one
   `Verifier` per partition, one bulk native call per chunk of `--chunk` robots
   (`Verifier.audit`, the GIL released; its own cross-robot findings cover only the chunk and are
   ignored here). Each robot gives one row: verdict, reason codes, the market-access decision
   for `--policy` (the core's rule of docs/histories.md section 5 for a history alone, read off
   the report instead of verifying the bundle a second time; the test checks it against
   `Verifier.decide_access`), health summary fields, and the facts the fleet rules need.
2. The fleet rules of docs/histories.md section 6 run as Spark joins over those facts across the
   whole fleet: `audit.scrapped_part_reused` (harvested or scrapped serials joined with
   installations), `audit.cloned_code` (chains of bundles that share a subject joined by position),
   `audit.part_in_two_robots` (current components of live robots grouped by serial). They give
   the core's findings exactly (code, subject, evidence), reading the input in name order where the
   core reads it in list order (which robot is `robot` and which `other_robot`, the order of
   `robots`).
3. Written to `--out` (a path or a URL): `robots/` (Parquet, one row per bundle), `findings/`
   (Parquet: code, subject, evidence); `summary.json` there or at `--summary` (a local path).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

if TYPE_CHECKING:  # hrid itself is imported in the workers (verify_partition)
    from hrid import HistoryReport
    from hrid.types import HealthSummary, VerifiedAttestation

# One row per robot: the result columns, then the facts the fleet rules join on.
CHAIN = T.ArrayType(T.StructType([
    T.StructField("pos", T.IntegerType(), False),
    T.StructField("seq", T.LongType(), False),
    T.StructField("statement_hash", T.StringType(), False),
]))
INSTALLS = T.ArrayType(T.StructType([
    T.StructField("serial", T.StringType(), False),
    T.StructField("time", T.LongType(), False),
    T.StructField("statement_hash", T.StringType(), False),
    T.StructField("event_type", T.StringType(), False),
]))
STRINGS = T.ArrayType(T.StringType())
ROBOT_SCHEMA = T.StructType([
    T.StructField("name", T.StringType(), False),
    T.StructField("subject", T.StringType(), True),
    T.StructField("verdict", T.StringType(), False),
    T.StructField("failure_codes", STRINGS, False),
    T.StructField("warning_codes", STRINGS, False),
    T.StructField("events", T.LongType(), True),
    T.StructField("events_verified", T.LongType(), True),
    T.StructField("access_policy", T.StringType(), False),
    T.StructField("access_decision", T.StringType(), False),
    T.StructField("access_status", T.StringType(), True),
    T.StructField("access_codes", STRINGS, False),
    T.StructField("status", T.StringType(), True),
    T.StructField("model", T.StringType(), True),
    T.StructField("owner", T.StringType(), True),
    T.StructField("deployment_site", T.StringType(), True),
    T.StructField("operating_hours", T.LongType(), True),
    T.StructField("battery_soh_percent", T.IntegerType(), True),
    T.StructField("battery_cycles", T.LongType(), True),
    T.StructField("firmware_version", T.StringType(), True),
    T.StructField("open_recalls", STRINGS, False),
    T.StructField("components", T.IntegerType(), True),
    T.StructField("last_event_time", T.LongType(), True),
    T.StructField("head_seq", T.LongType(), True),
    T.StructField("head_hash", T.StringType(), True),
    # facts for the fleet rules (docs/histories.md section 6), from the verified chain only
    T.StructField("chain", CHAIN, False),
    T.StructField("installs", INSTALLS, False),
    T.StructField("scrapped_at", T.LongType(), True),
    T.StructField("scrapped_parts", STRINGS, False),
    T.StructField("live_components", STRINGS, False),
])
FINDING_SCHEMA = T.StructType([
    T.StructField("code", T.StringType(), False),
    T.StructField("subject", T.StringType(), True),
    T.StructField("evidence", T.MapType(T.StringType(), T.StringType()), False),
])

# The market-access reason for each status of a history alone (docs/histories.md section 5).
ACCESS_REASON = {
    "recalled_open": "access.recall_open",
    "suspended": "access.suspended",
    "unregistered": "access.not_registered",
    "decommissioned": "access.decommissioned",
    "scrapped": "access.scrapped",
    "dismantled": "access.scrapped",
}


def access_for(verdict: str, health: Optional[HealthSummary]) -> Tuple[str, Optional[str], List[str]]:
    """The decision `Verifier.decide_access(subject, policy, at, history=bundle)` gives, read off
    the history report: (decision, status, access.* codes). All three policies decide alike today."""
    if verdict != "accepted" or health is None:
        return "denied", None, ["access.evidence_unverifiable"]
    status: str = health["status"]
    if status == "active" and health["open_recalls"]:
        status = "recalled_open"
    reason = ACCESS_REASON.get(status)
    return ("denied", status, [reason]) if reason else ("allowed", status, ["access.allowed"])


def chain_facts(chain: Sequence[VerifiedAttestation]) -> Tuple[list, list, Optional[int], List[str]]:
    """From the verified chain: positions and hashes, installations (manufactured components and
    part_replaced serial_in), and the scrap time with the parts installed at scrapping plus the
    harvested ones (docs/histories.md section 6; `core/src/history/audit.rs` reads them alike)."""
    positions, installs = [], []
    installed: List[str] = []
    parts: List[str] = []
    scrapped_at: Optional[int] = None
    for pos, verified in enumerate(chain):
        st = verified["statement"]
        event, t, h = st["event"], st["time"], verified["statement_hash"]
        kind = event["type"]
        positions.append((pos, st["seq"], h))
        if kind == "manufactured":
            installs += [(c["serial"], t, h, kind) for c in event["components"]]
            if scrapped_at is None:
                installed = [c["serial"] for c in event["components"]]
        elif kind == "part_replaced":
            installs.append((event["serial_in"], t, h, kind))
            if scrapped_at is None:
                installed = [s for s in installed if s != event["serial_out"]] + [event["serial_in"]]
        elif kind == "scrapped" and scrapped_at is None:
            scrapped_at = t
            parts = list(installed)
        elif kind == "dismantled":
            if scrapped_at is None:
                scrapped_at = t
            parts += [s for s in event["harvested_serials"] if s not in parts]
    return positions, installs, scrapped_at, parts if scrapped_at is not None else []


def robot_row(name: str, report: HistoryReport, policy: str) -> tuple:
    """One output row (ROBOT_SCHEMA) from the core's HistoryReport."""
    health = report.health
    head = report.head or {}
    verdict = report.verdict
    decision, status, access_codes = access_for(verdict, health)
    health = health or {}
    chain, installs, scrapped_at, parts = chain_facts(report.chain)
    life = health.get("status")
    live = [c["serial"] for c in health.get("components", [])] if life not in (None, "scrapped", "dismantled") else []
    firmware = health.get("firmware") or {}
    deployment = health.get("deployment") or {}
    return (
        name, report.subject, verdict,
        [f.code for f in report.failures], [w.code for w in report.warnings],
        report.events, report.events_verified,
        policy, decision, status, access_codes,
        life, health.get("model"), health.get("owner"), deployment.get("site"),
        health.get("operating_hours"), health.get("battery_soh_percent"), health.get("battery_cycles"),
        firmware.get("version"), list(health.get("open_recalls", [])), len(health["components"]) if health else None,
        health.get("last_event_time"), head.get("seq"), head.get("statement_hash"),
        chain, installs, scrapped_at, parts, live,
    )


def verify_partition(rows: Iterable[Any], ctx: Dict[str, Any]) -> Iterator[tuple]:
    """mapPartitions body: one Verifier for the partition, one bulk native call per chunk."""
    # Spark's cores are the parallelism: one native thread per task unless told otherwise.
    os.environ.setdefault("RAYON_NUM_THREADS", str(ctx["native_threads"]))
    import hrid

    anchors = [hrid.VerifyingKey.from_hex(k) for k in ctx["root_keys"]]
    trust = hrid.TrustList.verify(ctx["trust_list"], anchors, ctx["threshold"], 0, ctx["at"])
    verifier = hrid.Verifier(trust)
    chunk: List[Tuple[str, str]] = []

    def flush() -> Iterator[tuple]:
        if ctx["mode"] == "audit":
            reports = [r for _, r in verifier.audit(chunk, ctx["at"], batch=ctx["batch"]).robots]
        else:
            reports = verifier.verify_histories([b for _, b in chunk], ctx["at"], batch=ctx["batch"])
        for (name, _), report in zip(chunk, reports):
            yield robot_row(name, report, ctx["policy"])

    for row in rows:
        chunk.append((row[0], row[1]))
        if len(chunk) >= ctx["chunk"]:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def read_bundles(spark: SparkSession, path: str, fmt: str) -> DataFrame:
    """`name`, `bundle` rows from JSON lines or Parquet."""
    if fmt == "auto":
        p = Path(path)
        files = [p] if p.is_file() else list(p.rglob("*"))
        fmt = "parquet" if any(f.suffix == ".parquet" for f in files) else "json"
    if fmt == "parquet":
        return spark.read.parquet(path).select("name", "bundle")
    return spark.read.schema("name string, bundle string").json(path)


def verify_fleet(spark: SparkSession, bundles: DataFrame, ctx: Dict[str, Any]) -> DataFrame:
    """The per-robot table (ROBOT_SCHEMA): every bundle verified by the core."""
    rdd = bundles.select("name", "bundle").rdd.mapPartitions(lambda rows: verify_partition(rows, ctx))
    return spark.createDataFrame(rdd, ROBOT_SCHEMA, verifySchema=False)


def _finding(code: str, subject: Any, evidence: Dict[str, Any]) -> List[Any]:
    return [F.lit(code).alias("code"), subject.alias("subject"),
            F.create_map(*[x for k, v in evidence.items() for x in (F.lit(k), v)]).alias("evidence")]


def cloned_codes(robots: DataFrame) -> DataFrame:
    """`audit.cloned_code`: two bundles of one subject whose chains differ at some position
    (compared position by position as far as both go: a prefix is the same history)."""
    shared = (robots.where(F.col("subject").isNotNull()).groupBy("subject")
              .agg(F.count("*").alias("n")).where("n > 1").select("subject"))
    links = (robots.join(shared, "subject", "left_semi")
             .select("name", "subject", F.explode("chain").alias("c"))
             .select("name", "subject", "c.pos", "c.seq", "c.statement_hash"))
    a, b = links.alias("a"), links.alias("b")
    differ = (a.join(b, (F.col("a.subject") == F.col("b.subject")) & (F.col("a.pos") == F.col("b.pos"))
                     & (F.col("a.name") < F.col("b.name")))
              .where(F.col("a.statement_hash") != F.col("b.statement_hash")))
    first = (differ.groupBy(F.col("a.subject").alias("subject"), F.col("a.name").alias("robot"),
                            F.col("b.name").alias("other_robot"))
             .agg(F.min(F.struct(F.col("a.pos"), F.col("a.seq").alias("seq"),
                                 F.col("a.statement_hash").alias("h"), F.col("b.statement_hash").alias("oh"))).alias("d")))
    return first.select(*_finding("audit.cloned_code", F.col("subject"), {
        "robot": F.col("robot"), "other_robot": F.col("other_robot"), "seq": F.col("d.seq").cast("string"),
        "statement_hash": F.col("d.h"), "other_statement_hash": F.col("d.oh")}))


def scrapped_parts_reused(robots: DataFrame) -> DataFrame:
    """`audit.scrapped_part_reused`: a serial installed in X when X was scrapped, or harvested
    from X, installed in another robot Y (another subject) at or after X's scrap time."""
    donors = (robots.where(F.col("scrapped_at").isNotNull())
              .select(F.col("subject").alias("donor"), "scrapped_at", F.explode("scrapped_parts").alias("serial")))
    installs = (robots.select("name", "subject", F.explode("installs").alias("i"))
                .select("name", "subject", "i.serial", "i.time", "i.statement_hash", "i.event_type"))
    hits = (installs.join(donors, "serial")
            .where(~F.col("donor").eqNullSafe(F.col("subject")) & (F.col("time") >= F.col("scrapped_at"))))
    return hits.select(*_finding("audit.scrapped_part_reused", F.col("subject"), {
        "serial": F.col("serial"), "donor": F.coalesce(F.col("donor"), F.lit("")), "robot": F.col("name"),
        "statement_hash": F.col("statement_hash"), "event_type": F.col("event_type")}))


def parts_in_two(robots: DataFrame) -> DataFrame:
    """`audit.part_in_two_robots`: one serial among the current components of robots of two
    subjects whose status is neither scrapped nor dismantled; subjects in order of their first
    bundle."""
    holders = (robots.select("name", "subject", F.explode("live_components").alias("serial"))
               .groupBy("serial", "subject").agg(F.min("name").alias("first")))
    grouped = (holders.groupBy("serial")
               .agg(F.array_sort(F.collect_list(F.struct("first", "subject"))).alias("h"))
               .where(F.size("h") > 1)
               .select("serial", F.transform("h", lambda x: x["subject"]).alias("codes")))
    return grouped.select(*_finding("audit.part_in_two_robots", F.col("codes")[0], {
        "serial": F.col("serial"), "robots": F.concat_ws(",", "codes")}))


def fleet_findings(robots: DataFrame) -> DataFrame:
    """The cross-robot findings of docs/histories.md section 6, as the core reports them."""
    return cloned_codes(robots).unionByName(scrapped_parts_reused(robots)).unionByName(parts_in_two(robots))


def summarise(robots: DataFrame, findings: DataFrame) -> Dict[str, Any]:
    """Counts for people: robots per verdict, per reason code, per access decision and status,
    findings per rule; the fleet verdict as the core's audit states it."""
    verdicts = {r["verdict"]: r["n"] for r in robots.groupBy("verdict").agg(F.count("*").alias("n")).collect()}
    codes = {r["code"]: r["n"] for r in robots.select(F.explode(F.array_union("failure_codes", "warning_codes")).alias("code"))
             .groupBy("code").agg(F.count("*").alias("n")).collect()}
    access = {f"{r['access_decision']}:{r['access_status'] or 'unverifiable'}": r["n"]
              for r in robots.groupBy("access_decision", "access_status").agg(F.count("*").alias("n")).collect()}
    fleet = {r["code"]: r["n"] for r in findings.groupBy("code").agg(F.count("*").alias("n")).collect()}
    if verdicts.get("rejected") or fleet:
        verdict = "rejected"
    elif verdicts.get("indeterminate"):
        verdict = "indeterminate"
    else:
        verdict = "accepted"
    return {
        "verdict": verdict,
        "robots": sum(verdicts.values()),
        "verdicts": dict(sorted(verdicts.items())),
        "robots_per_code": dict(sorted(codes.items())),
        "access": dict(sorted(access.items())),
        "fleet_findings": dict(sorted(fleet.items())),
    }


def run_audit(spark: SparkSession, args: argparse.Namespace) -> Dict[str, Any]:
    """Verify, write the per-robot table and the findings, return the summary."""
    started = time.perf_counter()
    ctx = {
        "trust_list": Path(args.trust_list).read_bytes(),
        "root_keys": Path(args.root_keys).read_text().split(),
        "threshold": args.threshold,
        "at": args.at,
        "policy": args.policy,
        "chunk": args.chunk,
        "batch": args.batch,
        "mode": args.mode,
        "native_threads": args.native_threads,
    }
    # Workers import this module when it is imported rather than run (tests, notebooks).
    spark.sparkContext.addPyFile(str(Path(__file__).resolve()))
    bundles = read_bundles(spark, args.input, args.format)
    if args.partitions:
        bundles = bundles.repartition(args.partitions)
    robots = verify_fleet(spark, bundles, ctx)
    out = args.out.rstrip("/")  # a local path or a URL (hdfs://, s3a://)
    robots.write.mode("overwrite").parquet(f"{out}/robots")
    # The joins read the written table: every bundle is verified exactly once.
    robots = spark.read.parquet(f"{out}/robots")
    verified = time.perf_counter()
    findings = fleet_findings(robots)
    findings.write.mode("overwrite").parquet(f"{out}/findings")
    findings = spark.read.parquet(f"{out}/findings")
    summary = summarise(robots, findings)
    done = time.perf_counter()
    summary["seconds"] = {"verify": round(verified - started, 2), "fleet_rules_and_summary": round(done - verified, 2)}
    summary["at"] = args.at
    summary["policy"] = args.policy
    summary_path = Path(args.summary or f"{out}/summary.json")
    summary_path.parent.mkdir(parents=True, exist_ok=True)
    summary_path.write_text(json.dumps(summary, indent=1) + "\n")
    return summary


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="bundles: a JSON-lines or Parquet file or folder (columns name, bundle)")
    ap.add_argument("--trust-list", required=True, help="the signed trust list (DSSE envelope JSON)")
    ap.add_argument("--root-keys", required=True, help="file of root public keys in hex, one per line")
    ap.add_argument("--threshold", type=int, default=1, help="root signatures the trust list needs")
    ap.add_argument("--at", type=int, required=True, help="audit time, unix seconds")
    ap.add_argument("--out", required=True, help="output folder (robots/, findings/, summary.json)")
    ap.add_argument("--summary", help="where the driver writes summary.json (default OUT/summary.json; "
                    "give a local path when OUT is a URL)")
    ap.add_argument("--format", choices=("auto", "json", "parquet"), default="auto")
    ap.add_argument("--policy", choices=("listing", "sale", "deployment"), default="sale")
    ap.add_argument("--master", help="e.g. local[2]; leave out under spark-submit")
    ap.add_argument("--partitions", type=int, help="repartition the input (default: as read)")
    ap.add_argument("--chunk", type=int, default=1000, help="robots per native call")
    ap.add_argument("--mode", choices=("audit", "history"), default="audit",
                    help="audit: one Verifier.audit call per chunk; history: one "
                         "Verifier.verify_histories call per chunk (no cross-robot rules)")
    ap.add_argument("--batch", action="store_true", help="batch-verify the signatures of a chunk")
    ap.add_argument("--native-threads", type=int, default=1, help="hrid's threads per Spark task")
    return ap


def session(master: Optional[str], app: str = "hrid fleet audit") -> SparkSession:
    """A session; with `master` (local mode) this interpreter for the workers, small shuffles and
    no UI, as suits one machine."""
    builder = SparkSession.builder.appName(app)
    if master:
        # Local workers run this interpreter (the one with hrid installed), not `python3` on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (builder.master(master).config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "4").config("spark.driver.memory", "2g"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    spark = session(args.master)
    try:
        summary = run_audit(spark, args)
    finally:
        spark.stop()
    json.dump(summary, sys.stdout, indent=1)
    print()
    return 1 if summary["verdict"] == "rejected" else 3 if summary["verdict"] == "indeterminate" else 0


if __name__ == "__main__":
    sys.exit(main())

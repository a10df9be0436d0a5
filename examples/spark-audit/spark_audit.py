"""Audit a fleet of robot histories on Apache Spark with hrid.

    python examples/spark-audit/spark_audit.py FLEET/bundles --trust-list FLEET/trust-list.dsse.json \\
        --root-keys FLEET/root-keys.txt --status-feed FLEET/status-feed.json --at 1830297600 \\
        --out audit-out [--master local[2]]

Input: history bundles, one robot per row with columns `name` and `bundle` (the bundle's JSON
text, docs/histories.md section 1), as JSON lines or Parquet (`--format auto` looks at the file
names). The same code runs on a cluster: leave out `--master` under spark-submit.

1. Every bundle is verified by the hrid core inside `mapPartitions`: one trust list and one
   `Verifier` per partition, one bulk native call per chunk of `--chunk` robots
   (`Verifier.audit`, the GIL released; its own cross-robot findings cover only the chunk and are
   ignored here), held against the registry's status feed when `--status-feed` gives one. Each
   robot gives one row: verdict, reason codes, the core's market-access decision for `--policy`
   (`Verifier.decide_access` with the bundle and the feed: docs/histories.md section 5; without
   a feed every robot is denied, `access.evidence_stale`), health summary fields, and the facts
   the fleet rules need (the chain's hashes, what each statement does to parts).
2. The fleet rules of docs/histories.md section 6 run as Spark joins over those facts across the
   whole fleet: `audit.cloned_code` (chains of bundles that share a subject joined by position);
   each robot's holdings of parts (window functions over its part moves), then
   `audit.scrapped_part_reused` (each holding joined with the two earliest deaths of its serial)
   and `audit.part_in_two_robots` (holdings of one serial joined with those of other robots that
   start before them and are alive then). They give the core's findings exactly (code, subject,
   evidence), reading the input in name order where the core reads it in list order (which robot
   is `robot` and which `other_robot`; which partner a tie names).
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
from pyspark.sql.window import Window

if TYPE_CHECKING:  # hrid itself is imported in the workers (verify_partition)
    from hrid import AccessDecision, HistoryReport, StatusFeed, Verifier
    from hrid.types import VerifiedAttestation

# One row per robot: the result columns, then the facts the fleet rules join on.
CHAIN = T.ArrayType(T.StructType([
    T.StructField("pos", T.IntegerType(), False),
    T.StructField("seq", T.LongType(), False),
    T.StructField("statement_hash", T.StringType(), False),
]))
# What each verified statement does to parts, in chain order (`pos`, then `step` within it):
# `in` (manufactured components, part_replaced serial_in), `out` (part_replaced serial_out),
# `end` (scrapped or dismantled; no serial), `harvested` (dismantled harvested_serials).
PART_MOVES = T.ArrayType(T.StructType([
    T.StructField("pos", T.IntegerType(), False),
    T.StructField("step", T.IntegerType(), False),
    T.StructField("move", T.StringType(), False),
    T.StructField("serial", T.StringType(), True),
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
    T.StructField("part_moves", PART_MOVES, False),
])
FINDING_SCHEMA = T.StructType([
    T.StructField("code", T.StringType(), False),
    T.StructField("subject", T.StringType(), True),
    T.StructField("evidence", T.MapType(T.StringType(), T.StringType()), False),
])

# A holding that is never given up ends "for ever" (core/src/audit.rs: i64::MAX).
FOREVER = 2**63 - 1


def chain_facts(chain: Sequence[VerifiedAttestation]) -> Tuple[list, list]:
    """From the verified chain, read and not judged: positions and hashes (for clones), and what
    each statement does to parts (PART_MOVES). Which moves count, the holdings and the rules are
    the Spark side's (`holdings`, `fleet_findings`)."""
    positions, moves = [], []
    for pos, verified in enumerate(chain):
        st = verified["statement"]
        event, t, h = st["event"], st["time"], verified["statement_hash"]
        kind = event["type"]
        positions.append((pos, st["seq"], h))
        if kind == "manufactured":
            steps = [("in", c["serial"]) for c in event["components"]]
        elif kind == "part_replaced":
            steps = [("out", event["serial_out"]), ("in", event["serial_in"])]
        elif kind == "scrapped":
            steps = [("end", None)]
        elif kind == "dismantled":
            steps = [("end", None)] + [("harvested", s) for s in event["harvested_serials"]]
        else:
            steps = []
        moves += [(pos, step, move, serial, t, h, kind) for step, (move, serial) in enumerate(steps)]
    return positions, moves


def robot_row(name: str, report: HistoryReport, policy: str, access: AccessDecision) -> tuple:
    """One output row (ROBOT_SCHEMA) from the core's HistoryReport and its access decision."""
    health = report.health
    head = report.head or {}
    health = health or {}
    chain, moves = chain_facts(report.chain)
    firmware = health.get("firmware") or {}
    deployment = health.get("deployment") or {}
    return (
        name, report.subject, report.verdict,
        [f.code for f in report.failures], [w.code for w in report.warnings],
        report.events, report.events_verified,
        policy, access.decision, access.status, [c for c in access.codes if c.startswith("access.")],
        health.get("status"), health.get("model"), health.get("owner"), deployment.get("site"),
        health.get("operating_hours"), health.get("battery_soh_percent"), health.get("battery_cycles"),
        firmware.get("version"), list(health.get("open_recalls", [])), len(health["components"]) if health else None,
        health.get("last_event_time"), head.get("seq"), head.get("statement_hash"),
        chain, moves,
    )


def status_feed(verifier: Verifier, document: Optional[bytes], at: int) -> Optional[StatusFeed]:
    """The registry's verified feed, or None when none was given; raises ValueError when the
    feed given is not accepted (the audit would otherwise decide without the registry's word)."""
    if document is None:
        return None
    report = verifier.verify_status_feed(document, at)
    if report.feed is None:
        raise ValueError(f"status feed not accepted at {at}: {[f.code for f in report.failures]}")
    return report.feed


def verify_partition(rows: Iterable[Any], ctx: Dict[str, Any]) -> Iterator[tuple]:
    """mapPartitions body: one Verifier for the partition, one bulk native call per chunk."""
    # Spark's cores are the parallelism: one native thread per task unless told otherwise.
    os.environ.setdefault("RAYON_NUM_THREADS", str(ctx["native_threads"]))
    import hrid

    anchors = [hrid.VerifyingKey.from_hex(k) for k in ctx["root_keys"]]
    trust = hrid.TrustList.verify(ctx["trust_list"], anchors, ctx["threshold"], 0, ctx["at"])
    verifier = hrid.Verifier(trust)
    feed = status_feed(verifier, ctx.get("status_feed"), ctx["at"])
    chunk: List[Tuple[str, str]] = []

    def flush() -> Iterator[tuple]:
        if ctx["mode"] == "audit":
            reports = [r for _, r in verifier.audit(chunk, ctx["at"], batch=ctx["batch"], status_feed=feed).robots]
        else:
            reports = verifier.verify_histories([b for _, b in chunk], ctx["at"], batch=ctx["batch"], status_feed=feed)
        for (name, bundle), report in zip(chunk, reports):
            # The core's market-access rule (docs/histories.md section 5), never a copy of it: the
            # decision verifies the bundle again, with the feed, the registry's word.
            access = verifier.decide_access(report.subject or name, ctx["policy"], ctx["at"],
                                            history=bundle, status_feed=feed)
            yield robot_row(name, report, ctx["policy"], access)

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


def holdings(robots: DataFrame) -> DataFrame:
    """Every robot's holdings of parts (docs/histories.md section 6; `holdings` in
    core/src/audit.rs): `name`, `subject`, `serial`, `start`, `end` (FOREVER while held),
    `dead_since` (null while alive), and the `statement_hash`, `event_type` of the statement that
    put the part in (or harvested it).

    The chain is read up to the end of life (the first `end` move): a part comes in with an `in`
    unless it is in already, goes out with an `out` when it is in. After any move the part is in
    exactly when that move was an `in`, so a move changes something exactly when the previous
    move of that (robot, serial) differs; the changes then alternate in, out, in, ... and each `in`
    holds until the next change. At the end of life every part still in is dead from then, and a
    harvested serial not in then is a holding from its first harvest, dead too."""
    moves = (robots.select("name", "subject", F.explode("part_moves").alias("m")).select("name", "subject", "m.*"))
    end_of_life = (moves.where(F.col("move") == "end").groupBy("name")
                   .agg(F.min(F.struct("pos", "time")).alias("eol")))
    moves = moves.join(end_of_life, "name", "left")
    in_order = Window.partitionBy("name", "serial").orderBy("pos", "step")
    alive = moves.where(F.col("move").isin("in", "out")
                        & (F.col("eol").isNull() | (F.col("pos") < F.col("eol.pos"))))
    changes = (alive.withColumn("before", F.lag("move").over(in_order))
               .where(~F.col("move").eqNullSafe(F.col("before")) & ~((F.col("move") == "out") & F.col("before").isNull())))
    stretches = (changes.withColumn("until", F.lead("time").over(in_order)).where(F.col("move") == "in")
                 .select("name", "subject", "serial", F.col("time").alias("start"), "until", "eol",
                         "statement_hash", "event_type"))
    held = stretches.select("name", "subject", "serial", "start",
                            F.coalesce("until", F.lit(FOREVER)).alias("end"),
                            F.when(F.col("until").isNull(), F.col("eol.time")).alias("dead_since"),
                            "statement_hash", "event_type")
    still_in = stretches.where(F.col("until").isNull()).select("name", "serial")
    harvested = (moves.where(F.col("move") == "harvested")
                 .groupBy("name", "subject", "serial", "eol")
                 .agg(F.min(F.struct("pos", "step", "time", "statement_hash", "event_type")).alias("h"))
                 .join(still_in, ["name", "serial"], "left_anti")
                 .select("name", "subject", "serial", F.col("h.time").alias("start"), F.lit(FOREVER).alias("end"),
                         F.col("eol.time").alias("dead_since"), "h.statement_hash", "h.event_type"))
    return held.unionByName(harvested)


def _other_robot(x: str, h: str) -> Any:
    """Holdings of two different robots: two identity codes (two bundles of one code are one)."""
    return ~F.col(f"{x}.subject").eqNullSafe(F.col(f"{h}.subject"))


def _code(col: str) -> Any:
    return F.coalesce(F.col(col), F.lit("?"))


HOLDING = ["h.name", "h.serial", "h.statement_hash"]  # one holding (one statement puts a serial in once)


def scrapped_parts_reused(held: DataFrame) -> DataFrame:
    """`audit.scrapped_part_reused`: for each holding, the robot of another code in which its part
    died first (ties: the first by name, as the core's list order), when the holding lasts beyond
    that death. The two earliest deaths of different codes per serial are enough (the core's
    `Extremes`): a join of every holding with at most two rows of its serial."""
    deaths = (held.where(F.col("dead_since").isNotNull()).groupBy("serial", "subject")
              .agg(F.min(F.struct("dead_since", "name")).alias("d")))
    first_two = (deaths.withColumn("rank", F.row_number().over(Window.partitionBy("serial").orderBy("d")))
                 .where(F.col("rank") <= 2))
    hits = (held.alias("h").join(first_two.alias("x"), F.col("h.serial") == F.col("x.serial"))
            .where(_other_robot("x", "h"))
            .withColumn("pick", F.row_number().over(Window.partitionBy(*HOLDING).orderBy("x.rank")))
            .where((F.col("pick") == 1) & (F.col("h.end") > F.col("x.d.dead_since"))))
    return hits.select(*_finding("audit.scrapped_part_reused", F.col("h.subject"), {
        "serial": F.col("h.serial"), "donor": _code("x.subject"), "robot": F.col("h.name"),
        "statement_hash": F.col("h.statement_hash"), "event_type": F.col("h.event_type")}))


def parts_in_two(held: DataFrame) -> DataFrame:
    """`audit.part_in_two_robots`: a holding whose living stretch `[start, min(end, dead_since))`
    is not empty, against the holdings of other codes of its serial that come before it (by start,
    then name: the core's stable sort of its list) and are still alive at its start; the one named
    is the one living longest (ties: the first). A join on serial: its size is the number of
    pairs of holdings of one serial, a handful for a real part."""
    living = held.withColumn("living_end", F.least("end", F.coalesce("dead_since", F.lit(FOREVER))))
    x, h = living.alias("x"), living.alias("h")
    before = (F.col("x.start") < F.col("h.start")) | (
        (F.col("x.start") == F.col("h.start")) & (F.col("x.name") < F.col("h.name")))
    pairs = (h.join(x, F.col("x.serial") == F.col("h.serial"))
             .where(_other_robot("x", "h") & before & (F.col("x.living_end") > F.col("h.start"))
                    & (F.col("h.living_end") > F.col("h.start"))))
    latest = Window.partitionBy(*HOLDING).orderBy(F.col("x.living_end").desc(), F.col("x.start"), F.col("x.name"))
    hits = pairs.withColumn("pick", F.row_number().over(latest)).where(F.col("pick") == 1)
    return hits.select(*_finding("audit.part_in_two_robots", F.col("h.subject"), {
        "serial": F.col("h.serial"), "robots": F.concat_ws(",", _code("x.subject"), _code("h.subject")),
        "robot": F.col("h.name"), "statement_hash": F.col("h.statement_hash")}))


def fleet_findings(robots: DataFrame) -> DataFrame:
    """The cross-robot findings of docs/histories.md section 6, as the core reports them."""
    held = holdings(robots).cache()
    return (cloned_codes(robots).unionByName(scrapped_parts_reused(held)).unionByName(parts_in_two(held)))


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


def driver_status_feed(ctx: Dict[str, Any]) -> Optional[StatusFeed]:
    """The feed of `--status-feed`, verified once on the driver (each partition verifies it again:
    a verified feed is a native handle, not sent to the workers)."""
    if ctx["status_feed"] is None:
        return None
    import hrid

    anchors = [hrid.VerifyingKey.from_hex(k) for k in ctx["root_keys"]]
    trust = hrid.TrustList.verify(ctx["trust_list"], anchors, ctx["threshold"], 0, ctx["at"])
    return status_feed(hrid.Verifier(trust), ctx["status_feed"], ctx["at"])


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
        "status_feed": Path(args.status_feed).read_bytes() if args.status_feed else None,
    }
    feed = driver_status_feed(ctx)  # a feed that does not verify stops the audit here, not in a task
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
    summary["status_feed"] = None if feed is None else {"version": feed.version, "issued_at": feed.issued_at,
                                                         "expires_at": feed.expires_at}
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
    ap.add_argument("--status-feed", help="the registry's signed status feed (docs/status-feed.md): histories are "
                    "held against it, and it is the registry's word market access needs (without it every robot "
                    "is denied, access.evidence_stale)")
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

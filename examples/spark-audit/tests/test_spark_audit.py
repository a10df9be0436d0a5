"""The Spark fleet audit on a small synthetic fleet (Spark local mode, two cores):

1. every seeded violation is found, and nothing else is flagged (per-robot verdicts and codes,
   fleet findings, market-access denials); an honest move of a part between robots is no finding;
2. the Spark result equals the single-process fleet audit of the core (`Verifier.audit` over the
   same bundles in name order, with the same status feed): every robot's verdict, codes, health
   fields and head, and the cross-robot findings with their evidence; the market-access column
   equals `Verifier.decide_access` (bundle and feed) for every robot.

Run: python -m pytest examples/spark-audit/tests -q   (needs Java 17 and requirements.txt)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import hrid  # noqa: E402

import generate_fleet  # noqa: E402
import spark_audit  # noqa: E402

ROBOTS = 400
RATE = 0.01  # four of each kind
PER_ROBOT = {  # seeded kind -> (verdict, failure codes, warning codes) of that robot
    "tampered": ("rejected", ["signature.invalid"], []),
    "sale_after_scrap": ("rejected", ["lifecycle.sale_after_scrap"], []),
    "unknown_signer": ("indeterminate", ["signer.unknown"], []),
    "open_recall": ("accepted", [], ["recall.open"]),
}
# Seeded kinds whose manifest entries are the fleet findings (code, subject, evidence) they cause.
FLEET = ("scrapped_part_reused", "backdated_reuse", "cloned_code", "part_in_two_robots")


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    out = tmp_path_factory.mktemp("fleet")
    generate_fleet.main([str(ROBOTS), "--out", str(out), "--violation-rate", str(RATE)])
    return out, json.loads((out / "manifest.json").read_text())


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # local mode: no network name needed
    session = spark_audit.session("local[2]", "hrid fleet audit test")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def result(fleet, spark, tmp_path_factory):
    path, manifest = fleet
    out = tmp_path_factory.mktemp("audit")
    args = spark_audit.parser().parse_args([
        str(path / "bundles"), "--trust-list", str(path / "trust-list.dsse.json"),
        "--root-keys", str(path / "root-keys.txt"), "--at", str(manifest["at"]), "--out", str(out),
        "--partitions", "4", "--chunk", "64", "--batch", "--status-feed", str(path / manifest["status_feed"]["file"]),
    ])
    summary = spark_audit.run_audit(spark, args)
    robots = {r["name"]: r.asDict(recursive=True) for r in spark.read.parquet(str(out / "robots")).collect()}
    findings = [r.asDict(recursive=True) for r in spark.read.parquet(str(out / "findings")).collect()]
    return summary, robots, findings


@pytest.fixture(scope="module")
def core(fleet):
    """The single-process fleet audit of the core over the same bundles, in name order."""
    path, manifest = fleet
    rows = [json.loads(line) for f in sorted((path / "bundles").glob("*.jsonl")) for line in f.read_text().splitlines()]
    rows.sort(key=lambda r: r["name"])
    anchors = [hrid.VerifyingKey.from_hex(k) for k in (path / "root-keys.txt").read_text().split()]
    trust = hrid.TrustList.verify((path / "trust-list.dsse.json").read_bytes(), anchors, 1, 0, manifest["at"])
    verifier = hrid.Verifier(trust)
    feed = verifier.verify_status_feed((path / manifest["status_feed"]["file"]).read_bytes(), manifest["at"]).feed
    assert feed is not None
    report = verifier.audit([(r["name"], r["bundle"]) for r in rows], manifest["at"], status_feed=feed)
    return verifier, feed, rows, report


def finding_key(code, subject, evidence):
    return (code, subject, tuple(sorted(evidence.items())))


def test_every_seeded_violation_is_found_and_nothing_else(fleet, result):
    _, manifest = fleet
    summary, robots, findings = result
    seeded = manifest["seeded"]
    assert len(robots) == manifest["bundles"] == ROBOTS + len(seeded["cloned_code"])
    lines = []

    # Per-robot violations: exactly the seeded robots are not clean, each with exactly its codes.
    expected = {e["robot"]: PER_ROBOT[kind] for kind in PER_ROBOT for e in seeded[kind]}
    flagged = {name: (r["verdict"], r["failure_codes"], r["warning_codes"])
               for name, r in robots.items() if r["verdict"] != "accepted" or r["failure_codes"] or r["warning_codes"]}
    assert flagged == expected
    for kind, (verdict, failures, warnings) in PER_ROBOT.items():
        found = sum(1 for e in seeded[kind] if flagged.get(e["robot"]) == (verdict, failures, warnings))
        lines.append((kind, len(seeded[kind]), found))
    recall_ids = {e["robot"]: [e["recall_id"]] for e in seeded["open_recall"]}
    assert {n: r["open_recalls"] for n, r in robots.items() if r["open_recalls"]} == recall_ids

    # Fleet findings: exactly the seeded ones (code, subject, evidence), nothing for moved parts.
    got_all = {finding_key(f["code"], f["subject"], f["evidence"]) for f in findings}
    assert len(got_all) == len(findings)
    for kind in FLEET:
        want = {finding_key(e["code"], e["subject"], e["evidence"]) for e in seeded[kind]}
        found = want & got_all
        assert found == want, kind
        lines.append((kind, len(want), len(found)))
    assert got_all == {finding_key(e["code"], e["subject"], e["evidence"]) for k in FLEET for e in seeded[k]}
    moved = {e["serial"] for e in seeded["moved_part"]}
    assert moved and not {f["evidence"].get("serial") for f in findings} & moved

    # Market access with the registry's feed: denied exactly for the robots with a per-robot
    # violation and the retired ones; every other robot allowed.
    denied = {n for n, r in robots.items() if r["access_decision"] == "denied"}
    assert denied == set(expected) | {e["robot"] for e in seeded["retired"]}
    assert summary["access"]["allowed:active"] == len(robots) - len(denied)
    assert summary["verdict"] == "rejected"
    print("\nkind                   seeded  found")
    for kind, n, found in lines:
        print(f"{kind:22} {n:6} {found:6}")
        assert found == n


def test_spark_equals_the_single_process_audit_of_the_core(fleet, result, core):
    _, manifest = fleet
    _, robots, findings = result
    verifier, feed, rows, report = core
    assert [name for name, _ in report.robots] == sorted(robots)
    for name, h in report.robots:
        r = robots[name]
        health = h.health or {}
        head = h.head or {}
        assert (r["subject"], r["verdict"], r["failure_codes"], r["warning_codes"]) == (
            h.subject, h.verdict, [f.code for f in h.failures], [w.code for w in h.warnings]), name
        assert (r["status"], r["owner"], r["operating_hours"], r["battery_cycles"], r["open_recalls"],
                r["last_event_time"], r["head_seq"], r["head_hash"]) == (
            health.get("status"), health.get("owner"), health.get("operating_hours"), health.get("battery_cycles"),
            health.get("open_recalls", []), health.get("last_event_time"), head.get("seq"), head.get("statement_hash")), name
    spark_findings = sorted(finding_key(f["code"], f["subject"], f["evidence"]) for f in findings)
    core_findings = sorted(finding_key(f.code, f.subject, f.evidence) for f in report.failures)
    assert spark_findings == core_findings and core_findings
    assert report.verdict == "rejected"

    # The access column is the core's decision for the bundle and the registry's feed.
    for row in rows:
        r = robots[row["name"]]
        d = verifier.decide_access(r["subject"], "sale", manifest["at"], history=row["bundle"], status_feed=feed)
        assert (r["access_decision"], r["access_status"], r["access_codes"]) == (
            d.decision, d.status, [c for c in d.codes if c.startswith("access.")]), row["name"]


def test_parquet_input_reads_the_same_rows(fleet, spark, tmp_path):
    path, _ = fleet
    jsonl = spark_audit.read_bundles(spark, str(path / "bundles"), "auto")
    jsonl.write.parquet(str(tmp_path / "bundles.parquet"))
    parquet = spark_audit.read_bundles(spark, str(tmp_path / "bundles.parquet"), "auto")
    assert sorted(parquet.collect()) == sorted(jsonl.collect())


def test_ties_name_the_partner_the_core_names(fleet, spark, core):
    """Four robots made with one serial at the same second, two of them scrapped at the same
    second: every holding has tied partners (equal starts, equal deaths, equal living ends); the
    Spark joins name the ones the core names (the first in its list: name order)."""
    path, manifest = fleet
    verifier, _, _, _ = core
    made, died = generate_fleet.T0 + 10 * generate_fleet.DAY, generate_fleet.T0 + 90 * generate_fleet.DAY
    robots = [generate_fleet.Robot(i, 5, 8, 4, 12) for i in (3, 1, 2, 0)]
    shared = "0100-SHARED-1"
    rows = []
    for n, r in enumerate(robots):
        events = [(r.mfr, r.mfr, made, {
            "type": "manufactured", "model": r.model, "production_date": made, "firmware": "1.0.0",
            "components": [{"kind": "actuator", "serial": shared}, {"kind": "battery_pack", "serial": r.components[2][1]}]})]
        if n % 2:
            events.append((r.recycler, r.recycler, died, {"type": "scrapped"}))
        else:  # out and back in at one second: two holdings, the second from `moved`
            events.append((r.maintainer, r.maintainer, died, {
                "type": "part_replaced", "serial_in": shared, "serial_out": shared, "kind": "actuator"}))
        rows.append({"name": r.subject, "bundle": generate_fleet.bundle(r.subject, generate_fleet.sign_chain(r.subject, events)[0])})
    rows.sort(key=lambda r: r["name"])
    report = verifier.audit([(r["name"], r["bundle"]) for r in rows], manifest["at"])
    ctx = {"trust_list": (path / "trust-list.dsse.json").read_bytes(), "root_keys": (path / "root-keys.txt").read_text().split(),
           "threshold": 1, "at": manifest["at"], "policy": "sale", "chunk": 64, "batch": False, "mode": "history",
           "native_threads": 1, "status_feed": None}
    spark.sparkContext.addPyFile(spark_audit.__file__)
    table = spark_audit.verify_fleet(spark, spark.createDataFrame([(r["name"], r["bundle"]) for r in rows], "name string, bundle string"), ctx)
    got = sorted(finding_key(f["code"], f["subject"], f["evidence"]) for f in
                 (r.asDict(recursive=True) for r in spark_audit.fleet_findings(table).collect()))
    want = sorted(finding_key(f.code, f.subject, f.evidence) for f in report.failures)
    assert got == want
    assert {k[0] for k in want} == {"audit.scrapped_part_reused", "audit.part_in_two_robots"}


def test_without_a_feed_every_robot_is_denied_by_the_core(fleet):
    """No status feed: the core denies every robot (`access.evidence_stale`: a history alone is
    never the registry's word); the job copies no rule of its own."""
    path, manifest = fleet
    rows = [json.loads(line) for line in next((path / "bundles").glob("*.jsonl")).read_text().splitlines()[:20]]
    ctx = {"trust_list": (path / "trust-list.dsse.json").read_bytes(), "root_keys": (path / "root-keys.txt").read_text().split(),
           "threshold": 1, "at": manifest["at"], "policy": "sale", "chunk": 8, "batch": False, "mode": "history",
           "native_threads": 1, "status_feed": None}
    out = list(spark_audit.verify_partition(((r["name"], r["bundle"]) for r in rows), ctx))
    columns = spark_audit.ROBOT_SCHEMA.fieldNames()
    decisions = [dict(zip(columns, row)) for row in out]
    assert len(decisions) == len(rows)
    assert all(d["access_decision"] == "denied" and "access.evidence_stale" in d["access_codes"] for d in decisions)

"""The ERP example runs end to end on its sample data (examples/erp-python)."""

import csv
import importlib.util
import subprocess
import sys

from conftest import REPO

EXAMPLE = REPO / "examples" / "erp-python"


def load_example():
    spec = importlib.util.spec_from_file_location("erp_verify", EXAMPLE / "erp_verify.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_erp_example_on_its_sample_data(tmp_path, capsys):
    out = tmp_path / "results.csv"
    assert load_example().main(["--out", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["history"] for r in rows] == [
        "accepted",
        "not checked",
        "accepted",
        "rejected",
        "indeterminate",
        "none on file",
        "not checked",
        "accepted",
        "accepted",
    ]
    assert [r["market_access"] for r in rows] == [
        "allowed",
        "denied",
        "allowed",
        "denied",
        "denied",
        "denied",
        "denied",
        "denied",
        "denied",
    ]
    assert [r["reason_codes"] for r in rows] == [
        "",
        "access.code_invalid",
        "",
        "access.evidence_unverifiable signature.invalid",
        "access.evidence_unverifiable signer.unknown",
        "access.no_evidence",
        "access.code_invalid",
        "access.scrapped",
        "access.recall_open recall.open",
    ]
    assert rows[1]["code_error"] == "code.check_failed"
    assert rows[1]["error_position"] == "28"
    assert rows[1]["suggestions"] == "86-0042-A3W0F5-0000000001002-7JPE"
    assert rows[6]["code_error"] == "code.wrong_length"
    assert [r["lifecycle_status"] for r in rows][7:] == ["scrapped", "active"]
    assert rows[8]["open_recalls"] == "R-2026-007"
    assert rows[0]["owner"] == "cust-8841" and rows[0]["events"] == "4"
    printed = capsys.readouterr().out
    assert "did you mean 86-0042-A3W0F5-0000000001002-7JPE?" in printed
    assert "9 robots, sale: 2 allowed, 7 denied" in printed


def test_listing_policy_gives_the_same_refusals(tmp_path):
    out = tmp_path / "results.csv"
    assert load_example().main(["--out", str(out), "--policy", "listing"]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        decisions = [r["market_access"] for r in csv.DictReader(f)]
    assert decisions.count("allowed") == 2 and decisions.count("denied") == 7


def test_without_the_registrys_feed_a_history_is_not_enough(tmp_path, capsys):
    """The registry's word is what a decision rests on: without the status feed, the robots
    allowed with it are denied (access.evidence_stale); with an unknown version it is refused."""
    out = tmp_path / "results.csv"
    assert load_example().main(["--out", str(out), "--status-feed", "none"]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["market_access"] for r in rows].count("allowed") == 0
    assert rows[0]["reason_codes"] == "access.evidence_stale"
    # A feed older than the highest version seen is a rollback: not used, and said so.
    capsys.readouterr()
    assert load_example().main(["--out", str(out), "--status-feed-version", "2"]) == 0
    captured = capsys.readouterr()
    assert "status_feed.rollback" in captured.err and "9 robots, sale: 9 denied" in captured.out


def test_sample_data_is_what_the_generator_makes(tmp_path):
    """The shipped sample data has not drifted from make_sample_data.py (it is deterministic)."""
    copy = tmp_path / "erp-python"
    copy.mkdir()
    (copy / "make_sample_data.py").write_bytes((EXAMPLE / "make_sample_data.py").read_bytes())
    subprocess.run([sys.executable, str(copy / "make_sample_data.py")], check=True,
                   capture_output=True)
    shipped = sorted(p.relative_to(EXAMPLE / "sample") for p in (EXAMPLE / "sample").rglob("*")
                     if p.is_file())
    made = sorted(p.relative_to(copy / "sample") for p in (copy / "sample").rglob("*")
                  if p.is_file())
    assert shipped == made and len(made) == 11
    for rel in made:
        assert (copy / "sample" / rel).read_bytes() == (EXAMPLE / "sample" / rel).read_bytes(), rel

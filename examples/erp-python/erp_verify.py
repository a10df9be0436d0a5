"""Check an ERP inventory of humanoid robots with hrid, and write a CSV of results.

For each row of the inventory (columns ``code``, ``model``, ``location``):

1. the identity code is validated; an invalid code is reported with its reason code and hrid's
   suggested corrections (never applied automatically);
2. every attestation envelope of the robot (``<envelopes>/<canonical code>/*.json``) is verified
   against the trust list, at one verification time, in one bulk call;
3. a market-access decision is left to :func:`market_access_decision` (a hook: the decision needs
   the robot's full history and recalls, which hrid will verify in a later release).

Usage (see README.md)::

    python erp_verify.py --out results.csv
    python erp_verify.py --inventory inv.csv --envelopes dir/ --trust-list tl.json \\
        --root-keys keys.txt --threshold 1 --at 2026-03-01T00:00:00+00:00 --out results.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence

import hrid

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample"

COLUMNS = [
    "row",
    "code_as_entered",
    "model",
    "location",
    "code_status",
    "canonical_code",
    "code_error",
    "error_position",
    "suggestions",
    "envelopes",
    "accepted",
    "rejected",
    "indeterminate",
    "attestation_status",
    "reason_codes",
    "market_access",
]


def progress(items: Sequence, description: str) -> Iterable:
    """A tqdm progress bar on a terminal; plain iteration when piped or without tqdm."""
    if not sys.stderr.isatty():
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc=description, unit="robot", file=sys.stderr)


def parse_time(text: str) -> datetime:
    """An ISO 8601 time with a UTC offset (naive times are refused, as hrid refuses them)."""
    if text == "now":
        return datetime.now(timezone.utc)
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise SystemExit(f"--at {text!r} has no UTC offset; write e.g. {text}+08:00")
    return value


def load_verifier(trust_list: Path, root_keys: Path, threshold: int, at: datetime) -> hrid.Verifier:
    keys = [
        hrid.VerifyingKey.from_hex(line.strip())
        for line in root_keys.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # highest_seen_version: a real ERP persists the highest version it has accepted.
    verified = hrid.TrustList.verify(trust_list.read_bytes(), keys, threshold, 0, at)
    for warning in verified.warnings:
        print(f"warning: trust list: {warning.code}: {warning.detail}", file=sys.stderr)
    return hrid.Verifier(verified)


def envelopes_of(folder: Path, code: hrid.IdentityCode) -> List[bytes]:
    robot = folder / code.canonical
    if not robot.is_dir():
        return []
    return [p.read_bytes() for p in sorted(robot.glob("*.json"))]


def market_access_decision(
    code: hrid.IdentityCode, reports: List[hrid.VerificationReport]
) -> Optional[str]:
    """Hook for the market-access decision (allowed / blocked / needs review).

    The decision is the core's, from the robot's verified history, open recalls and suspensions:
    hrid's history, recall and market-access APIs are not released yet. Until then this returns
    None and the CSV column stays empty. When they land, replace the body with the core's call,
    for example ``hrid.access.decide(history, recalls, at).decision``.
    """
    return None


def check_inventory(
    rows: List[Dict[str, str]], verifier: hrid.Verifier, envelopes: Path, at: datetime
) -> Iterator[Dict[str, object]]:
    # Codes first, in one bulk call (the GIL is released while the core checks them).
    reports = hrid.code.check_many([r.get("code") or "" for r in rows])
    for n, (row, report) in enumerate(zip(progress(rows, "robots"), reports), start=1):
        out: Dict[str, object] = {c: "" for c in COLUMNS}
        out.update(
            row=n,
            code_as_entered=row.get("code", ""),
            model=row.get("model", ""),
            location=row.get("location", ""),
        )
        if not report.valid:
            error = report.error or {}
            out.update(
                code_status="invalid",
                code_error=error.get("code", ""),
                error_position="" if error.get("position") is None else error["position"],
                suggestions=" ".join(s.code.display_form for s in report.suggestions),
                attestation_status="not checked",
            )
            yield out
            continue
        code = hrid.IdentityCode(report.canonical or "")
        out.update(code_status="valid", canonical_code=code.canonical)
        documents = envelopes_of(envelopes, code)
        results = verifier.verify_many(documents, at)
        verdicts = Counter(r.verdict for r in results)
        failures = sorted({f.code for r in results for f in r.failures + r.warnings})
        if not results:
            status = "no attestations"
        elif verdicts["rejected"]:
            status = "rejected"
        elif verdicts["indeterminate"]:
            status = "indeterminate"
        else:
            status = "accepted"
        # A robot's status is its worst envelope's verdict; the subject of each accepted
        # statement must be the robot itself.
        for r in results:
            if r.statement and r.statement["statement"]["subject"] != code.canonical:
                status, failures = "rejected", failures + ["erp.wrong_robot"]
        decision = market_access_decision(code, results)
        out.update(
            envelopes=len(results),
            accepted=verdicts["accepted"],
            rejected=verdicts["rejected"],
            indeterminate=verdicts["indeterminate"],
            attestation_status=status,
            reason_codes=" ".join(failures),
            market_access=decision or "",
        )
        yield out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inventory", type=Path, default=SAMPLE / "inventory.csv")
    parser.add_argument("--envelopes", type=Path, default=SAMPLE / "envelopes")
    parser.add_argument("--trust-list", type=Path, default=SAMPLE / "trust-list.dsse.json")
    parser.add_argument("--root-keys", type=Path, default=SAMPLE / "root-keys.txt",
                        help="trusted root public keys, 64 hex digits per line")
    parser.add_argument("--threshold", type=int, default=1, help="root signatures required")
    parser.add_argument("--at", default="2026-03-01T00:00:00+00:00",
                        help="verification time, ISO 8601 with offset, or 'now'")
    parser.add_argument("--out", type=Path, required=True, help="results CSV to write")
    args = parser.parse_args(argv)

    at = parse_time(args.at)
    try:
        verifier = load_verifier(args.trust_list, args.root_keys, args.threshold, at)
    except hrid.HridError as e:
        print(f"error: the trust list was refused: {e.code}: {e}", file=sys.stderr)
        return 1
    with args.inventory.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))

    results = list(check_inventory(rows, verifier, args.envelopes, at))
    with args.out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(results)

    for r in results:
        if r["code_status"] == "invalid":
            hint = f"; did you mean {r['suggestions']}?" if r["suggestions"] else ""
            print(f"row {r['row']}: invalid code {r['code_as_entered']!r} ({r['code_error']}){hint}")
    summary = Counter(str(r["attestation_status"]) for r in results)
    print(f"{len(results)} robots: " + ", ".join(f"{n} {s}" for s, n in sorted(summary.items())))
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

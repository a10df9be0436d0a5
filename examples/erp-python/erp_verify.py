"""Check an ERP inventory of humanoid robots with hrid, and write a CSV of results.

For each row of the inventory (columns ``code``, ``model``, ``location``):

1. the identity code is validated; an invalid code is reported with its reason code and hrid's
   suggested corrections (never applied automatically);
2. the robot's history bundle (``<histories>/<canonical code>.json``: its attestation envelopes
   in chain order and the recall notices that concern it) is verified against the trust list, all
   robots in one bulk call (the GIL is released while the core works);
3. the core decides market access for the chosen policy (``sale`` by default): denied for a
   robot with no valid code, no verified history, scrapped, suspended or under an open recall,
   or without the registry's recent word: a history alone is the seller's evidence, so a
   decision needs the registry's status feed (``--status-feed``, verified against the same
   trust list and current at ``--at``), which also holds each history against the registry's
   records (its recalls in force apply; a history cut short is ``history.registry_conflict``).

Usage (see README.md)::

    python erp_verify.py --out results.csv
    python erp_verify.py --inventory inv.csv --histories dir/ --trust-list tl.json \\
        --root-keys keys.txt --threshold 1 --status-feed feed.json --policy listing --at now \\
        --out results.csv
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
    "history",
    "events",
    "lifecycle_status",
    "owner",
    "open_recalls",
    "market_access",
    "reason_codes",
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


def load_verifier(
    trust_list: Path, root_keys: Path, threshold: int, at: datetime
) -> hrid.Verifier:
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


def load_status_feed(
    verifier: hrid.Verifier, path: Optional[Path], at: datetime, highest_seen_version: int
) -> Optional[hrid.StatusFeed]:
    """The registry's status feed in ``path``, verified at ``at``; None (with the reasons on
    stderr) when there is none or it is not accepted: decisions then lack the registry's word."""
    if path is None:
        return None
    report = verifier.verify_status_feed(
        path.read_bytes(), at, highest_seen_version=highest_seen_version
    )
    for finding in report.failures + report.warnings:
        print(f"status feed: {finding.code}: {finding.detail}", file=sys.stderr)
    if report.feed is None:
        print(f"warning: status feed {path} not used ({report.verdict})", file=sys.stderr)
    return report.feed


def history_of(folder: Path, code: hrid.IdentityCode) -> Optional[bytes]:
    path = folder / f"{code.canonical}.json"
    return path.read_bytes() if path.is_file() else None


def check_inventory(
    rows: List[Dict[str, str]],
    verifier: hrid.Verifier,
    histories: Path,
    at: datetime,
    policy: str = "sale",
    status_feed: Optional[hrid.StatusFeed] = None,
) -> Iterator[Dict[str, object]]:
    # Codes first, in one bulk call (the GIL is released while the core checks them).
    reports = hrid.code.check_many([r.get("code") or "" for r in rows])
    codes = [hrid.IdentityCode(r.canonical) if r.valid and r.canonical else None for r in reports]
    bundles = {c.canonical: b for c in codes if c for b in [history_of(histories, c)] if b}
    # Every history in one bulk call, held against the registry's feed; the audit also runs the
    # cross-robot checks.
    audit = verifier.audit(bundles, at, status_feed=status_feed)
    history_reports = dict(audit.robots)
    for finding in audit.failures:
        print(f"fleet: {finding.code}: {finding.detail}", file=sys.stderr)

    for n, (row, report, code) in enumerate(zip(progress(rows, "robots"), reports, codes), start=1):
        out: Dict[str, object] = {c: "" for c in COLUMNS}
        out.update(
            row=n,
            code_as_entered=row.get("code", ""),
            model=row.get("model", ""),
            location=row.get("location", ""),
        )
        if code is None:
            error = report.error or {}
            out.update(
                code_status="invalid",
                code_error=error.get("code", ""),
                error_position="" if error.get("position") is None else error["position"],
                suggestions=" ".join(s.code.display_form for s in report.suggestions),
                history="not checked",
                market_access="denied",
                reason_codes="access.code_invalid",
            )
            yield out
            continue
        out.update(code_status="valid", canonical_code=code.canonical)
        bundle = bundles.get(code.canonical)
        history = history_reports.get(code.canonical)
        if history is not None:
            health = history.health or {}
            out.update(
                history=history.verdict,
                events=(history.head or {}).get("seq", -1) + 1 if history.head else "",
                lifecycle_status=health.get("status", ""),
                owner=health.get("owner") or "",
                open_recalls=" ".join(health.get("open_recalls") or []),
            )
        else:
            out.update(history="none on file")
        # The market-access decision is the core's, the same on every surface (docs/histories.md).
        decision = verifier.decide_access(
            code.canonical, policy, at, history=bundle, status_feed=status_feed
        )
        out.update(
            market_access=decision.decision,
            reason_codes=" ".join(
                sorted({str(f.code) for f in decision.failures + decision.warnings})
            ),
        )
        yield out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inventory", type=Path, default=SAMPLE / "inventory.csv")
    parser.add_argument("--histories", type=Path, default=SAMPLE / "histories",
                        help="folder of history bundles, one <canonical code>.json per robot")
    parser.add_argument("--trust-list", type=Path, default=SAMPLE / "trust-list.dsse.json")
    parser.add_argument("--root-keys", type=Path, default=SAMPLE / "root-keys.txt",
                        help="trusted root public keys, 64 hex digits per line")
    parser.add_argument("--threshold", type=int, default=1, help="root signatures required")
    parser.add_argument("--at", default="2026-03-01T00:00:00+00:00",
                        help="verification time, ISO 8601 with offset, or 'now'")
    parser.add_argument("--status-feed", default=str(SAMPLE / "status-feed.json"),
                        help="the registry's status feed document, or 'none'")
    parser.add_argument("--status-feed-version", type=int, default=0,
                        help="the highest feed version accepted before (persist it)")
    parser.add_argument("--policy", choices=["listing", "sale", "deployment"], default="sale",
                        help="what market access is decided for")
    parser.add_argument("--out", type=Path, required=True, help="results CSV to write")
    args = parser.parse_args(argv)

    at = parse_time(args.at)
    try:
        verifier = load_verifier(args.trust_list, args.root_keys, args.threshold, at)
    except hrid.HridError as e:
        print(f"error: the trust list was refused: {e.code}: {e}", file=sys.stderr)
        return 1
    feed_path = None if args.status_feed == "none" else Path(args.status_feed)
    feed = load_status_feed(verifier, feed_path, at, args.status_feed_version)
    with args.inventory.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))

    results = list(check_inventory(rows, verifier, args.histories, at, args.policy, feed))
    with args.out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(results)

    for r in results:
        if r["code_status"] == "invalid":
            hint = f"; did you mean {r['suggestions']}?" if r["suggestions"] else ""
            print(f"row {r['row']}: invalid code {r['code_as_entered']!r} ({r['code_error']}){hint}")
        elif r["market_access"] == "denied":
            print(f"row {r['row']}: {r['canonical_code']}: {args.policy} denied ({r['reason_codes']})")
    summary = Counter(str(r["market_access"]) for r in results)
    print(f"{len(results)} robots, {args.policy}: "
          + ", ".join(f"{n} {s}" for s, n in sorted(summary.items())))
    print(f"results written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The kept cases of model/cases/*.json, as small hand-made worlds (regenerate the files with
`python -m tests.cases_source` from model/). Each is either a disagreement between the docs (as
the model reads them) and the core, expected to fail until the core or the docs change (`D*`),
or an answer the docs did not give until this model asked (`C*`), which both must keep giving.
Cases with a `found_by` field (C10) are generated worlds kept as found, not written here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hrid_model import passport
from hrid_model.build import DAY, T0, public, seed

from .probe import world
from .worlds import SUBJECT

CASES: list[dict[str, Any]] = [
    {
        "id": "D1", "kind": "clarified",
        "title": "a robot dismantled and later scrapped: status dismantled (docs) or scrapped (core)",
        "rule": "docs/histories.md section 4, status: 'dismantled after dismantled; else scrapped after scrapped'",
        "world": world([("manufactured", 0), ("registered", 1), ("dismantled", 2), ("scrapped", 3)],
                       custody_at=T0 + 4 * DAY),
    },
    {
        "id": "D2", "kind": "clarified",
        "title": "custody firmware when a firmware update precedes the manufacture statement",
        "rule": "docs/histories.md section 7, firmware: 'the last software_updated of firmware, else the factory firmware of manufactured'",
        "world": world([("software_updated", 0), ("manufactured", 1)], custody_at=T0 + 2 * DAY),
    },
    {
        "id": "D3", "kind": "clarified",
        "title": "a remedy naming an accepted recall notice that does not cover this robot is reported as recall.remedy_unknown",
        "rule": "docs/histories.md section 3: remedy_unknown is for 'a recall that is not among the bundle's accepted notices'",
        "world": world([("manufactured", 0), ("registered", 1), ("recall_remedied", 3)], recalls=[
            {"issuer": "samr", "population": {"manufacturer": "0077", "models": [], "unit_ranges": [], "codes": []}}]),
    },
    {
        "id": "D4", "kind": "clarified",
        "title": "an event after scrapped at position 1 also draws lifecycle.registration_not_second",
        "rule": "docs/histories.md section 2.2: 'Events after scrapped are reported and not otherwise evaluated'",
        "world": world([("scrapped", 0), ("decommissioned", 1)]),
    },
    {
        "id": "D5", "kind": "clarified",
        "title": "a percentage of 256 or more is statement.field_invalid like 101 (fixed in the core: percentages are read as any unsigned integer, then range-checked)",
        "rule": "docs/attestations.md section 3: 'battery_soh_percent 0..100'; 'Percentages above 100 ... are statement.field_invalid'",
        "world": world([("manufactured", 0), ("registered", 1),
                        ("telemetry", 2, {"raw_edits": [('"battery_soh_percent":97', '"battery_soh_percent":256')]})]),
    },
    {
        "id": "C1", "kind": "clarified",
        "title": "a key past valid_until and compromised at the same second: key.compromised",
        "rule": "docs/attestations.md section 5 step 7 (clarified: the gravest status wins)",
        "world": world([("manufactured", 10), ("registered", 11)],
                       key_window={"acme": {"valid_until": T0 + 10 * DAY, "compromised_since": T0 + 10 * DAY}}),
    },
    {
        "id": "C2", "kind": "clarified",
        "title": "a key not yet valid and reported compromised later: key.not_yet_valid, no key.compromised_later",
        "rule": "docs/attestations.md section 5 step 7 (clarified: the warning only beside key.valid)",
        "world": world([("manufactured", 0), ("registered", 1)],
                       key_window={"acme": {"valid_from": T0 + DAY, "compromised_since": T0 + 5 * DAY}}),
    },
    {
        "id": "C3", "kind": "clarified",
        "title": "compromised_since written as null reads as absent",
        "rule": "docs/attestations.md section 4 (clarified)",
        "world": world([("manufactured", 0), ("registered", 1)], key_window={"acme": {"compromised_since": None}}),
    },
    {
        "id": "C4", "kind": "clarified",
        "title": "an empty history still reads its recall notices, and reports no trust-list standing",
        "rule": "docs/histories.md sections 1 and 2 (clarified)",
        "world": world([], recalls=[{"population": {"manufacturer": None, "models": [], "unit_ranges": [],
                                                    "codes": ["860042A3W0F50000000012345ZAR2"]}}],
                       at=T0 + 366 * DAY, trust_list_at=T0 + 300 * DAY),
    },
    {
        "id": "C5", "kind": "clarified",
        "title": "decide_access: a rejected history contributes its failures, not its warnings",
        "rule": "docs/histories.md section 5 step 4 (clarified)",
        "world": world([("manufactured", 0), ("registered", 1), ("recall_remedied", 2), ("telemetry", 3),
                        ("telemetry", 4, {"event": {"operating_hours": 9}})]),
    },
    {
        "id": "C6", "kind": "clarified",
        "title": "custody: no manufacture on record at the moment, no status",
        "rule": "docs/histories.md section 7, status (clarified)",
        "world": world([("telemetry", 0), ("manufactured", 1)], custody_at=T0 + DAY // 2),
    },
    {
        "id": "C8", "kind": "clarified",
        "title": "depth counts objects and arrays only: an array at depth 32 holding a number is not too deep",
        "rule": "docs/attestations.md section 6, max_depth (clarified)",
        "world": world([("manufactured", 0, {"raw_edits": [('"components":[', '"components":[' + "[" * 29 + "1" + "]" * 29 + ",")]}),
                        ("manufactured", 1, {"raw_edits": [('"components":[', '"components":[' + "[" * 30 + "1" + "]" * 30 + ",")]}),
                        ("registered", 2)]),
    },
    {
        "id": "C9", "kind": "clarified",
        "title": "decide_access: a passport without a history head beside an accepted history is no conflict",
        "rule": "docs/histories.md section 5 step 5 (clarified)",
        "world": world([("manufactured", 0), ("registered", 1)], passport=passport.sign(passport.frame_bytes(
            "active", SUBJECT, None, bytes(16), T0 + 150 * DAY, T0 + 250 * DAY, public("registry#0")), seed("registry#0"))),
    },
    {
        "id": "C7", "kind": "clarified",
        "title": "a registration after a suspension does not lift it: suspended",
        "rule": "docs/histories.md section 4, status: 'suspended after a suspended not followed by reinstated'",
        "world": world([("manufactured", 0), ("registered", 1), ("suspended", 2), ("registered", 3)],
                       custody_at=T0 + 3 * DAY),
    },
]

def _padded(extra: int) -> dict[str, Any]:
    """The second envelope of a bundle padded with spaces inside it to 65,536 + extra bytes."""
    w = world([("manufactured", 0), ("registered", 1)])
    text = w["bundle"]
    i = text.index('{"payloadType"', text.index('{"payloadType"') + 1)
    size = len(json.dumps(json.loads(text)["attestations"][1], separators=(",", ":")))
    return w | {"bundle": text[: i + 1] + " " * (65_536 - size + extra) + text[i + 1:]}


CASES += [
    {
        "id": "C11", "kind": "clarified",
        "title": "an envelope inside a bundle is measured in its exact bytes: 65,536 is within the limit",
        "rule": "docs/histories.md section 1 ('read from its exact bytes inside the bundle'), docs/attestations.md section 6",
        "world": _padded(0),
    },
    {
        "id": "C12", "kind": "clarified",
        "title": "an envelope inside a bundle is measured in its exact bytes: 65,537 is envelope.too_large",
        "rule": "docs/histories.md section 1, docs/attestations.md section 6",
        "world": _padded(1),
    },
]

if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "cases"
    out.mkdir(exist_ok=True)
    for case in CASES:
        (out / f"{case['id']}.json").write_text(json.dumps(case, indent=1) + "\n", encoding="utf-8")

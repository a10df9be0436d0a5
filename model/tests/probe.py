"""Small hand-made worlds for minimising disagreements: a chain from (type, issuer, time, fields)."""

from __future__ import annotations

from typing import Any

from hrid_model.build import DAY, T0, bundle, compact, public, sign_envelope
from hrid_model.envelope import RECALL

from .worlds import CAST, DEFAULT_PERMISSIONS, ROOTS, SUBJECT, sign_chain, sign_trust_list

EVENT_DEFAULTS: dict[str, dict[str, Any]] = {
    "manufactured": {"model": "A3W0F5", "production_date": T0, "firmware": "1.0.0",
                     "components": [{"kind": "actuator", "serial": "ACT-1"}, {"kind": "battery_pack", "serial": "BAT-1"}]},
    "shipped": {"to": "metro"}, "received": {"from": "fastship"}, "sold": {"buyer": "cityops"},
    "transferred": {"to": "green"}, "deployed": {"site": "warehouse-7", "use_category": "industrial"},
    "telemetry": {"operating_hours": 10, "battery_soh_percent": 97, "battery_cycles": 5, "joints": []},
    "maintained": {"summary": "inspected"},
    "part_replaced": {"serial_in": "ACT-2", "serial_out": "ACT-1", "kind": "actuator"},
    "software_updated": {"component": "firmware", "version": "2.0.0", "digest": "02" * 32,
                         "previous_digest": None, "dataset_digest": None},
    "recall_remedied": {"recall_id": "R-1"}, "suspended": {"reason": "investigation"},
    "dismantled": {"harvested_serials": []},
}
ISSUER = {"manufactured": "acme", "registered": "registry", "shipped": "acme", "received": "metro",
          "sold": "metro", "transferred": "metro", "deployed": "cityops", "telemetry": "cityops",
          "maintained": "fixit", "part_replaced": "fixit", "software_updated": "fixit",
          "recall_remedied": "fixit", "suspended": "registry", "reinstated": "registry",
          "decommissioned": "registry", "scrapped": "green", "dismantled": "green"}


def trust_list_doc(**key_window: Any) -> dict[str, Any]:
    participants = []
    for pid, roles, scope in CAST:
        p: dict[str, Any] = {"id": pid, "name": pid, "roles": roles}
        if scope:
            p["scope"] = {"manufacturers": scope}
        k = {"public_key": public(f"{pid}#0").hex(), "valid_from": T0 - 30 * DAY, "valid_until": T0 + 400 * DAY}
        k |= key_window.get(pid, {})
        p["keys"] = [k]
        participants.append(p)
    return {"version": 1, "issued_at": T0 - 60 * DAY, "expires_at": T0 + 365 * DAY,
            "roots": {"threshold": 1, "keys": [public(ROOTS[0]).hex()]},
            "participants": participants, "permissions": DEFAULT_PERMISSIONS}


def world(
    events: list[tuple[str, int] | tuple[str, int, dict[str, Any]]], at: int | None = None,
    recalls: list[dict[str, Any]] | None = None, custody_at: int | None = None,
    key_window: dict[str, dict[str, Any]] | None = None, **extra: Any,
) -> dict[str, Any]:
    """events: (type, day offset from T0[, overrides of the spec]) -> a world for differences()."""
    specs = []
    for e in events:
        typ, day = e[0], e[1]
        over: dict[str, Any] = e[2] if len(e) > 2 else {}
        ev = {"type": typ} | EVENT_DEFAULTS.get(typ, {}) | over.pop("event", {})
        specs.append({"time": T0 + day * DAY, "issuer": ISSUER[typ], "event": ev, "subject": SUBJECT} | over)
    envs = [e for e, _ in sign_chain(specs, {})]
    notices = []
    for n in recalls or []:
        doc = {"recall_id": "R-1", "issuer": "acme", "issued_at": T0,
               "population": {"manufacturer": "0042", "models": [], "unit_ranges": [], "codes": []},
               "defect": "d", "remedy": "r"} | n
        notices.append(sign_envelope(RECALL, compact(doc), [f"{doc['issuer']}#0"]))
    at = at if at is not None else T0 + 200 * DAY
    w = {
        "anchor": {"keys": [public(ROOTS[0]).hex()], "threshold": 1}, "highest_seen_version": 0,
        "trust_list": sign_trust_list(trust_list_doc(**(key_window or {})), [ROOTS[0]]),
        "trust_list_at": at, "at": at, "bundle": bundle(SUBJECT, envs, notices), "envelope": None,
        "passport": None, "newest_seen": None, "expected_subject": None, "code": SUBJECT,
        "policy": "sale", "access_history": True,
        "custody_at": custody_at if custody_at is not None else at, "audit": None,
    }
    return w | extra

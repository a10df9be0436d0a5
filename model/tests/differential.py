"""One world, judged by the model and by the core (through the Python binding); the differences.

A world is plain JSON (so that a disagreement can be kept as a file under model/cases/):
  anchor {keys, threshold}, highest_seen_version, trust_list (envelope text), trust_list_at,
  at, bundle (text), envelope (one attestation envelope, text or null), passport (text or null),
  newest_seen, expected_subject, code, policy, custody_at, audit (list of bundle texts or null).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

import hrid

from hrid_model import access, attestation, audit, compat, custody, history, passport, trust

World = dict[str, Any]


def codes(findings: list[Any]) -> list[str]:
    return sorted(f.code if hasattr(f, "code") else f for f in findings)


def _core_trust_list(w: World) -> tuple[Any, dict[str, Any]]:
    keys = [hrid.VerifyingKey.from_hex(k) for k in w["anchor"]["keys"]]
    try:
        t = hrid.TrustList.verify(
            w["trust_list"].encode(), keys, w["anchor"]["threshold"], w["highest_seen_version"],
            w["trust_list_at"],
        )
    except hrid.HridError as e:
        return None, {"error": e.code}
    return t, {"version": t.version, "warnings": codes(t.warnings)}


def _model_trust_list(w: World) -> tuple[trust.Verifier | None, dict[str, Any]]:
    try:
        v = trust.verify(
            w["trust_list"].encode(), [bytes.fromhex(k) for k in w["anchor"]["keys"]],
            w["anchor"]["threshold"], w["highest_seen_version"], w["trust_list_at"],
        )
    except trust.TrustListError as e:
        return None, {"error": e.code}
    return trust.Verifier(v.trust_list), {"version": v.trust_list.version, "warnings": sorted(v.warnings)}


def _sets(failures: list[str], warnings: list[str], passed: list[str]) -> dict[str, Any]:
    return {"failures": sorted(set(failures)), "warnings": sorted(set(warnings)), "passed": sorted(set(passed))}


def judge_core(w: World) -> dict[str, Any]:
    t, out = _core_trust_list(w)
    result: dict[str, Any] = {"trust_list": out}
    if t is None:
        return result
    if w.get("update"):
        try:
            u = t.verify_update(w["update"].encode(), w["trust_list_at"])
            result["update"] = {"version": u.version, "warnings": codes(u.warnings)}
        except hrid.HridError as e:
            result["update"] = {"error": e.code}
    v = hrid.Verifier(t)
    if w.get("envelope") is not None:
        r = v.verify(w["envelope"].encode(), w["at"])
        result["attestation"] = {
            "verdict": r.verdict, "failures": [f.code for f in r.failures],
            "warnings": [f.code for f in r.warnings], "passed": [f.code for f in r.passed],
        }
    h = v.verify_history(w["bundle"].encode(), w["at"])
    health: dict[str, Any] = dict(h.health or {})
    result["history"] = {
        "verdict": h.verdict, **_sets(codes(h.failures), codes(h.warnings), codes(h.passed)),
        "failure_counts": dict(Counter(codes(h.failures))),
        "status": health.get("status"), "head": dict(h.head or {}).get("statement_hash"),
        "open_recalls": sorted(health.get("open_recalls") or []),
    }
    if w.get("passport") is not None:
        p = v.verify_passport(
            w["passport"], w["at"], expected_subject=w.get("expected_subject"),
            newest_seen=w.get("newest_seen"),
        )
        pp: dict[str, Any] = dict(p.passport or {})
        result["passport"] = {
            "verdict": p.verdict, **_sets(codes(p.failures), codes(p.warnings), codes(p.passed)),
            "status": pp.get("status"), "subject": pp.get("subject"), "head_seq": pp.get("head_seq"),
        }
    d = v.decide_access(
        w["code"], w["policy"], w["at"], passport=w.get("passport"),
        history=w["bundle"].encode() if w.get("access_history", True) else None,
    )
    result["access"] = {
        "decision": d.decision, "status": d.status,
        **_sets(codes(d.failures), codes(d.warnings), codes(d.passed)),
    }
    c = v.custody(w["bundle"].encode(), w["custody_at"], w["at"])
    result["custody"] = {
        "verdict": c.verdict, **_sets(codes(c.failures), codes(c.warnings), codes(c.passed)),
        "status": dict(c.status or {}).get("status"), "owner": _proof(c.owner, "owner"),
        "operator": _proof(c.operation, "operator"), "maintenance": _proof(c.last_maintenance, "maintainer"),
        "firmware": dict(c.firmware or {}).get("version"), "ai_profile": _proof(c.ai_profile, "version"),
        "telemetry_before": _proof(c.telemetry_before, None),
        "telemetry_after": _proof(c.telemetry_after, None),
        "recalls": sorted((r["recall_id"], r["state"]) for r in c.recalls),
    }
    if w.get("audit"):
        a = v.audit([(f"r{i}", b.encode()) for i, b in enumerate(w["audit"])], w["at"])
        result["audit"] = {
            "verdict": a.verdict, "failures": sorted(set(codes(a.failures))),
            "robots": [r.verdict for _, r in a.robots],
        }
    return result


def _proof(answer: Mapping[str, Any] | None, key: str | None) -> Any:
    if not answer:
        return None
    value = answer.get(key) if key else None
    return [value, answer["proof"]["statement_hash"]]


def judge_model(w: World) -> dict[str, Any]:
    v, out = _model_trust_list(w)
    result: dict[str, Any] = {"trust_list": out}
    if v is None:
        return result
    if w.get("update"):
        try:
            u = trust.verify_update(w["update"].encode(), v.trust_list, w["trust_list_at"])
            result["update"] = {"version": u.trust_list.version, "warnings": sorted(u.warnings)}
        except trust.TrustListError as e:
            result["update"] = {"error": e.code}
    if w.get("envelope") is not None:
        r = attestation.verify(v, w["envelope"].encode(), w["at"])
        result["attestation"] = {
            "verdict": r.verdict, "failures": r.findings.failures,
            "warnings": r.findings.warnings, "passed": r.findings.passed,
        }
    h = history.verify_history(v, w["bundle"].encode(), w["at"])
    result["history"] = {
        "verdict": h.verdict, **_sets(h.findings.failures, h.findings.warnings, h.findings.passed),
        "failure_counts": dict(Counter(sorted(h.findings.failures))),
        "status": h.health.status if h.health else None,
        "head": h.health.head_hash if h.health else None,
        "open_recalls": sorted(h.health.open_recalls) if h.health else [],
    }
    if w.get("passport") is not None:
        p = passport.verify(
            v, w["passport"], w["at"], expected_subject=w.get("expected_subject"),
            newest_seen=w.get("newest_seen"),
        )
        pp = p.passport
        result["passport"] = {
            "verdict": p.verdict, **_sets(p.findings.failures, p.findings.warnings, p.findings.passed),
            "status": pp.status if pp else None, "subject": pp.subject if pp else None,
            "head_seq": pp.head_seq if pp else None,
        }
    d = access.decide_access(
        v, w["code"], w["policy"], w["at"], passport=w.get("passport"),
        history=w["bundle"].encode() if w.get("access_history", True) else None,
    )
    result["access"] = {
        "decision": d.decision, "status": d.status,
        **_sets(d.findings.failures, d.findings.warnings, d.findings.passed),
    }
    c = custody.custody(v, w["bundle"].encode(), w["custody_at"], w["at"])
    a = c.answers

    def pf(x: dict[str, Any] | None, key: str) -> Any:
        return [x[key], x["statement_hash"]] if x else None

    result["custody"] = {
        "verdict": c.verdict, **_sets(c.findings.failures, c.findings.warnings, c.findings.passed),
        "status": a["status"]["status"] if a["status"] else None, "owner": pf(a["owner"], "who"),
        "operator": pf(a["operator"], "who"), "maintenance": pf(a["last_maintenance"], "who"),
        "firmware": a["firmware"]["version"] if a["firmware"] else None, "ai_profile": pf(a["ai_profile"], "version"),
        "telemetry_before": [None, a["telemetry_before"]] if a["telemetry_before"] else None,
        "telemetry_after": [None, a["telemetry_after"]] if a["telemetry_after"] else None,
        "recalls": sorted((r["recall_id"], r["state"]) for r in a["recalls"]),
    }
    if w.get("audit"):
        au = audit.audit(v, [(f"r{i}", b.encode()) for i, b in enumerate(w["audit"])], w["at"])
        result["audit"] = {
            "verdict": au.verdict, "failures": sorted(set(au.findings.failures)),
            "robots": [h.verdict for _, h in au.robots],
        }
    return result


# Disagreements already written down in model/DISAGREEMENTS.md (each kept as an expected-to-fail
# case under model/cases/): a world whose differences all vanish when the model behaves as the
# core does there (hrid_model/compat.py) is counted as known, not failed, so that the random
# search keeps looking for new ones.
def known_disagreement(w: World, diffs: dict[str, tuple[Any, Any]]) -> str | None:
    if not diffs:
        return None
    c = judge_core(w)
    for switches in [{d} for d in compat.KNOWN] + [set(compat.KNOWN)]:
        compat.CORE_BEHAVIOUR.update(switches)
        try:
            m = judge_model(w)
        finally:
            compat.CORE_BEHAVIOUR.clear()
        if not _differences(m, c):
            return "+".join(sorted(switches))
    return None


def differences(w: World) -> dict[str, tuple[Any, Any]]:
    """{surface.field: (model, core)} for every field where the two disagree."""
    return _differences(judge_model(w), judge_core(w))


def _differences(m: dict[str, Any], c: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    diffs: dict[str, tuple[Any, Any]] = {}
    for surface in sorted(set(m) | set(c)):
        ms, cs = m.get(surface, {}), c.get(surface, {})
        for key in sorted(set(ms) | set(cs)):
            if _norm(ms.get(key)) != _norm(cs.get(key)):
                diffs[f"{surface}.{key}"] = (ms.get(key), cs.get(key))
    return diffs


def _norm(x: Any) -> Any:
    if isinstance(x, tuple):
        return [_norm(i) for i in x]
    if isinstance(x, list):
        return [_norm(i) for i in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x

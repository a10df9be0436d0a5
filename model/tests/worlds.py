"""Hypothesis strategies for random signed worlds, and the ways attackers and accidents mutate them.

A world: a trust list (roles, scopes, key windows with compromised_since), one robot's life with
every event type, recall notices, a passport, a moment for custody, a policy; then mutations:
drop, reorder, duplicate, fork, re-sign under another role, tamper, keyid games, times moved to and
across every boundary (key windows, clock skew, trust-list expiry and grace, passport freshness and
grace, equal timestamps), equal and decreasing counters, recall range edges, remedies at exactly
the notice's time, expires_at == issued_at + 1, and raw JSON edits of signed payloads.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from hrid_model import ed25519, passport
from hrid_model.code import ALPHABET, VALUE
from hrid_model.build import DAY, T0, bundle, code, compact, public, seed, sign_envelope, statement_hash
from hrid_model.envelope import ATTESTATION, RECALL, TRUST_LIST, b64decode_strict
from hrid_model.trust import EVENT_TYPES

SKEW = 300
GRACE = 604_800
MODEL = "A3W0F5"
UNIT = "0000000012345"
SUBJECT = code("0042", MODEL, UNIT)
OTHER_SUBJECT = code("0042", MODEL, "0000000012346")
FOREIGN_SUBJECT = code("0077", MODEL, UNIT)

DEFAULT_PERMISSIONS: dict[str, list[str]] = {
    "registry": ["registered", "suspended", "reinstated", "decommissioned"],
    "regulator": ["suspended", "reinstated", "decommissioned"],
    "manufacturer": ["manufactured", "shipped", "software_updated", "recall_remedied", "maintained", "part_replaced", "telemetry"],
    "parts_supplier": [],
    "logistics": ["shipped", "received"],
    "dealer": ["received", "sold", "shipped", "transferred"],
    "operator": ["received", "deployed", "telemetry", "transferred", "decommissioned"],
    "maintainer": ["maintained", "part_replaced", "software_updated", "recall_remedied", "telemetry"],
    "recycler": ["received", "decommissioned", "scrapped", "dismantled"],
}
CAST: list[tuple[str, list[str], list[str] | None]] = [
    ("registry", ["registry"], None),
    ("samr", ["regulator"], None),
    ("acme", ["manufacturer"], ["0042"]),
    ("other-maker", ["manufacturer"], ["0077"]),
    ("parts", ["parts_supplier"], ["0042"]),  # a non-manufacturer whose scope names the maker
    ("metro", ["dealer"], None),
    ("fastship", ["logistics"], None),
    ("cityops", ["operator"], None),
    ("fixit", ["maintainer"], None),
    ("green", ["recycler"], None),
]
ROOTS = ["root-1", "root-2", "root-3"]
NEW_ROOTS = ["root-4", "root-5"]


def key_name(pid: str, i: int) -> str:
    return f"{pid}#{i}"


@st.composite
def trust_lists(draw: Any, tame: bool = False) -> dict[str, Any]:
    """A trust list document and what is needed to sign it; key windows around T0..T0+200d."""
    n_roots = draw(st.integers(1, 3))
    threshold = draw(st.integers(1, n_roots))
    participants = []
    keys: dict[str, list[dict[str, Any]]] = {}
    window_edges = [T0 - 30 * DAY, T0, T0 + 5 * DAY, T0 + 20 * DAY, T0 + 60 * DAY, T0 + 400 * DAY]
    for pid, roles, scope in CAST:
        roles = list(roles)
        if not tame and draw(st.integers(0, 19)) == 0:
            roles.append(draw(st.sampled_from(["regulator", "manufacturer", "dealer", "registry"])))
            roles = list(dict.fromkeys(roles))
            if "manufacturer" in roles and scope is None:
                scope = draw(st.sampled_from([["0042"], ["0077"]]))
        pkeys = []
        for i in range(draw(st.sampled_from([1, 1, 1, 2]))):
            normal = tame or draw(st.integers(0, 5)) > 0
            vf = T0 - 30 * DAY if normal else draw(st.sampled_from(window_edges))
            vu = T0 + 400 * DAY if normal else draw(st.sampled_from([e for e in window_edges if e > vf] or [vf + DAY]))
            k: dict[str, Any] = {"public_key": public(key_name(pid, i)).hex(), "valid_from": vf, "valid_until": vu}
            if draw(st.integers(0, 7)) == 0:  # a tame list learns of it after every event
                k["compromised_since"] = T0 + 300 * DAY if tame else draw(st.sampled_from(window_edges[1:]))
            pkeys.append(k)
        keys[pid] = pkeys
        p: dict[str, Any] = {"id": pid, "name": pid.title(), "roles": roles}
        if scope is not None:
            p["scope"] = {"manufacturers": scope}
        p["keys"] = pkeys
        participants.append(p)
    permissions = {r: list(e) for r, e in DEFAULT_PERMISSIONS.items()}
    if draw(st.integers(0, 2)) == 0:  # the table may let others attest a manufacture (histories.md 2.2)
        permissions["parts_supplier"] = ["manufactured"]
    if not tame and draw(st.integers(0, 9)) == 0:
        role = draw(st.sampled_from(sorted(permissions)))
        permissions[role] = draw(st.lists(st.sampled_from(EVENT_TYPES), unique=True, max_size=4))
    doc = {
        "version": draw(st.integers(1, 3)),
        "issued_at": T0 - 60 * DAY,
        "expires_at": T0 + 365 * DAY,
        "roots": {"threshold": threshold, "keys": [public(r).hex() for r in ROOTS[:n_roots]]},
        "participants": participants,
        "permissions": permissions,
    }
    return {"doc": doc, "roots": ROOTS[:n_roots], "threshold": threshold}


def sign_trust_list(doc: dict[str, Any], signers: list[str]) -> str:
    return sign_envelope(TRUST_LIST, compact(doc), signers)


# ---- a robot's life -------------------------------------------------------------------------

ISSUERS: dict[str, list[str]] = {
    "manufactured": ["acme", "acme", "acme", "parts"], "registered": ["registry"], "shipped": ["acme", "fastship", "metro"],
    "received": ["fastship", "metro", "cityops", "green"], "sold": ["metro"],
    "transferred": ["metro", "cityops"], "deployed": ["cityops"], "telemetry": ["cityops", "acme", "fixit"],
    "maintained": ["fixit", "acme"], "part_replaced": ["fixit", "acme"],
    "software_updated": ["acme", "fixit"], "recall_remedied": ["fixit", "acme"],
    "suspended": ["registry", "samr"], "reinstated": ["registry", "samr"],
    "decommissioned": ["registry", "cityops", "green"], "scrapped": ["green"], "dismantled": ["green"],
}
LATER_TYPES = [t for t in EVENT_TYPES if t != "manufactured"] + ["telemetry", "telemetry", "sold", "deployed", "software_updated"]
DIGESTS = [bytes([i]) * 32 for i in range(1, 6)]


TAME_TYPES = ["shipped", "received", "sold", "transferred", "deployed", "telemetry", "telemetry",
              "maintained", "part_replaced", "software_updated", "recall_remedied", "suspended", "reinstated"]


@st.composite
def lives(draw: Any, recall_ids: list[str], tame: bool = False) -> list[dict[str, Any]]:
    """Statement specs (without seq/prev: those are filled when the chain is built). A tame life
    keeps the rules (mostly: suspensions may still meet sales); the others break them freely."""
    n = draw(st.integers(0, 12))
    pool = TAME_TYPES if tame else LATER_TYPES
    types = ["manufactured", "registered"] + [draw(st.sampled_from(pool)) for _ in range(n)]
    if tame and draw(st.booleans()):
        types.append(draw(st.sampled_from(["decommissioned", "scrapped", "dismantled"])))
    if not tame and draw(st.integers(0, 9)) == 0:
        types = draw(st.permutations(types))
    t = T0 + draw(st.sampled_from([0, DAY, 3 * DAY]))
    hours = cycles = 0
    installed: dict[str, bytes] = {}
    serials = ["ACT-1", "BAT-1"]
    specs = []
    for i, typ in enumerate(types):
        if i:
            t += draw(st.sampled_from([0, 1, 3600, DAY, DAY, 7 * DAY, 30 * DAY]))
        issuer = draw(st.sampled_from(ISSUERS[typ])) if tame or draw(st.integers(0, 11)) else draw(st.sampled_from([c[0] for c in CAST]))
        ev: dict[str, Any] = {"type": typ}
        if typ == "manufactured":
            ev |= {"model": MODEL, "production_date": t + draw(st.sampled_from([0, 0, -DAY, 1, DAY])),
                   "firmware": "1.0.0", "components": [{"kind": "actuator", "serial": "ACT-1"}, {"kind": "battery_pack", "serial": "BAT-1"}]}
        elif typ in ("shipped", "transferred"):
            ev["to"] = draw(st.sampled_from(["metro", "cityops", "green"]))
        elif typ == "received":
            ev["from"] = "fastship"
        elif typ == "sold":
            ev["buyer"] = draw(st.sampled_from(["cityops", "uni"]))
        elif typ == "deployed":
            ev |= {"site": "warehouse-7", "use_category": draw(st.sampled_from(["industrial", "household"]))}
        elif typ == "telemetry":
            hours = max(0, hours + draw(st.sampled_from([10, 0] if tame else [10, 10, 0, -1])))
            cycles = max(0, cycles + draw(st.sampled_from([5, 0] if tame else [5, 5, 0, -1])))
            ev |= {"operating_hours": hours, "battery_soh_percent": draw(st.sampled_from([97, 100, 0])),
                   "battery_cycles": cycles, "joints": [{"joint": "left_knee", "wear_percent": 3, "performance_percent": 99}]}
        elif typ == "maintained":
            ev["summary"] = "inspected"
        elif typ == "part_replaced":
            kind = draw(st.sampled_from(["battery_pack", "actuator"]))
            out = "BAT-1" if kind == "battery_pack" else "ACT-1"
            new = f"{out[:3]}-{i + 2}"
            ev |= {"serial_in": new, "serial_out": out, "kind": kind}
            serials.append(new)
        elif typ == "software_updated":
            comp = draw(st.sampled_from(["firmware", "ai_profile"]))
            digest = draw(st.sampled_from(DIGESTS))
            prev_choice = "installed" if tame else draw(st.sampled_from(["installed", "installed", "null", "other"]))
            prev = installed.get(comp) if prev_choice == "installed" else (None if prev_choice == "null" else DIGESTS[0])
            ev |= {"component": comp, "version": f"2.{i}.0", "digest": digest.hex(),
                   "previous_digest": prev.hex() if prev else None,
                   "dataset_digest": DIGESTS[1].hex() if comp == "ai_profile" else None}
            installed[comp] = digest
        elif typ == "recall_remedied":
            ev["recall_id"] = draw(st.sampled_from(recall_ids + ["R-UNKNOWN"]))
        elif typ == "suspended":
            ev["reason"] = "investigation"
        elif typ == "dismantled":
            ev["harvested_serials"] = draw(st.lists(st.sampled_from(serials), max_size=2, unique=True))
        specs.append({"time": t, "issuer": issuer, "event": ev, "subject": SUBJECT})
    return specs


def statement_payload(spec: dict[str, Any], seq: int, prev: str | None) -> bytes:
    st_ = {"subject": spec["subject"], "seq": spec.get("seq", seq), "prev": spec.get("prev", prev),
           "time": spec["time"], "issuer": spec["issuer"], "event": spec["event"]}
    raw = compact(st_)
    for old, new in spec.get("raw_edits", []):
        raw = raw.replace(old.encode(), new.encode(), 1)
    return raw


def sign_chain(specs: list[dict[str, Any]], keys: dict[str, int]) -> list[tuple[str, str]]:
    """(envelope text, statement hash) for each spec, linked by seq and prev."""
    out = []
    prev: str | None = None
    for i, spec in enumerate(specs):
        payload = statement_payload(spec, i, prev)
        signer = spec.get("signer", key_name(spec["issuer"], keys.get(spec["issuer"], 0)))
        keyids = spec.get("keyids")
        env = sign_envelope(ATTESTATION, payload, [signer], keyids)
        prev = statement_hash(ATTESTATION, payload)
        out.append((env, prev))
    return out


def tamper(env: str) -> str:
    doc = json.loads(env)
    raw = bytearray(b64decode_strict(doc["payload"]))
    raw[len(raw) // 2] ^= 0x01
    import base64
    doc["payload"] = base64.b64encode(bytes(raw)).decode()
    return json.dumps(doc, separators=(",", ":"))


# ---- mutations --------------------------------------------------------------------------------

FIELD_MUTATIONS = ["time_boundary", "equal_time", "time_back", "issuer_swap", "raw_edit", "foreign_subject", "seq_override", "prev_override"]
ENVELOPE_MUTATIONS = ["drop", "swap", "duplicate", "fork", "resign_other", "resign_root", "resign_stranger", "tamper", "keyid_empty", "keyid_other", "two_signers"]
RAW_EDITS = [
    ('"seq":', '"seq":-1,"x":'), ('"time":', '"time":1.5,"t":'), ('"issuer":"', '"issuer":"","i":"'),
    ('"prev":null', '"prev":null,"prev":null'), ('"subject":"86', '"subject":"86 '),
    ('"battery_soh_percent":97', '"battery_soh_percent":101'), ('"battery_soh_percent":97', '"battery_soh_percent":256'),
    ('"wear_percent":3', '"wear_percent":101'), ('"firmware":"1.0.0"', '"firmware":"1.0.0","extra":1'),
    ('"model":"A3W0F5"', '"model":"A3W0F5","components":[]'), ('{"type":', '{"type":"x","type":'),
    ('"use_category":"industrial"', '"use_category":"mining"'), ('"kind":"actuator"', '"kind":"wheel"'),
    ('"previous_digest":"01', '"previous_digest":"0X'), ('"digest":"0', '"digest":"A'),
    ('"components":[', '"components":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],'),
    ('"components":[', '"components":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]],'),
    ('"seq":', '"seq":18446744073709551616,"s":'), ('"time":', '"time":-9223372036854775809,"t":'),
]


@st.composite
def worlds(draw: Any) -> dict[str, Any]:
    tame = draw(st.integers(0, 2)) == 0  # a third of the worlds keep the rules
    tl = draw(trust_lists(tame))
    doc = tl["doc"]
    keys_of = {p["id"]: p["keys"] for p in doc["participants"]}
    key_choice = {pid: draw(st.integers(0, len(ks) - 1)) for pid, ks in keys_of.items()}
    recall_ids = ["R-1", "R-2"]
    specs = draw(lives(recall_ids, tame))
    times = [s["time"] for s in specs]

    # moments: the verification time and the trust list's own time
    last = times[-1]
    edges = [key_edge for ks in keys_of.values() for k in ks for key_edge in
             (k["valid_from"], k["valid_until"], k.get("compromised_since", k["valid_from"]))]
    at_kind = draw(st.sampled_from(["after"] * (12 if tame else 3) + ["skew", "expiry", "custody_only"]))
    if at_kind == "skew":
        at = draw(st.sampled_from(times)) - SKEW - draw(st.sampled_from([0, 1]))
    elif at_kind == "expiry":
        at = doc["expires_at"] + draw(st.sampled_from([0, 1, GRACE, GRACE + 1]))
    else:
        at = last + draw(st.sampled_from([0, 1, DAY, 30 * DAY]))

    # field mutations (before signing)
    for _ in range(0 if tame else draw(st.integers(0, 2))):
        if not specs:
            break
        m = draw(st.sampled_from(FIELD_MUTATIONS))
        i = draw(st.integers(0, len(specs) - 1))
        s = specs[i]
        if m == "time_boundary":
            s["time"] = draw(st.sampled_from(edges)) + draw(st.sampled_from([-1, 0]))
        elif m == "equal_time" and i:
            s["time"] = specs[i - 1]["time"]
        elif m == "time_back" and i:
            s["time"] = specs[i - 1]["time"] - 1
        elif m == "issuer_swap":
            s["issuer"] = draw(st.sampled_from([c[0] for c in CAST]))
        elif m == "raw_edit":
            s["raw_edits"] = [draw(st.sampled_from(RAW_EDITS))]
        elif m == "foreign_subject":
            s["subject"] = draw(st.sampled_from([OTHER_SUBJECT, FOREIGN_SUBJECT]))
        elif m == "seq_override":
            s["seq"] = draw(st.sampled_from([0, i + 1, max(0, i - 1)]))
        elif m == "prev_override":
            s["prev"] = draw(st.sampled_from([None, "00" * 32]))

    signed = sign_chain(specs, key_choice)
    envs = [e for e, _ in signed]
    hashes = [h for _, h in signed]

    # envelope mutations (after signing)
    for _ in range(0 if tame else draw(st.integers(0, 2))):
        if not envs:
            break
        m = draw(st.sampled_from(ENVELOPE_MUTATIONS))
        i = draw(st.integers(0, len(envs) - 1))
        if m == "drop":
            del envs[i]
        elif m == "swap":
            j = draw(st.integers(0, len(envs) - 1))
            envs[i], envs[j] = envs[j], envs[i]
        elif m == "duplicate":
            envs.insert(draw(st.integers(0, len(envs))), envs[i])
        elif m == "fork" and i < len(specs):
            alt = dict(specs[i], event={"type": "maintained", "summary": "forked"}, issuer="fixit")
            payload = statement_payload(alt, i, hashes[i - 1] if i else None)
            envs.insert(i + 1, sign_envelope(ATTESTATION, payload, [key_name("fixit", key_choice["fixit"])]))
            if draw(st.booleans()):  # the fork continues: dropped with it, without a finding of its own
                more = dict(alt, time=alt["time"] + 1)
                envs.insert(i + 2, sign_envelope(ATTESTATION, statement_payload(more, i + 1, statement_hash(ATTESTATION, payload)),
                                                 [key_name("fixit", key_choice["fixit"])]))
        else:
            payload = b64decode_strict(json.loads(envs[i])["payload"])
            other = draw(st.sampled_from([c[0] for c in CAST]))
            if m == "resign_other":
                envs[i] = sign_envelope(ATTESTATION, payload, [key_name(other, 0)])
            elif m == "resign_root":
                envs[i] = sign_envelope(ATTESTATION, payload, [tl["roots"][0]])
            elif m == "resign_stranger":
                envs[i] = sign_envelope(ATTESTATION, payload, ["stranger"])
            elif m == "tamper":
                envs[i] = tamper(envs[i])
            elif m == "keyid_empty":
                envs[i] = sign_envelope(ATTESTATION, payload, [key_name(specs[min(i, len(specs) - 1)]["issuer"], 0)], [""])
            elif m == "keyid_other":
                envs[i] = sign_envelope(ATTESTATION, payload, [key_name(specs[min(i, len(specs) - 1)]["issuer"], 0)],
                                        [ed25519.key_id(public(key_name(other, 0)))])
            elif m == "two_signers":
                issuer = specs[min(i, len(specs) - 1)]["issuer"]
                envs[i] = sign_envelope(ATTESTATION, payload, [key_name(issuer, 0), key_name(other, 0)])

    # recall notices
    recalls = []
    remedy_times = [s["time"] for s in specs if s["event"]["type"] == "recall_remedied"]
    for rid in recall_ids[: draw(st.integers(0, 2))]:
        base = draw(st.sampled_from(remedy_times + times))
        issued = base + draw(st.sampled_from([0, 0, 1, -1, -DAY]))
        unit_ranges = draw(st.sampled_from([
            [], [{"first": UNIT, "last": UNIT}], [{"first": "0000000012346", "last": "0000000019999"}],
            [{"first": "0000000010000", "last": "0000000012344"}], [{"first": "0000000010000", "last": "0000000012345"}],
            [{"first": "0000000012346", "last": "0000000012345"}],
        ]))
        if tame:
            unit_ranges = [r for r in unit_ranges if r["first"] <= r["last"]]
        population = {
            "manufacturer": draw(st.sampled_from(["0042", "0042", "0077", None])),
            "models": draw(st.sampled_from([[], [MODEL], ["B00000"]])),
            "unit_ranges": unit_ranges,
            "codes": draw(st.sampled_from([[], [], [SUBJECT], [FOREIGN_SUBJECT]])),
        }
        if tame:
            population["manufacturer"] = "0042"
        notice = {"recall_id": rid, "issuer": draw(st.sampled_from(["acme", "samr"] if tame else ["acme", "acme", "samr", "other-maker", "metro"])),
                  "issued_at": issued, "population": population, "defect": "overheats", "remedy": "firmware 2.1"}
        issuer = notice["issuer"]
        signer = key_name(issuer, key_choice[issuer]) if tame or draw(st.integers(0, 9)) else "acme#0"
        recalls.append(sign_envelope(RECALL, compact(notice), [signer]))
    if recalls and draw(st.integers(0, 9)) == 0:
        recalls.append(recalls[0])

    bundle_text = bundle(SUBJECT, envs, recalls)
    if draw(st.integers(0, 29)) == 0:
        bundle_text = bundle(SUBJECT, [], recalls)

    # the passport
    pp_text = None
    if draw(st.integers(0, 2)):
        head_i = draw(st.integers(-1, len(hashes) - 1))
        head_seq = None if head_i < 0 else head_i
        head_hash = bytes.fromhex(hashes[head_i])[:16] if head_i >= 0 else bytes(16)
        issued_at = draw(st.sampled_from([
            at - DAY, at - DAY - 1, at - 7 * DAY, at - 7 * DAY - 1, at - 30 * DAY, at - 30 * DAY - 1,
            at + SKEW, at + SKEW + 1, min(edges), max(edges),
        ]))
        expires_at = draw(st.sampled_from([
            issued_at + 1, issued_at + 30 * DAY, at, at - 1, at - GRACE, at - GRACE - 1,
            issued_at + 90 * DAY, issued_at + 90 * DAY + 1, issued_at + 3650 * DAY,
        ]))
        if tame:  # a current passport naming the chain's head: its status meets the history's
            head_i = len(hashes) - 1
            head_seq, head_hash = head_i, bytes.fromhex(hashes[head_i])[:16]
            issued_at, expires_at = at - DAY, at + 29 * DAY
        if expires_at <= issued_at:
            expires_at = issued_at + 1
        status = draw(st.sampled_from(passport.STATUSES[:1] + ("active",) * 4 + passport.STATUSES[2:]))
        signer = "registry#0" if tame else draw(st.sampled_from(["registry#0", "registry#0", "registry#0", "registry#1", "acme#0", "stranger"]))
        frame = passport.frame_bytes(status, SUBJECT if tame else draw(st.sampled_from([SUBJECT, SUBJECT, OTHER_SUBJECT])),
                                     head_seq, head_hash, max(0, issued_at), max(0, expires_at), public(signer))
        pp_text = passport.sign(frame, seed(signer))

    if pp_text is not None and draw(st.integers(0, 9)) == 0:
        pp_text = mutate_passport(draw, pp_text)
    fleet = None
    if draw(st.integers(0, 7)) == 0:
        fleet = [bundle_text, fleet_member(draw, specs, key_choice)]
    trust_list_at = at if draw(st.integers(0, 3)) else T0
    anchor = {"keys": [public(r).hex() for r in tl["roots"]], "threshold": tl["threshold"]}
    signers = tl["roots"][: max(tl["threshold"], draw(st.integers(1, len(tl["roots"]))))]
    highest_seen = 0
    if not tame and draw(st.integers(0, 5)) == 0:
        m = draw(st.sampled_from(TRUST_LIST_MUTATIONS))
        highest_seen, trust_list_at, signers = mutate_trust_list(draw, m, doc, anchor, signers, tl, trust_list_at)
    update = None
    if draw(st.integers(0, 5)) == 0:
        update = next_trust_list(draw, doc, tl)
    return {
        "update": update,
        "anchor": anchor,
        "highest_seen_version": highest_seen,
        "trust_list": sign_trust_list(doc, signers) if not isinstance(signers, str) else signers,
        "trust_list_at": trust_list_at,
        "at": at,
        "bundle": bundle_text,
        "envelope": draw(st.sampled_from(envs)) if envs else None,
        "passport": pp_text,
        "newest_seen": draw(st.sampled_from([None, None, at - DAY, at + SKEW, at + SKEW + 1, at + 40 * DAY])),
        "expected_subject": draw(st.sampled_from([None, SUBJECT, OTHER_SUBJECT])),
        "code": draw(st.sampled_from([SUBJECT, SUBJECT, "86-0042-A3W0F5-0000000012345-" + SUBJECT[-4:], OTHER_SUBJECT])),
        "policy": draw(st.sampled_from(["listing", "sale", "deployment"])),
        "access_history": bool(draw(st.integers(0, 4))),
        "custody_at": draw(st.sampled_from(times + [t - 1 for t in times] + [at])),
        "audit": fleet,
    }


TRUST_LIST_MUTATIONS = [
    "too_few_roots", "root_twice", "rollback", "equal_version", "issued_at_edge", "bad_id", "long_id",
    "id_64", "no_scope", "duplicate_id", "empty_window", "shared_key", "root_as_participant",
    "anchor_zero", "anchor_over", "anchor_duplicate", "scope_lowercase", "no_roles", "null_compromise",
    "stranger_root", "tampered", "threshold_over_own", "expires_eq",
]


def mutate_trust_list(draw: Any, m: str, doc: dict[str, Any], anchor: dict[str, Any], signers: Any,
                      tl: dict[str, Any], tl_at: int) -> tuple[int, int, Any]:
    parts = doc["participants"]
    p = draw(st.sampled_from(parts))
    highest = 0
    if m == "too_few_roots" and tl["threshold"] > 1:
        signers = signers[: tl["threshold"] - 1]
    elif m == "root_twice":
        signers = [signers[0], signers[0]]
    elif m == "rollback":
        highest = doc["version"] + 1
    elif m == "equal_version":
        highest = doc["version"]
    elif m == "issued_at_edge":
        doc["issued_at"] = tl_at + SKEW + draw(st.sampled_from([0, 1]))
    elif m == "bad_id":
        p["id"] = draw(st.sampled_from(["Acme", "-acme", "ac me", "acme!", "", ".x", "_x"]))
    elif m == "long_id":
        p["id"] = "a" * 65
    elif m == "id_64":
        p["id"] = "a" * 64
    elif m == "no_scope":
        for q in parts:
            if q["id"] == "acme":
                q.pop("scope", None)
    elif m == "duplicate_id":
        parts[1]["id"] = parts[0]["id"]
    elif m == "empty_window":
        p["keys"][0]["valid_until"] = p["keys"][0]["valid_from"]
    elif m == "shared_key":
        parts[1]["keys"].append(dict(parts[0]["keys"][0]))
    elif m == "root_as_participant":
        p["keys"].append({"public_key": public(tl["roots"][0]).hex(), "valid_from": T0 - DAY, "valid_until": T0 + 400 * DAY})
    elif m == "anchor_zero":
        anchor["threshold"] = 0
    elif m == "anchor_over":
        anchor["threshold"] = len(anchor["keys"]) + 1
    elif m == "anchor_duplicate":
        anchor["keys"] = anchor["keys"] + anchor["keys"][:1]
    elif m == "scope_lowercase":
        for q in parts:
            if q["id"] == "acme":
                q["scope"] = {"manufacturers": [draw(st.sampled_from(["004a", "00421", "0O42", ""]))]}
    elif m == "no_roles":
        p["roles"] = []
    elif m == "null_compromise":
        p["keys"][0]["compromised_since"] = None
    elif m == "stranger_root":
        signers = ["stranger"] + list(signers[1:])
    elif m == "tampered":
        import base64
        env = json.loads(sign_trust_list(doc, signers))
        raw = bytearray(base64.b64decode(env["payload"]))
        raw[10] ^= 1
        env["payload"] = base64.b64encode(bytes(raw)).decode()
        signers = json.dumps(env, separators=(",", ":"))
    elif m == "expires_eq":
        doc["expires_at"] = doc["issued_at"]
    elif m == "threshold_over_own":
        doc["roots"]["threshold"] = len(doc["roots"]["keys"]) + 1
    return highest, tl_at, signers


def fleet_member(draw: Any, specs: list[dict[str, Any]], keys: dict[str, int]) -> str:
    """A second bundle for an audit: the same bundle, a clone that diverges, or another robot
    (whose parts, ACT-1 and BAT-1, are the same serials as the first's)."""
    import copy
    kind = draw(st.sampled_from(["same", "clone", "other", "other"]))
    other = copy.deepcopy(specs)
    if kind == "clone" and other:
        k = draw(st.integers(0, len(other) - 1))
        other[k]["time"] += 1
    elif kind == "other":
        for s in other:
            s["subject"] = OTHER_SUBJECT
        other = other[: draw(st.integers(1, max(1, len(other))))]
    envs = [e for e, _ in sign_chain(other, keys)]
    return bundle(OTHER_SUBJECT if kind == "other" else SUBJECT, envs, [])


PASSPORT_MUTATIONS = ["expires_eq", "expires_eq", "lower", "truncate", "padding", "status7", "version2", "nohead_hash", "whitespace", "bad_subject", "prefix"]


def mutate_passport(draw: Any, text: str) -> str:
    m = draw(st.sampled_from(PASSPORT_MUTATIONS))
    if m == "lower":
        return text.lower()
    if m == "truncate":
        return text[:-1]
    if m == "whitespace":
        return " " + text + "\n"
    if m == "prefix":
        return "HP2:" + text[4:]
    if m == "padding":
        last = VALUE[text[-1]] ^ 1
        return text[:-1] + ALPHABET[last]
    frame = bytearray(passport.decode_base32(text[4:]))
    if m == "status7":
        frame[1] = 7
    elif m == "version2":
        frame[0] = 2
    elif m == "nohead_hash":
        frame[21:25] = b"\xff\xff\xff\xff"
        frame[25] = 1
    elif m == "bad_subject":
        frame[5] ^= 0x10
    elif m == "expires_eq":
        frame[45:49] = frame[41:45]
    signer = draw(st.sampled_from(["registry#0", "stranger"]))
    return passport.sign(bytes(frame[:53]), seed(signer))


def next_trust_list(draw: Any, doc: dict[str, Any], tl: dict[str, Any]) -> str:
    """The next version for TrustList::verify_update: the same roots or rotated ones, signed by
    old and new roots in any mix (a rotation needs a threshold of both)."""
    import copy
    new = copy.deepcopy(doc)
    new["version"] = doc["version"] + draw(st.sampled_from([1, 1, 1, 0, 2, -1]))
    roots = list(tl["roots"])
    rotation = draw(st.sampled_from(["none", "replace", "add", "replace_all"]))
    if rotation == "replace":
        roots[draw(st.integers(0, len(roots) - 1))] = NEW_ROOTS[0]
    elif rotation == "add":
        roots.append(NEW_ROOTS[0])
    elif rotation == "replace_all":
        roots = list(NEW_ROOTS)
    new["roots"] = {"threshold": draw(st.integers(1, len(roots))), "keys": [public(r).hex() for r in roots]}
    new["issued_at"] = doc["issued_at"] + draw(st.sampled_from([0, DAY]))
    pool = sorted(set(tl["roots"]) | set(roots))
    signers = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=len(pool), unique=True))
    return sign_trust_list(new, signers)

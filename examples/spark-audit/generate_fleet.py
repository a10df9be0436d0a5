"""Generate a synthetic national fleet of signed robot histories, with seeded violations.

    python examples/spark-audit/generate_fleet.py 1000 --out fleet-1k
    python examples/spark-audit/generate_fleet.py 1000000 --out fleet-1m --workers 2

Deterministic: the same arguments give the same bytes (keys from fixed public test seeds, times
from a fixed origin, one random stream per robot seeded by `--seed` and the robot's number), so
the output does not depend on `--workers` or `--shard-size`.

The fleet: `--manufacturers` manufacturers with `--models` models each, a registry, dealers,
operators, maintainers and recyclers, all in one signed trust list. Each robot's ordinary life is
about `--events` signed lifecycle statements (manufactured, registered, shipped, received, sold,
deployed, then telemetry, maintenance and firmware updates); some robots are retired (scrapped
and dismantled) and some have a recall that was remedied. Of each violation kind below,
`--violation-rate` of the robots (at least one) carry it:

| kind | what is seeded | what the audit must find |
| --- | --- | --- |
| tampered | the last statement's payload is altered after signing | `signature.invalid` |
| sale_after_scrap | a `sold` after `scrapped` | `lifecycle.sale_after_scrap` |
| scrapped_part_reused | a part harvested from a dismantled robot is installed in another | `audit.scrapped_part_reused` |
| backdated_reuse | a part harvested from a dismantled robot is installed in another with a time before the scrapping | `audit.scrapped_part_reused` and `audit.part_in_two_robots` |
| cloned_code | a second bundle with the same code whose chain diverges at seq 3 | `audit.cloned_code` |
| part_in_two_robots | a live robot's part is installed in another live robot | `audit.part_in_two_robots` |
| moved_part | (no violation) a part taken out of one robot, then installed in another | nothing |
| open_recall | a recall notice covers the robot and was never remedied | `recall.open` (warning) |
| unknown_signer | the last statement is signed with a key the trust list does not know | `signer.unknown` |

Writes into `--out`: `trust-list.dsse.json`, `root-keys.txt`, `bundles/part-NNNNN.jsonl` (one
robot per line: `{"name": ..., "bundle": <history bundle JSON text>}`, docs/histories.md
section 1), `status-feed.json` (the registry's status feed, docs/status-feed.md, current at the
audit time: every retired or scrapped robot) and `manifest.json` (the parameters, the audit time,
every seeded violation with the findings the audit must report, and the retired robots). Seeds are public test seeds: never use
them for anything real.
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import json
import multiprocessing
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import hrid

T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86_400
AT = T0 + 730 * DAY  # the audit time written to the manifest: every event is before it
KINDS = (
    "tampered",
    "sale_after_scrap",
    "scrapped_part_reused",
    "backdated_reuse",
    "cloned_code",
    "part_in_two_robots",
    "moved_part",
    "open_recall",
    "unknown_signer",
)
RETIRED_RATE = 0.02  # ordinary robots that end scrapped and dismantled
REMEDIED_RATE = 0.03  # ordinary robots with a recall that was remedied
DEALERS, OPERATORS, MAINTAINERS, RECYCLERS = 6, 6, 4, 2
USE_CATEGORIES = ("industrial", "commercial_service", "household", "healthcare", "education")
JOINTS = ("ankle_left", "ankle_right", "knee_left", "knee_right", "shoulder_left", "wrist_right")
COMPONENTS = (  # (kind, short name in serials)
    ("actuator", "ACT"),
    ("actuator", "ACT"),
    ("battery_pack", "BAT"),
    ("main_controller", "MCU"),
    ("compute_module", "NPU"),
)

Event = Tuple[str, str, int, Dict[str, Any]]  # (issuer, key name, time, event)


@functools.lru_cache(maxsize=None)
def key(name: str) -> hrid.SigningKey:
    """A participant's key from a public test seed."""
    return hrid.SigningKey.from_seed(hashlib.sha256(b"hrid spark fleet key: " + name.encode()).digest())


def manufacturer_code(m: int) -> str:
    return f"{100 + 7 * m:04d}"


def model_field(m: int, k: int) -> str:
    return f"H{m:02d}M{k:02d}"


def trust_list_document(manufacturers: int) -> Dict[str, Any]:
    """Registry, manufacturers (each scoped to its code), dealers, operators, maintainers,
    recyclers; the permission table of docs/attestations.md section 4."""

    def participant(pid: str, roles: List[str], scope: Optional[List[str]] = None) -> Dict[str, Any]:
        p: Dict[str, Any] = {
            "id": pid,
            "name": pid.replace("-", " ").title(),
            "roles": roles,
            "keys": [
                {
                    "public_key": key(pid).verifying_key.to_hex(),
                    "valid_from": T0 - 30 * DAY,
                    "valid_until": T0 + 3 * 365 * DAY,
                }
            ],
        }
        if scope:
            p["scope"] = {"manufacturers": scope}
        return p

    participants = [participant("registry", ["registry"])]
    participants += [
        participant(f"mfr-{manufacturer_code(m)}", ["manufacturer"], [manufacturer_code(m)])
        for m in range(manufacturers)
    ]
    participants += [participant(f"dealer-{i}", ["dealer"]) for i in range(DEALERS)]
    participants += [participant(f"operator-{i}", ["operator"]) for i in range(OPERATORS)]
    participants += [participant(f"maintainer-{i}", ["maintainer"]) for i in range(MAINTAINERS)]
    participants += [participant(f"recycler-{i}", ["recycler"]) for i in range(RECYCLERS)]
    return {
        "version": 1,
        "issued_at": T0,
        "expires_at": T0 + 3 * 365 * DAY,
        "roots": {"threshold": 1, "keys": [key("root").verifying_key.to_hex()]},
        "participants": participants,
        "permissions": {
            "registry": ["registered", "suspended", "reinstated", "decommissioned"],
            "manufacturer": ["manufactured", "shipped", "software_updated", "recall_remedied",
                             "maintained", "part_replaced", "telemetry"],
            "dealer": ["received", "sold", "shipped", "transferred"],
            "operator": ["received", "deployed", "telemetry", "transferred", "decommissioned"],
            "maintainer": ["maintained", "part_replaced", "software_updated", "recall_remedied",
                           "telemetry"],
            "recycler": ["received", "decommissioned", "scrapped", "dismantled"],
        },
    }


def statement_hash(envelope: bytes) -> str:
    """SHA-256 of the DSSE PAE of the envelope's payload: what the next statement's `prev` names
    (docs/histories.md section 2.1)."""
    env = json.loads(envelope)
    payload = base64.b64decode(env["payload"])
    ptype = env["payloadType"].encode()
    return hashlib.sha256(b"DSSEv1 %d %s %d %s" % (len(ptype), ptype, len(payload), payload)).hexdigest()


class Robot:
    """One robot's identity and its ordinary life, as unsigned statements."""

    def __init__(self, index: int, seed: int, manufacturers: int, models: int, events: int) -> None:
        self.index = index
        self.rng = random.Random(f"{seed}:{index}")
        m = index % manufacturers
        self.mfr_code = manufacturer_code(m)
        self.mfr = f"mfr-{self.mfr_code}"
        self.model = model_field(m, (index // manufacturers) % models)
        self.unit = f"{index + 1:013d}"
        self.subject = str(hrid.IdentityCode.from_fields("86", self.mfr_code, self.model, self.unit))
        self.components = [
            (kind, f"{self.mfr_code}-{short}-{self.unit}-{j}") for j, (kind, short) in enumerate(COMPONENTS)
        ]
        self.events_target = events
        self.dealer = f"dealer-{self.rng.randrange(DEALERS)}"
        self.operator = f"operator-{self.rng.randrange(OPERATORS)}"
        self.maintainer = f"maintainer-{self.rng.randrange(MAINTAINERS)}"
        self.recycler = f"recycler-{self.rng.randrange(RECYCLERS)}"

    def life(self, tail_events: int = 0, horizon: int = AT - 40 * DAY) -> List[Event]:
        """manufactured, registered, shipped, received, sold, deployed, then fillers (telemetry,
        maintenance, firmware updates) up to `--events` minus `tail_events`, all before `horizon`."""
        rng = self.rng
        t = T0 + rng.randrange(200) * DAY + rng.randrange(DAY)
        firmware = f"1.{rng.randrange(4)}.0"
        ev: List[Event] = [
            (self.mfr, self.mfr, t, {
                "type": "manufactured", "model": self.model, "production_date": t, "firmware": firmware,
                "components": [{"kind": k, "serial": s} for k, s in self.components],
            }),
        ]
        t += DAY
        ev.append(("registry", "registry", t, {"type": "registered"}))
        t += 2 * DAY
        ev.append((self.mfr, self.mfr, t, {"type": "shipped", "to": self.dealer}))
        t += 3 * DAY
        ev.append((self.dealer, self.dealer, t, {"type": "received", "from": self.mfr}))
        t += rng.randrange(5, 30) * DAY
        ev.append((self.dealer, self.dealer, t, {"type": "sold", "buyer": f"cust-{self.index}"}))
        t += rng.randrange(1, 10) * DAY
        ev.append((self.operator, self.operator, t, {
            "type": "deployed", "site": f"site-{rng.randrange(10_000)}", "use_category": rng.choice(USE_CATEGORIES),
        }))
        fillers = max(0, self.events_target - len(ev) - tail_events)
        step = max(1, min(30 * DAY, (horizon - t) // max(1, fillers)))
        hours, cycles, digest, minor = 0, 0, None, 0
        for i in range(fillers):
            t += rng.randrange(step // 2, step + 1)
            what = i % 4
            if what in (0, 2):
                hours += rng.randrange(100, 400)
                cycles += rng.randrange(20, 80)
                ev.append((self.operator, self.operator, t, {
                    "type": "telemetry", "operating_hours": hours,
                    "battery_soh_percent": max(60, 100 - cycles // 40), "battery_cycles": cycles,
                    "joints": [{"joint": j, "wear_percent": min(100, hours // 200 + rng.randrange(5)),
                                "performance_percent": max(0, 100 - hours // 300)}
                               for j in rng.sample(JOINTS, 2)],
                }))
            elif what == 1:
                ev.append((self.maintainer, self.maintainer, t, {"type": "maintained", "summary": "scheduled service"}))
            else:
                minor += 1
                version = f"{firmware}-u{minor}"
                new = hashlib.sha256(f"{self.mfr} firmware {version}".encode()).hexdigest()
                ev.append((self.mfr, self.mfr, t, {
                    "type": "software_updated", "component": "firmware", "version": version,
                    "digest": new, "previous_digest": digest, "dataset_digest": None,
                }))
                digest = new
        return ev

    def retire(self, ev: List[Event], harvested: Sequence[str], after: int = 0) -> int:
        """Decommissioned, received by a recycler, scrapped, dismantled (from `after` at the
        earliest): returns the scrap time."""
        t = max(ev[-1][2], after)
        ev.append((self.operator, self.operator, t + DAY, {"type": "decommissioned"}))
        ev.append((self.recycler, self.recycler, t + 3 * DAY, {"type": "received", "from": self.operator}))
        ev.append((self.recycler, self.recycler, t + 5 * DAY, {"type": "scrapped"}))
        ev.append((self.recycler, self.recycler, t + 6 * DAY, {"type": "dismantled", "harvested_serials": list(harvested)}))
        return t + 5 * DAY


def finding(code: str, subject: str, **evidence: str) -> Dict[str, Any]:
    """A fleet finding the audit must report (code, subject, evidence), as a manifest entry."""
    return {"code": code, "subject": subject, "evidence": evidence}


def sign_chain(subject: str, events: Iterable[Event]) -> Tuple[List[bytes], List[str]]:
    """Sign the statements in order, each naming the previous one's hash."""
    envelopes, hashes, prev = [], [], None
    for seq, (issuer, signer, t, event) in enumerate(events):
        statement = {"subject": subject, "seq": seq, "prev": prev, "time": t, "issuer": issuer, "event": event}
        env = hrid.sign_attestation(statement, key(signer))
        prev = statement_hash(env)
        envelopes.append(env)
        hashes.append(prev)
    return envelopes, hashes


def recall(robot: Robot, recall_id: str, issued_at: int, by_code: bool) -> bytes:
    """A recall notice from the robot's manufacturer that covers it (by code, or by a one-unit range)."""
    population: Dict[str, Any] = {"manufacturer": robot.mfr_code, "models": [robot.model],
                                  "unit_ranges": [{"first": robot.unit, "last": robot.unit}], "codes": []}
    if by_code:
        population = {"manufacturer": None, "models": [], "unit_ranges": [], "codes": [robot.subject]}
    notice = {"recall_id": recall_id, "issuer": robot.mfr, "issued_at": issued_at, "population": population,
              "defect": "actuator may overheat under sustained load", "remedy": "replace the actuator firmware"}
    return hrid.sign_recall(notice, key(robot.mfr))


def bundle(subject: str, attestations: Sequence[bytes], recalls: Sequence[bytes] = ()) -> str:
    """A history bundle in hrid's own layout (compact, fields in order, envelopes as objects)."""
    return ('{"subject":"%s","attestations":[%s],"recalls":[%s],"passport":null}' % (
        subject, ",".join(e.decode() for e in attestations), ",".join(r.decode() for r in recalls)))


# A unit is generated in one piece: one robot, or the robots a cross-robot violation ties together.
Unit = Tuple[str, Tuple[int, ...]]


def plan(robots: int, rate: float, seed: int) -> List[Unit]:
    """Which robots carry which violation: fixed by (robots, rate, seed) alone."""
    per_kind = max(1, round(rate * robots))
    two = {"scrapped_part_reused", "backdated_reuse", "part_in_two_robots", "moved_part"}
    needed = sum(per_kind * (2 if k in two else 1) for k in KINDS)
    if needed > robots // 2:
        raise SystemExit(f"{robots} robots are too few for {per_kind} violations of each kind")
    rng = random.Random(f"{seed}:plan")
    chosen = rng.sample(range(robots), needed)
    units: List[Unit] = []
    taken = set()
    for kind in KINDS:
        for _ in range(per_kind):
            if kind in two:
                a, b = chosen.pop(), chosen.pop()
                units.append((kind, (a, b)))
                taken.update((a, b))
            else:
                a = chosen.pop()
                units.append((kind, (a,)))
                taken.add(a)
    for r in range(robots):
        if r not in taken:
            roll = random.Random(f"{seed}:role:{r}").random()
            kind = "retired" if roll < RETIRED_RATE else "remedied" if roll < RETIRED_RATE + REMEDIED_RATE else "ordinary"
            units.append((kind, (r,)))
    units.sort(key=lambda u: min(u[1]))
    return units


def generate_unit(unit: Unit, params: Dict[str, Any]) -> Tuple[List[Tuple[str, str]], List[Tuple[str, Dict[str, Any]]]]:
    """The bundles `(name, bundle JSON)` of one unit and its manifest entries `(kind, entry)`."""
    kind, indices = unit
    robots = [Robot(i, params["seed"], params["manufacturers"], params["models"], params["events"]) for i in indices]
    out: List[Tuple[str, str]] = []
    seeded: List[Tuple[str, Dict[str, Any]]] = []
    r = robots[0]
    if kind == "ordinary":
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, r.life())[0])))
    elif kind == "retired":
        ev = r.life(tail_events=4)
        r.retire(ev, [r.components[0][1], r.components[2][1]])
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, ev)[0])))
        seeded.append(("retired", {"robot": r.subject}))
        seeded.append(("not_active", {"code": r.subject, "status": "dismantled", "since": ev[-1][2]}))
    elif kind == "remedied":
        ev = r.life(tail_events=1)
        t = ev[-1][2] + DAY
        recall_id = f"R-{r.mfr_code}-{r.index}"
        ev.append((r.maintainer, r.maintainer, t + DAY, {"type": "recall_remedied", "recall_id": recall_id}))
        notice = recall(r, recall_id, t, by_code=False)
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, ev)[0], [notice])))
    elif kind == "tampered":
        envelopes, _ = sign_chain(r.subject, r.life())
        env = json.loads(envelopes[-1])
        statement = json.loads(base64.b64decode(env["payload"]))
        statement["time"] -= DAY  # backdated after signing
        env["payload"] = base64.b64encode(json.dumps(statement, separators=(",", ":")).encode()).decode()
        envelopes[-1] = json.dumps(env, separators=(",", ":")).encode()
        out.append((r.subject, bundle(r.subject, envelopes)))
        seeded.append((kind, {"robot": r.subject, "codes": ["signature.invalid"]}))
    elif kind == "sale_after_scrap":
        ev = r.life(tail_events=4)
        t = ev[-1][2]
        ev.append((r.operator, r.operator, t + DAY, {"type": "decommissioned"}))
        ev.append((r.recycler, r.recycler, t + 3 * DAY, {"type": "received", "from": r.operator}))
        ev.append((r.recycler, r.recycler, t + 5 * DAY, {"type": "scrapped"}))
        ev.append((r.dealer, r.dealer, t + 20 * DAY, {"type": "sold", "buyer": f"cust-resale-{r.index}"}))
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, ev)[0])))
        seeded.append((kind, {"robot": r.subject, "codes": ["lifecycle.sale_after_scrap"]}))
        seeded.append(("not_active", {"code": r.subject, "status": "scrapped", "since": t + 5 * DAY}))
    elif kind == "unknown_signer":
        ev = r.life(tail_events=1)
        ev.append((r.maintainer, "stranger", ev[-1][2] + DAY, {"type": "maintained", "summary": "unlogged service"}))
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, ev)[0])))
        seeded.append((kind, {"robot": r.subject, "codes": ["signer.unknown"]}))
    elif kind == "open_recall":
        ev = r.life()
        recall_id = f"R-{r.mfr_code}-{r.index}"
        notice = recall(r, recall_id, ev[-1][2] + DAY, by_code=True)
        out.append((r.subject, bundle(r.subject, sign_chain(r.subject, ev)[0], [notice])))
        seeded.append((kind, {"robot": r.subject, "recall_id": recall_id}))
    elif kind == "cloned_code":
        genuine, hashes = sign_chain(r.subject, r.life())
        # The copy: the genuine first three statements (manufactured, registered, shipped: public
        # knowledge), then a life of its own from another dealer.
        other = f"dealer-{(int(r.dealer.split('-')[1]) + 1) % DEALERS}"
        t = json.loads(base64.b64decode(json.loads(genuine[2])["payload"]))["time"]
        tail: List[Event] = [
            (other, other, t + 4 * DAY, {"type": "received", "from": r.mfr}),
            (other, other, t + 9 * DAY, {"type": "sold", "buyer": f"cust-copy-{r.index}"}),
        ]
        copy, copy_hashes = list(genuine[:3]), list(hashes[:3])
        prev = copy_hashes[-1]
        for seq, (issuer, signer, when, event) in enumerate(tail, start=3):
            env = hrid.sign_attestation({"subject": r.subject, "seq": seq, "prev": prev, "time": when,
                                         "issuer": issuer, "event": event}, key(signer))
            prev = statement_hash(env)
            copy.append(env)
            copy_hashes.append(prev)
        copy_name = r.subject + ".copy"
        out.append((r.subject, bundle(r.subject, genuine)))
        out.append((copy_name, bundle(r.subject, copy)))
        seeded.append((kind, finding("audit.cloned_code", r.subject, robot=r.subject, other_robot=copy_name, seq="3",
                                     statement_hash=hashes[3], other_statement_hash=copy_hashes[3])))
    elif kind in ("scrapped_part_reused", "backdated_reuse"):
        donor, receiver = robots
        serial = donor.components[2][1]  # the battery pack
        life = donor.life(tail_events=4, horizon=AT - 80 * DAY)
        ev = receiver.life(tail_events=1)
        if kind == "scrapped_part_reused":
            scrapped_at = donor.retire(life, [serial])
            t = max(ev[-1][2], scrapped_at) + DAY
        else:  # installed, the receiver claims, while the donor was still alive (and after it was made)
            t = max(ev[-1][2], life[-1][2]) + DAY
            scrapped_at = donor.retire(life, [serial], after=t + 10 * DAY)
        out.append((donor.subject, bundle(donor.subject, sign_chain(donor.subject, life)[0])))
        seeded.append(("retired", {"robot": donor.subject}))
        seeded.append(("not_active", {"code": donor.subject, "status": "dismantled", "since": life[-1][2]}))
        ev.append((receiver.maintainer, receiver.maintainer, t, {
            "type": "part_replaced", "serial_in": serial, "serial_out": receiver.components[2][1], "kind": "battery_pack"}))
        envelopes, hashes = sign_chain(receiver.subject, ev)
        out.append((receiver.subject, bundle(receiver.subject, envelopes)))
        # Held after the donor's end of life, whatever the installation's time.
        seeded.append((kind, finding("audit.scrapped_part_reused", receiver.subject, serial=serial, donor=donor.subject,
                                     robot=receiver.subject, statement_hash=hashes[-1], event_type="part_replaced")))
        if kind == "backdated_reuse":  # and, by its own word, in two living bodies before it
            seeded.append((kind, finding("audit.part_in_two_robots", receiver.subject, serial=serial,
                                         robots=f"{donor.subject},{receiver.subject}", robot=receiver.subject,
                                         statement_hash=hashes[-1])))
    elif kind == "part_in_two_robots":
        holder, receiver = robots
        life = holder.life()
        out.append((holder.subject, bundle(holder.subject, sign_chain(holder.subject, life)[0])))
        serial = holder.components[3][1]  # the main controller
        ev = receiver.life(tail_events=1)
        ev.append((receiver.maintainer, receiver.maintainer, max(ev[-1][2], life[0][2]) + DAY, {
            "type": "part_replaced", "serial_in": serial, "serial_out": receiver.components[3][1],
            "kind": "main_controller"}))
        envelopes, hashes = sign_chain(receiver.subject, ev)
        out.append((receiver.subject, bundle(receiver.subject, envelopes)))
        seeded.append((kind, finding("audit.part_in_two_robots", receiver.subject, serial=serial,
                                     robots=f"{holder.subject},{receiver.subject}", robot=receiver.subject,
                                     statement_hash=hashes[-1])))
    elif kind == "moved_part":  # honest: the compute module leaves one robot, then goes into another
        giver, taker = robots
        ev = giver.life(tail_events=1)
        serial = giver.components[4][1]
        moved_at = ev[-1][2] + DAY
        ev.append((giver.maintainer, giver.maintainer, moved_at, {
            "type": "part_replaced", "serial_in": f"{giver.mfr_code}-NPU-{giver.unit}-spare",
            "serial_out": serial, "kind": "compute_module"}))
        out.append((giver.subject, bundle(giver.subject, sign_chain(giver.subject, ev)[0])))
        ev = taker.life(tail_events=1)
        ev.append((taker.maintainer, taker.maintainer, max(ev[-1][2], moved_at) + DAY, {
            "type": "part_replaced", "serial_in": serial, "serial_out": taker.components[4][1],
            "kind": "compute_module"}))
        out.append((taker.subject, bundle(taker.subject, sign_chain(taker.subject, ev)[0])))
        seeded.append((kind, {"robots": [giver.subject, taker.subject], "serial": serial}))
    else:
        raise ValueError(kind)
    return out, seeded


def generate_shard(job: Tuple[int, List[Unit], Dict[str, Any], str]) -> Tuple[int, int, List[Tuple[str, Dict[str, Any]]]]:
    """Write one `bundles/part-NNNNN.jsonl`; return (shard, bundles written, manifest entries)."""
    shard, units, params, out_dir = job
    seeded: List[Tuple[str, Dict[str, Any]]] = []
    lines = []
    for unit in units:
        rows, entries = generate_unit(unit, params)
        lines += [json.dumps({"name": name, "bundle": text}, separators=(",", ":")) for name, text in rows]
        seeded += entries
    path = Path(out_dir) / "bundles" / f"part-{shard:05d}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return shard, len(lines), seeded


def status_feed(not_active: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The registry's feed (docs/status-feed.md), issued an hour before the audit time and valid a
    day: every robot that is not active (no heads: a bundle is checked against the status only)."""
    return {
        "registry": "registry", "version": 1, "issued_at": AT - 3600, "expires_at": AT + DAY, "previous": None,
        "recalls": [],
        "robots": [{"code": e["code"], "status": e["status"], "head": None, "since": e["since"]}
                   for e in sorted(not_active, key=lambda e: e["code"])],
    }


def main(argv: Optional[Sequence[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("robots", type=int, help="number of physical robots (cloned codes add one bundle each)")
    ap.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    ap.add_argument("--manufacturers", type=int, default=8)
    ap.add_argument("--models", type=int, default=4, help="models per manufacturer")
    ap.add_argument("--events", type=int, default=12, help="signed statements in an ordinary life (at least 6)")
    ap.add_argument("--violation-rate", type=float, default=0.01, help="fraction of robots seeded with each kind")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workers", type=int, default=1, help="processes (the output does not depend on it)")
    ap.add_argument("--shard-size", type=int, default=10_000, help="robots per output file")
    args = ap.parse_args(argv)
    if args.events < 6:
        ap.error("--events must be at least 6")
    started = time.perf_counter()
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "bundles").mkdir(parents=True)
    (args.out / "trust-list.dsse.json").write_bytes(hrid.TrustList.sign(trust_list_document(args.manufacturers), key("root")))
    (args.out / "root-keys.txt").write_text(key("root").verifying_key.to_hex() + "\n")

    params = {"seed": args.seed, "manufacturers": args.manufacturers, "models": args.models, "events": args.events}
    units = plan(args.robots, args.violation_rate, args.seed)
    jobs, shard, current, count = [], 0, [], 0
    for unit in units:
        current.append(unit)
        count += len(unit[1])
        if count >= args.shard_size:
            jobs.append((shard, current, params, str(args.out)))
            shard, current, count = shard + 1, [], 0
    if current:
        jobs.append((shard, current, params, str(args.out)))

    results = []
    if args.workers > 1:
        with multiprocessing.get_context("spawn").Pool(args.workers) as pool:
            for res in pool.imap_unordered(generate_shard, jobs):
                results.append(res)
                print(f"shard {res[0]}: {res[1]} bundles", file=sys.stderr)
    else:
        results = [generate_shard(job) for job in jobs]
    results.sort(key=lambda r: r[0])
    seeded: Dict[str, List[Dict[str, Any]]] = {k: [] for k in (*KINDS, "retired", "not_active")}
    for _, _, entries in results:
        for kind, entry in entries:
            seeded[kind].append(entry)
    feed = status_feed(seeded.pop("not_active"))
    (args.out / "status-feed.json").write_bytes(hrid.sign_status_feed(feed, key("registry")))
    bundles = sum(r[1] for r in results)
    elapsed = time.perf_counter() - started
    manifest = {
        "robots": args.robots,
        "bundles": bundles,
        "at": AT,
        "parameters": {**params, "violation_rate": args.violation_rate},
        "status_feed": {"file": "status-feed.json", "version": feed["version"], "issued_at": feed["issued_at"],
                        "expires_at": feed["expires_at"]},
        "seeded": seeded,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {bundles} bundles ({args.robots} robots) to {args.out} in {elapsed:.1f} s "
          f"({args.robots / elapsed:.0f} robots/s, {args.workers} worker(s))")


if __name__ == "__main__":
    main()

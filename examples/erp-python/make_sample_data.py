"""Regenerate the sample data of this example (deterministic: fixed seeds, fixed times).

    python examples/erp-python/make_sample_data.py

Writes, beside this script: sample/inventory.csv, sample/trust-list.dsse.json,
sample/root-keys.txt, sample/histories/<code>.json (one history bundle per robot: its
attestation envelopes in chain order and the recall notices that concern it) and
sample/status-feed.json (the registry's status feed, current at the example's default time
2026-03-01T00:00:00Z: the scrapped robot and the recalled one, and the recall notice in force). Seeds are public
test seeds: never use them for anything real.
"""

import base64
import csv
import hashlib
import json
import shutil
from pathlib import Path

import hrid

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample"
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
DAY = 86_400
AT = T0 + 59 * DAY  # 2026-03-01T00:00:00Z, erp_verify.py's default --at


def key(name: str) -> hrid.SigningKey:
    return hrid.SigningKey.from_seed(hashlib.sha256(b"hrid erp sample key: " + name.encode()).digest())


ROOT, ACME, DEALER, STRANGER = key("root"), key("acme"), key("dealer"), key("stranger")
RECYCLER, REGISTRY = key("recycler"), key("registry")


def participant(pid, name, roles, signing_key, scope=None):
    p = {
        "id": pid,
        "name": name,
        "roles": roles,
        "keys": [
            {
                "public_key": signing_key.verifying_key.to_hex(),
                "valid_from": T0 - 30 * DAY,
                "valid_until": T0 + 2 * 365 * DAY,
            }
        ],
    }
    if scope:
        p["scope"] = {"manufacturers": scope}
    return p


TRUST_LIST = {
    "version": 1,
    "issued_at": T0,
    "expires_at": T0 + 365 * DAY,
    "roots": {"threshold": 1, "keys": [ROOT.verifying_key.to_hex()]},
    "participants": [
        participant("registry", "National Humanoid Robot Registry", ["registry"], REGISTRY),
        participant("acme", "ACME Robotics", ["manufacturer"], ACME, ["0042"]),
        participant("dealer-sh", "Shanghai Robot Trading", ["dealer"], DEALER),
        participant("green-recycling", "Green Recycling Co.", ["recycler"], RECYCLER),
    ],
    "permissions": {
        "registry": ["registered"],
        "manufacturer": ["manufactured", "shipped", "software_updated", "maintained"],
        "dealer": ["received", "sold", "shipped", "transferred"],
        "recycler": ["received", "scrapped", "dismantled"],
    },
}


VERIFIER = hrid.Verifier(
    hrid.TrustList.verify(hrid.TrustList.sign(TRUST_LIST, ROOT), ROOT.verifying_key, 1, 0, T0)
)


def code(unit: str) -> str:
    return str(hrid.IdentityCode.from_fields("86", "0042", "A3W0F5", unit))


def life(subject: str, *, signer_for_sale=DEALER, tamper=False, scrapped=False):
    """A robot's envelopes: manufactured, registered, shipped, sold (and
    scrapped), chained by statement hash."""
    events = [
        ("acme", ACME, T0 + 10 * DAY, {
            "type": "manufactured", "model": "A3W0F5", "production_date": T0 + 10 * DAY,
            "firmware": "1.4.2", "components": [{"kind": "battery_pack", "serial": f"BAT-{subject[-8:]}"}],
        }),
        ("registry", REGISTRY, T0 + 11 * DAY, {"type": "registered"}),
        ("acme", ACME, T0 + 12 * DAY, {"type": "shipped", "to": "dealer-sh"}),
        ("dealer-sh", signer_for_sale, T0 + 40 * DAY, {"type": "sold", "buyer": "cust-8841"}),
    ]
    if scrapped:
        events.append(("green-recycling", RECYCLER, T0 + 50 * DAY, {"type": "scrapped"}))
    out, prev = [], None
    for seq, (issuer, signer, time, event) in enumerate(events):
        statement = {"subject": subject, "seq": seq, "prev": prev, "time": time, "issuer": issuer, "event": event}
        envelope = hrid.sign_attestation(statement, signer)
        if signer is not STRANGER:
            prev = _statement_hash(envelope)
        out.append(envelope)
    if tamper:
        # Change the signed bytes after signing: the buyer is rewritten in the payload.
        env = json.loads(out[-1])
        statement = json.loads(base64.b64decode(env["payload"]))
        statement["event"]["buyer"] = "someone-else"
        env["payload"] = base64.b64encode(json.dumps(statement, separators=(",", ":")).encode()).decode()
        out[-1] = json.dumps(env, separators=(",", ":")).encode()
    return out


def _statement_hash(envelope: bytes) -> str:
    """The statement hash the next attestation's ``prev`` names, as the verifier reports it."""
    report = VERIFIER.verify(envelope, T0 + 365 * DAY - 1)
    assert report.statement is not None, report
    return str(report.statement["statement_hash"])


def recall_for(subject: str) -> bytes:
    """ACME recalls one unit: its knee actuator may overheat."""
    notice = {
        "recall_id": "R-2026-007",
        "issuer": "acme",
        "issued_at": T0 + 45 * DAY,
        "population": {"manufacturer": "0042", "models": ["A3W0F5"],
                       "unit_ranges": [{"first": subject[12:25], "last": subject[12:25]}], "codes": []},
        "defect": "left knee actuator may overheat under sustained load",
        "remedy": "replace the left knee actuator",
    }
    return hrid.sign_recall(notice, ACME)


def status_feed(scrapped: str, scrapped_life, recalled: str, recalled_life, recall: bytes) -> bytes:
    """The registry's status feed at ``AT`` (issued an hour before, for a day): the robots that are
    not active, each with the head of its chain, and the recall notice in force beside it."""
    report = VERIFIER.verify_recall(recall, AT)
    assert report.recall is not None, report
    feed = {
        "registry": "registry",
        "version": 1,
        "issued_at": AT - 3_600,
        "expires_at": AT + DAY - 3_600,
        "previous": None,
        "recalls": [report.recall["statement_hash"]],
        "robots": sorted([
            {"code": scrapped, "status": "scrapped", "since": T0 + 50 * DAY,
             "head": {"seq": len(scrapped_life) - 1, "statement_hash": _statement_hash(scrapped_life[-1])}},
            {"code": recalled, "status": "recalled_open", "since": T0 + 45 * DAY,
             "head": {"seq": len(recalled_life) - 1, "statement_hash": _statement_hash(recalled_life[-1])}},
        ], key=lambda r: r["code"]),
    }
    return hrid.sign_status_feed(feed, REGISTRY, [recall])


def bundle(subject: str, attestations, recalls=()) -> bytes:
    """A history bundle (docs/histories.md): the robot, its envelopes in chain order, its recalls."""
    return json.dumps({
        "subject": subject,
        "attestations": [json.loads(e) for e in attestations],
        "recalls": [json.loads(r) for r in recalls],
        "passport": None,
    }, separators=(",", ":")).encode()


def main() -> None:
    if SAMPLE.exists():
        shutil.rmtree(SAMPLE)
    (SAMPLE / "histories").mkdir(parents=True)
    (SAMPLE / "trust-list.dsse.json").write_bytes(hrid.TrustList.sign(TRUST_LIST, ROOT))
    (SAMPLE / "root-keys.txt").write_text(ROOT.verifying_key.to_hex() + "\n")

    good = [code(str(u)) for u in (1001, 1002, 1003)]
    tampered, stranger_sold, no_history = code("1004"), code("1005"), code("1006")
    scrapped, recalled = code("1008"), code("1009")
    robots = {c: bundle(c, life(c)) for c in good}
    robots[tampered] = bundle(tampered, life(tampered, tamper=True))
    robots[stranger_sold] = bundle(stranger_sold, life(stranger_sold, signer_for_sale=STRANGER))
    scrapped_life, recalled_life, recall = life(scrapped, scrapped=True), life(recalled), recall_for(recalled)
    robots[scrapped] = bundle(scrapped, scrapped_life)
    robots[recalled] = bundle(recalled, recalled_life, [recall])
    (SAMPLE / "status-feed.json").write_bytes(
        status_feed(scrapped, scrapped_life, recalled, recalled_life, recall)
    )
    for subject, data in robots.items():
        (SAMPLE / "histories" / f"{subject}.json").write_bytes(data)

    typo = good[1][:-1] + ("X" if good[1][-1] != "X" else "Y")
    display = hrid.IdentityCode(good[2]).display_form.lower()
    rows = [
        (good[0], "Walker A3", "Shanghai warehouse 2"),
        (typo, "Walker A3", "Shanghai warehouse 2"),
        (display, "Walker A3", "Suzhou showroom"),
        (tampered, "Walker A3", "Hangzhou client site"),
        (stranger_sold, "Walker A3", "Ningbo depot"),
        (no_history, "Walker A3", "Shanghai warehouse 1"),
        ("86-0042-A3W0F5-00000001007", "Walker A3", "Unknown"),
        (scrapped, "Walker A3", "Wuxi returns yard"),
        (recalled, "Walker A3", "Suzhou showroom"),
    ]
    with (SAMPLE / "inventory.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "model", "location"])
        w.writerows(rows)
    print(f"wrote {SAMPLE}")


if __name__ == "__main__":
    main()

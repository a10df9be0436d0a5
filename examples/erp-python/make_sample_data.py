"""Regenerate the sample data of this example (deterministic: fixed seeds, fixed times).

    python examples/erp-python/make_sample_data.py

Writes, beside this script: sample/inventory.csv, sample/trust-list.dsse.json,
sample/root-keys.txt and sample/envelopes/<code>/*.dsse.json. Seeds are public test seeds: never
use them for anything real.
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


def key(name: str) -> hrid.SigningKey:
    return hrid.SigningKey.from_seed(hashlib.sha256(b"hrid erp sample key: " + name.encode()).digest())


ROOT, ACME, DEALER, STRANGER = key("root"), key("acme"), key("dealer"), key("stranger")


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
        participant("acme", "ACME Robotics", ["manufacturer"], ACME, ["0042"]),
        participant("dealer-sh", "Shanghai Robot Trading", ["dealer"], DEALER),
    ],
    "permissions": {
        "manufacturer": ["manufactured", "shipped", "software_updated", "maintained"],
        "dealer": ["received", "sold", "shipped", "transferred"],
    },
}


VERIFIER = hrid.Verifier(
    hrid.TrustList.verify(hrid.TrustList.sign(TRUST_LIST, ROOT), ROOT.verifying_key, 1, 0, T0)
)


def code(unit: str) -> str:
    return str(hrid.IdentityCode.from_fields("86", "0042", "A3W0F5", unit))


def life(subject: str, *, signer_for_sale=DEALER, tamper=False):
    """A robot's envelopes: manufactured, shipped, sold (chained by statement hash)."""
    events = [
        ("acme", ACME, T0 + 10 * DAY, {
            "type": "manufactured", "model": "A3W0F5", "production_date": T0 + 10 * DAY,
            "firmware": "1.4.2", "components": [{"kind": "battery_pack", "serial": f"BAT-{subject[-8:]}"}],
        }),
        ("acme", ACME, T0 + 12 * DAY, {"type": "shipped", "to": "dealer-sh"}),
        ("dealer-sh", signer_for_sale, T0 + 40 * DAY, {"type": "sold", "buyer": "cust-8841"}),
    ]
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


def main() -> None:
    if SAMPLE.exists():
        shutil.rmtree(SAMPLE)
    (SAMPLE / "envelopes").mkdir(parents=True)
    (SAMPLE / "trust-list.dsse.json").write_bytes(hrid.TrustList.sign(TRUST_LIST, ROOT))
    (SAMPLE / "root-keys.txt").write_text(ROOT.verifying_key.to_hex() + "\n")

    good = [code(str(u)) for u in (1001, 1002, 1003)]
    tampered, stranger_sold, no_history = code("1004"), code("1005"), code("1006")
    robots = {c: life(c) for c in good}
    robots[tampered] = life(tampered, tamper=True)
    robots[stranger_sold] = life(stranger_sold, signer_for_sale=STRANGER)
    for subject, envelopes in robots.items():
        folder = SAMPLE / "envelopes" / subject
        folder.mkdir()
        for seq, envelope in enumerate(envelopes):
            (folder / f"{seq:02d}.dsse.json").write_bytes(envelope)

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
    ]
    with (SAMPLE / "inventory.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code", "model", "location"])
        w.writerows(rows)
    print(f"wrote {SAMPLE}")


if __name__ == "__main__":
    main()

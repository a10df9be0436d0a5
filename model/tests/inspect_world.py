"""Print a recorded world's statements and differences (a tool for minimising cases by hand)."""

from __future__ import annotations

import base64
import json
import sys
from typing import Any


def statements(bundle: str) -> list[Any]:
    out: list[Any] = []
    try:
        b = json.loads(bundle)
    except ValueError:
        return ["<not json>"]
    for e in b.get("attestations", []) + b.get("recalls", []):
        try:
            p = json.loads(base64.b64decode(e["payload"]))
            ev = p.get("event", {})
            out.append({k: p.get(k) for k in ("seq", "time", "issuer", "recall_id", "issued_at", "population")}
                       | {"ev": {k: v for k, v in ev.items() if k != "components"}, "kid": e["signatures"][0].get("keyid")})
        except Exception as x:  # noqa: BLE001
            out.append(f"<{x}>")
    return out


if __name__ == "__main__":
    d = json.load(open(sys.argv[1]))
    w = d["world"]
    print(json.dumps(d["diffs"])[:2000])
    tl = json.loads(base64.b64decode(json.loads(w["trust_list"])["payload"]))
    for p in tl["participants"]:
        print(" ", p["id"], p["roles"], [(k["public_key"][:6], k["valid_from"], k["valid_until"], k.get("compromised_since")) for k in p["keys"]])
    print("at", w["at"], "tl_at", w["trust_list_at"], "custody_at", w["custody_at"], "code", w["code"], w["policy"], "pp", bool(w["passport"]), "hist", w.get("access_history"))
    for s in statements(w["bundle"]):
        print("  ", json.dumps(s)[:300])

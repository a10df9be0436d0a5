"""Trust lists (docs/attestations.md section 4): shape, rules, k-of-n verification, the key rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import ed25519, envelope, jsondoc
from .code import VALUE
from .envelope import Envelope, EnvelopeProblem
from .findings import Findings

ROLES = (
    "registry", "regulator", "manufacturer", "parts_supplier", "logistics", "dealer",
    "operator", "maintainer", "recycler",
)
EVENT_TYPES = (
    "manufactured", "registered", "shipped", "received", "sold", "transferred", "deployed",
    "telemetry", "maintained", "part_replaced", "software_updated", "recall_remedied",
    "suspended", "reinstated", "decommissioned", "scrapped", "dismantled",
)
PARTICIPANT_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
CLOCK_SKEW = 300
GRACE = 604_800
U64 = (0, 2**64 - 1)


@dataclass(frozen=True)
class Key:
    public_key: bytes
    valid_from: int
    valid_until: int
    compromised_since: int | None

    @property
    def key_id(self) -> str:
        return ed25519.key_id(self.public_key)


@dataclass(frozen=True)
class Participant:
    id: str
    roles: tuple[str, ...]
    scope: tuple[str, ...] | None  # None: any manufacturer
    keys: tuple[Key, ...]

    def in_scope(self, manufacturer: str) -> bool:
        return self.scope is None or manufacturer in self.scope


@dataclass(frozen=True)
class TrustList:
    version: int
    issued_at: int
    expires_at: int
    root_threshold: int
    root_keys: tuple[bytes, ...]
    participants: tuple[Participant, ...]
    permissions: dict[str, tuple[str, ...]]

    def participant(self, pid: str) -> Participant | None:
        return next((p for p in self.participants if p.id == pid), None)

    def owner_of(self, public_key: bytes) -> tuple[Participant, Key] | None:
        for p in self.participants:
            for k in p.keys:
                if k.public_key == public_key:
                    return p, k
        return None

    def permitted(self, p: Participant, event_type: str) -> bool:
        return any(event_type in self.permissions.get(r, ()) for r in p.roles)


class TrustListError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# ---- reading a list -------------------------------------------------------------------------

def _hex_key(v: Any) -> bytes:
    if not isinstance(v, str) or not re.fullmatch(r"[0-9a-f]{64}", v):
        raise TrustListError("trust_list.malformed")
    return bytes.fromhex(v)


def _time(v: Any) -> int:
    if not jsondoc.is_int(v, *jsondoc.I64):
        raise TrustListError("trust_list.malformed")
    return int(v)


def _fields(obj: Any, required: set[str], optional: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    if not isinstance(obj, dict) or not required <= set(obj) <= required | optional:
        raise TrustListError("trust_list.malformed")
    return obj


def read(payload: bytes) -> TrustList:
    """Step 3 of 4.1: pre-check, shape (`trust_list.malformed`), rules (`trust_list.invalid`)."""
    try:
        doc = jsondoc.load(payload)
    except jsondoc.JsonProblem as p:
        raise TrustListError("trust_list." + p.kind) from None
    doc = _fields(doc, {"version", "issued_at", "expires_at", "roots", "participants", "permissions"})
    if not jsondoc.is_int(doc["version"], *U64):
        raise TrustListError("trust_list.malformed")
    roots = _fields(doc["roots"], {"threshold", "keys"})
    if not jsondoc.is_int(roots["threshold"], *U64) or not isinstance(roots["keys"], list):
        raise TrustListError("trust_list.malformed")
    root_keys = tuple(_hex_key(k) for k in roots["keys"])
    if not isinstance(doc["participants"], list):
        raise TrustListError("trust_list.malformed")
    participants = tuple(_participant(p) for p in doc["participants"])
    perms = doc["permissions"]
    if not isinstance(perms, dict):
        raise TrustListError("trust_list.malformed")
    permissions: dict[str, tuple[str, ...]] = {}
    for role, events in perms.items():
        if role not in ROLES or not isinstance(events, list):
            raise TrustListError("trust_list.malformed")
        if any(e not in EVENT_TYPES for e in events):
            raise TrustListError("trust_list.malformed")
        permissions[role] = tuple(events)
    tl = TrustList(
        version=doc["version"], issued_at=_time(doc["issued_at"]),
        expires_at=_time(doc["expires_at"]), root_threshold=roots["threshold"],
        root_keys=root_keys, participants=participants, permissions=permissions,
    )
    _check_rules(tl)
    return tl


def _participant(obj: Any) -> Participant:
    p = _fields(obj, {"id", "name", "roles", "keys"}, {"scope"})
    if not isinstance(p["id"], str) or not isinstance(p["name"], str):
        raise TrustListError("trust_list.malformed")
    if not isinstance(p["roles"], list) or any(r not in ROLES for r in p["roles"]):
        raise TrustListError("trust_list.malformed")
    scope = None
    if "scope" in p:
        s = _fields(p["scope"], {"manufacturers"})
        if not isinstance(s["manufacturers"], list) or any(
            not isinstance(m, str) for m in s["manufacturers"]
        ):
            raise TrustListError("trust_list.malformed")
        scope = tuple(s["manufacturers"])
    if not isinstance(p["keys"], list):
        raise TrustListError("trust_list.malformed")
    keys = []
    for k in p["keys"]:
        k = _fields(k, {"public_key", "valid_from", "valid_until"}, {"compromised_since"})
        keys.append(Key(
            public_key=_hex_key(k["public_key"]), valid_from=_time(k["valid_from"]),
            valid_until=_time(k["valid_until"]),
            # null reads as absent (docs/attestations.md section 4, clarified)
            compromised_since=None if k.get("compromised_since") is None else _time(k["compromised_since"]),
        ))
    return Participant(p["id"], tuple(p["roles"]), scope, tuple(keys))


def _check_rules(tl: TrustList) -> None:
    def invalid(ok: bool) -> None:
        if not ok:
            raise TrustListError("trust_list.invalid")

    invalid(tl.version >= 1)
    invalid(tl.issued_at < tl.expires_at)
    invalid(len(tl.root_keys) > 0 and len(set(tl.root_keys)) == len(tl.root_keys))
    invalid(1 <= tl.root_threshold <= len(tl.root_keys))
    ids = [p.id for p in tl.participants]
    invalid(len(set(ids)) == len(ids))
    seen_keys: list[bytes] = []
    for p in tl.participants:
        invalid(PARTICIPANT_ID.fullmatch(p.id) is not None)
        invalid(len(p.roles) > 0 and len(set(p.roles)) == len(p.roles))
        if p.scope is not None:
            invalid(len(p.scope) > 0)
            invalid(all(len(m) == 4 and all(c in VALUE for c in m) for m in p.scope))
        if "manufacturer" in p.roles:
            invalid(p.scope is not None)
        for k in p.keys:
            invalid(k.valid_from < k.valid_until)
            seen_keys.append(k.public_key)
    invalid(len(set(seen_keys)) == len(seen_keys))


# ---- thresholds and the verification of a list ----------------------------------------------

def verified_keys(
    env: Envelope, keys: list[bytes] | tuple[bytes, ...], empty_names_any: bool = True,
) -> tuple[set[bytes], bool]:
    """The distinct keys under which some signature verifies (trying a key only for signatures
    whose keyid is its key ID, or empty when `empty_names_any`: root keys, not participants'),
    and whether some signature that had a matching key verified under none of them."""
    good: set[bytes] = set()
    some_failed = False
    names = ("", ) if empty_names_any else ()
    for keyid, sig in env.signatures:
        matching = [k for k in dict.fromkeys(keys) if keyid in names or keyid == ed25519.key_id(k)]
        ok = [k for k in matching if ed25519.verify_strict(k, env.pae, sig)]
        good.update(ok)
        if matching and not ok:
            some_failed = True
    return good, some_failed


def _threshold(env: Envelope, keys: tuple[bytes, ...], threshold: int) -> None:
    good, some_failed = verified_keys(env, keys)
    if len(good) < threshold:
        # signature.invalid only when nothing verified at all (tc 5 of trust-lists.json: a good
        # signature beside one under a wrong keyid is a threshold problem, not a forgery)
        failed = some_failed and not good
        raise TrustListError("signature.invalid" if failed else "trust_list.threshold_not_met")


def standing(expires_at: int, at: int, grace: int) -> str:
    """4.1 step 7: `trust_list.current`, `trust_list.expired_grace` or `trust_list.expired`."""
    if at <= expires_at:
        return "trust_list.current"
    if at <= expires_at + grace:
        return "trust_list.expired_grace"
    return "trust_list.expired"


def record_standing(findings: Findings, code: str) -> None:
    if code == "trust_list.current":
        findings.ok(code)
    elif code == "trust_list.expired_grace":
        findings.warn(code)
    else:
        findings.indeterminate(code)


@dataclass(frozen=True)
class Verified:
    trust_list: TrustList
    warnings: tuple[str, ...]


def verify(
    data: bytes, anchor_keys: list[bytes], anchor_threshold: int, highest_seen_version: int,
    at: int, clock_skew: int = CLOCK_SKEW, grace: int = GRACE,
) -> Verified:
    """TrustList::verify, steps 1 to 7 of 4.1; raises TrustListError with the reason code."""
    if not anchor_keys or len(set(anchor_keys)) != len(anchor_keys):
        raise TrustListError("trust_list.anchor_invalid")
    if not 1 <= anchor_threshold <= len(anchor_keys):
        raise TrustListError("trust_list.anchor_invalid")
    env = _envelope(data)
    _threshold(env, tuple(anchor_keys), anchor_threshold)
    tl = read(env.payload)
    _threshold(env, tl.root_keys, tl.root_threshold)
    if tl.version < highest_seen_version:
        raise TrustListError("trust_list.rollback")
    return _times(tl, at, clock_skew, grace)


def verify_update(
    data: bytes, previous: TrustList, at: int, clock_skew: int = CLOCK_SKEW, grace: int = GRACE
) -> Verified:
    env = _envelope(data)
    _threshold(env, previous.root_keys, previous.root_threshold)
    tl = read(env.payload)
    _threshold(env, tl.root_keys, tl.root_threshold)
    if tl.version <= previous.version:
        raise TrustListError("trust_list.rollback")
    if tl.version > previous.version + 1:
        raise TrustListError("trust_list.version_skipped")
    return _times(tl, at, clock_skew, grace)


def _envelope(data: bytes) -> Envelope:
    try:
        return envelope.parse(data, envelope.TRUST_LIST, envelope.MAX_TRUST_LIST_BYTES)
    except EnvelopeProblem as p:
        raise TrustListError(p.code) from None


def _times(tl: TrustList, at: int, clock_skew: int, grace: int) -> Verified:
    if tl.issued_at > at + clock_skew:
        raise TrustListError("trust_list.not_yet_valid")
    code = standing(tl.expires_at, at, grace)
    if code == "trust_list.expired":
        raise TrustListError(code)
    return Verified(tl, (code,) if code == "trust_list.expired_grace" else ())


# ---- the key rule (4.1 step 7 of section 5) -------------------------------------------------

def key_status(key: Key, time: int) -> str:
    """`key.valid`, `key.not_yet_valid`, `key.expired` or `key.compromised` at `time`."""
    if key.compromised_since is not None and time >= key.compromised_since:
        return "key.compromised"  # the gravest answer first (docs/attestations.md section 5)
    if time < key.valid_from:
        return "key.not_yet_valid"
    if time >= key.valid_until:
        return "key.expired"
    return "key.valid"


def apply_key_rule(findings: Findings, keys: list[Key], time: int) -> None:
    """Uses a valid key if any; records `key.*` and the warning `key.compromised_later`."""
    statuses = [(key_status(k, time), k) for k in keys]
    status, key = next(((s, k) for s, k in statuses if s == "key.valid"), statuses[0])
    if status == "key.valid":
        findings.ok(status)
        if key.compromised_since is not None and key.compromised_since > time:
            findings.warn("key.compromised_later")  # only beside a valid key (docs clarified)
    else:
        findings.fail(status)


@dataclass(frozen=True)
class Verifier:
    """Verifier::new(verified_trust_list, options)."""

    trust_list: TrustList
    clock_skew: int = CLOCK_SKEW
    grace: int = GRACE

    def standing(self, at: int) -> str:
        return standing(self.trust_list.expires_at, at, self.grace)

    def signer_keys(self) -> list[bytes]:
        return [k.public_key for p in self.trust_list.participants for k in p.keys]

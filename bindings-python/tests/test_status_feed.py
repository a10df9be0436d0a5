"""The registry's status feed through the Python API: every case of test-vectors/status-feed.json
(compared as core/tests/history_vectors.rs compares them: verdict, finding codes as sorted sets,
the feed's version), the `StatusFeed` handle, and the feed passed on to decisions and histories
(the access cases of histories.json that carry a feed)."""

from datetime import timedelta

import pytest

import hrid

from conftest import case_verifier, check_every_case, corpus_or_skip
from test_history_vectors import buckets, case_status_feed, codes, history_corpus


def test_every_status_feed_case():
    doc, cases = history_corpus("status-feed.json")

    def run_one(case):
        v = case_verifier(doc, case)
        r = v.verify_status_feed(
            case["document"], case["at"], highest_seen_version=case["highest_seen_version"]
        )
        feed = r.feed
        got = {
            "verdict": r.verdict,
            **buckets(r),
            "version": feed.version if feed is not None else None,
        }
        assert got == case["expected"], f"got {got}"
        # bytes are read like str.
        again = v.verify_status_feed(
            case["document"].encode(),
            case["at"],
            highest_seen_version=case["highest_seen_version"],
        )
        assert again.to_dict() == r.to_dict()
        d = r.to_dict()
        assert d["verdict"] == r.verdict
        assert [f["code"] for f in d["failures"]] == [f.code for f in r.failures]
        if feed is None:
            assert d["feed"] is None and not r.accepted
        else:
            assert r.accepted and isinstance(feed, hrid.StatusFeed)
            assert d["feed"] == feed.to_dict()
            assert d["feed"]["feed"]["version"] == feed.version
            assert d["feed"]["statement_hash"] == feed.statement_hash
            assert len(feed.statement_hash) == 64
            assert feed.usable_until == feed.expires_at + 3600
            assert feed.issued_at < feed.expires_at
            assert feed.registry == d["feed"]["feed"]["registry"]

    check_every_case("status-feed.json", cases, run_one)


def first_accepted():
    """The first status-feed.json case whose feed is accepted, its verifier and report."""
    doc, cases = corpus_or_skip("status-feed.json")
    case = next(c for c in cases if c["expected"]["verdict"] == "accepted")
    v = case_verifier(doc, case)
    return case, v, v.verify_status_feed(case["document"], case["at"])


def test_the_handle():
    case, v, r = first_accepted()
    feed = r.feed
    assert feed is not None
    with pytest.raises(AttributeError):
        feed.version = 1  # type: ignore[misc]
    assert repr(feed).startswith("StatusFeed(") and f"version={feed.version}" in repr(feed)
    assert f"version={feed.version}" in repr(r)
    listed = feed.to_dict()["feed"]["robots"]
    for entry in listed:
        assert feed.robot(entry["code"]) == entry
    # A valid code the feed does not list: None (an active robot). An invalid one raises.
    if not any(e["code"] == "860042A3W0F50000000012345ZAR2" for e in listed):
        assert feed.robot("860042A3W0F50000000012345ZAR2") is None
    with pytest.raises(hrid.InvalidCode):
        feed.robot("860042A3W0F50000000012345ZARX")
    hashes = feed.to_dict()["feed"]["recalls"]
    assert sorted(x["statement_hash"] for x in feed.recalls) == hashes
    assert feed.to_json().startswith("{")


def test_options():
    doc, cases = corpus_or_skip("status-feed.json")
    case = next(c for c in cases if "status_feed.expired_grace" in c["expected"]["warnings"])
    v = case_verifier(doc, case)
    at = case["at"]
    # Within the default grace of an hour; without grace the same feed is expired.
    assert v.verify_status_feed(case["document"], at).verdict == "accepted"
    strict = v.verify_status_feed(case["document"], at, grace=0)
    assert strict.verdict == "indeterminate" and strict.feed is None
    assert codes(strict.failures) == ["status_feed.expired"]
    long = v.verify_status_feed(case["document"], at, grace=timedelta(days=1))
    assert long.feed is not None
    assert long.feed.usable_until == long.feed.expires_at + 86_400
    # A version below the highest seen is a rollback.
    version = long.feed.version
    assert v.verify_status_feed(case["document"], at, highest_seen_version=version).accepted
    rolled = v.verify_status_feed(case["document"], at, highest_seen_version=version + 1)
    assert "status_feed.rollback" in rolled.codes and rolled.feed is None
    with pytest.raises(TypeError):
        v.verify_status_feed(case["document"], at, grace="1h")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        v.verify_status_feed(case["document"], at, highest_seen_version=-1)
    with pytest.raises(TypeError):
        v.verify_status_feed(12, at)  # type: ignore[arg-type]


def access_case(comment_part):
    doc, cases = history_corpus("histories.json")
    case = next(c for c in cases if c["kind"] == "access" and comment_part in c["comment"])
    v = case_verifier(doc, case)
    return case, v, case_status_feed(v, case)


def test_the_feed_decides():
    # An active robot's history beside a current feed: the feed is the registry's word.
    case, v, feed = access_case("an active robot's history beside the registry's current feed")
    assert feed is not None
    code, at, bundle = case["code"], case["at"], case["bundle"]
    with_feed = v.decide_access(code, "sale", at, history=bundle, status_feed=feed)
    assert with_feed.allowed, with_feed
    without = v.decide_access(code, "sale", at, history=bundle)
    assert not without.allowed and "access.evidence_stale" in without.codes
    with pytest.raises(TypeError):
        v.decide_access(code, "sale", at, history=bundle, status_feed=feed.to_dict())  # type: ignore[arg-type]


def test_max_evidence_age():
    case, v, feed = access_case("a current feed issued two days ago")
    assert feed is not None
    code, at, bundle = case["code"], case["at"], case["bundle"]
    default = v.decide_access(code, "sale", at, history=bundle, status_feed=feed)
    assert codes(default.failures) == ["access.evidence_stale"]
    for age in (3 * 86_400, timedelta(days=3)):
        d = v.decide_access(
            code, "sale", at, history=bundle, status_feed=feed, max_evidence_age={"sale": age}
        )
        assert d.allowed, d
    # Only the policy decided is read; the others keep their defaults.
    d = v.decide_access(
        code, "sale", at, history=bundle, status_feed=feed, max_evidence_age={"listing": 1}
    )
    assert codes(d.failures) == ["access.evidence_stale"]
    with pytest.raises(ValueError):
        v.decide_access(code, "sale", at, history=bundle, max_evidence_age={"export": 1})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        v.decide_access(code, "sale", at, history=bundle, max_evidence_age=86_400)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        v.decide_access(code, "sale", at, history=bundle, max_evidence_age={"sale": "1d"})  # type: ignore[dict-item]


def test_histories_with_the_feed():
    # A bundle whose recall notices were removed: the feed's notices in force still apply.
    case, v, feed = access_case("a bundle whose recall notices were removed")
    assert feed is not None
    at, bundle = case["at"], case["bundle"]
    alone = v.verify_history(bundle, at)
    held = v.verify_history(bundle, at, status_feed=feed)
    assert held.to_dict() != alone.to_dict()
    assert held.health is not None and held.health["open_recalls"]
    assert not (alone.health or {}).get("open_recalls")
    for batch in (False, True):
        many = v.verify_histories([bundle, bundle], at, batch=batch, status_feed=feed)
        assert [r.to_dict() for r in many] == [held.to_dict()] * 2
    audit = v.audit({"robot": bundle}, at, status_feed=feed)
    assert audit.robots[0][1].to_dict() == held.to_dict()
    custody = v.custody(bundle, at, at, status_feed=feed)
    assert custody.to_dict() != v.custody(bundle, at, at).to_dict()
    with pytest.raises(TypeError):
        v.verify_history(bundle, at, status_feed="feed")  # type: ignore[arg-type]


def test_a_conflicting_bundle():
    case, v, feed = access_case("a bundle cut short before its scrapping, beside the feed that says")
    assert feed is not None
    r = v.verify_history(case["bundle"], case["at"], status_feed=feed)
    assert "history.registry_conflict" in r.codes and r.verdict != "accepted"
    assert "history.registry_conflict" not in v.verify_history(case["bundle"], case["at"]).codes


def test_sign_status_feed_round_trip():
    from conftest import AT, CODE, T0, seed_key, trust_list_document

    root, registry = seed_key(1), seed_key(7)
    document = trust_list_document()
    document["participants"].append({
        "id": "registry",
        "name": "Registry",
        "roles": ["registry"],
        "keys": [{
            "public_key": registry.verifying_key.to_hex(),
            "valid_from": T0,
            "valid_until": T0 + 2 * 365 * 86_400,
        }],
    })
    trust_list = hrid.TrustList.verify(
        hrid.TrustList.sign(document, root), root.verifying_key, 1, 0, AT
    )
    v = hrid.Verifier(trust_list)
    feed = {
        "registry": "registry",
        "version": 3,
        "issued_at": AT - 60,
        "expires_at": AT + 3_600,
        "previous": None,
        "recalls": [],
        "robots": [{"code": CODE, "status": "suspended", "head": None, "since": AT - 100}],
    }
    r = v.verify_status_feed(hrid.sign_status_feed(feed, registry), AT)
    assert r.accepted and r.feed is not None, r
    assert r.feed.robot(CODE) == feed["robots"][0]
    assert r.to_dict()["feed"]["feed"] == feed
    # The feed passed on: the suspended robot may not be sold, whatever else is shown.
    d = v.decide_access(CODE, "sale", AT, status_feed=r.feed)
    assert not d.allowed
    # Signed by a key that is not the registry's: refused.
    other = v.verify_status_feed(hrid.sign_status_feed(feed, seed_key(2)), AT)
    assert other.feed is None and not other.accepted
    for bad in ({**feed, "version": 0}, {**feed, "extra": 1}, "{"):
        with pytest.raises(hrid.InvalidDocument) as e:
            hrid.sign_status_feed(bad, registry)
        assert e.value.code == "status_feed.malformed"
    with pytest.raises(hrid.InvalidDocument) as e:
        hrid.sign_status_feed(feed, registry, [b"{}"])
    assert e.value.code.startswith("envelope.")
    with pytest.raises(TypeError):
        hrid.sign_status_feed(feed, "key")  # type: ignore[arg-type]

"""Benchmarks of the Python binding (a measurement, not a test). In one run:

1. Ed25519 verification of the same messages and signatures through hrid
   (``VerifyingKey.verify``, strict), PyNaCl (libsodium) and ``cryptography`` (OpenSSL).
   Target: hrid's time per verification <= 0.9x PyNaCl's.
2. Bulk identity-code validation of 29-character strings: ``hrid.code.validate_many`` against
   python-stdnum's ``iso7064.mod_37_36.is_valid`` in a Python loop (the nearest stdnum check
   routine). Target: hrid's throughput >= 20x python-stdnum's.

Run with a release build (``pip install ./bindings-python`` builds one):

    pip install -r bindings-python/bench/requirements.txt
    python bindings-python/bench/bench.py [--quick] [--markdown]
    python bindings-python/bench/bench.py --inputs bench/out/inputs.json --json out.json

With ``--inputs`` (the shared inputs of ``bench/run.sh``) the same key, messages, attestation
envelopes and codes as every other surface are used, and ``--json`` writes the figures for the
cross-surface report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from typing import Callable, List, Optional, Tuple

import hrid


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """Median wall time of ``repeats`` runs of ``fn`` (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def verification(
    n: int, repeats: int, shared: Optional[dict] = None
) -> List[Tuple[str, float]]:
    import nacl.signing
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if shared is not None:
        public = hrid.VerifyingKey.from_hex(shared["public_key"])
        base = [(bytes.fromhex(m["message"]), bytes.fromhex(m["signature"])) for m in shared["messages"]]
        pairs = (base * (n // len(base) + 1))[:n]
    else:
        rng = random.Random(1)
        key = hrid.SigningKey.from_seed(bytes(rng.randrange(256) for _ in range(32)))
        messages = [bytes(rng.randrange(256) for _ in range(rng.randrange(64, 256))) for _ in range(n)]
        pairs = list(zip(messages, [key.sign(m) for m in messages]))
        public = key.verifying_key
    nacl_key = nacl.signing.VerifyKey(public.to_bytes())
    openssl_key = Ed25519PublicKey.from_public_bytes(public.to_bytes())
    # Same verdicts on the same inputs first.
    assert all(public.verify(m, s) for m, s in pairs)
    for m, s in pairs[:10]:
        nacl_key.verify(m, s)
        openssl_key.verify(s, m)

    def run_hrid() -> None:
        verify = public.verify
        for m, s in pairs:
            verify(m, s)

    def run_nacl() -> None:
        verify = nacl_key.verify
        for m, s in pairs:
            verify(m, s)

    def run_openssl() -> None:
        verify = openssl_key.verify
        for m, s in pairs:
            verify(s, m)

    return [
        ("hrid VerifyingKey.verify (strict)", best_of(repeats, run_hrid) / n),
        ("PyNaCl VerifyKey.verify (libsodium)", best_of(repeats, run_nacl) / n),
        ("cryptography Ed25519PublicKey.verify (OpenSSL)", best_of(repeats, run_openssl) / n),
    ]


def attestation_verification(shared: dict, n: int, repeats: int) -> float:
    """Seconds per ``Verifier.verify`` of the shared attestation envelopes."""
    root = hrid.VerifyingKey.from_hex(shared["root_public_key"])
    at = shared["at"]
    verifier = hrid.Verifier(hrid.TrustList.verify(shared["trust_list"].encode(), root, 1, 0, at))
    envelopes = [e.encode() for e in shared["envelopes"]]
    assert all(verifier.verify(e, at).verdict == "accepted" for e in envelopes)
    batch = (envelopes * (n // len(envelopes) + 1))[:n]

    def run() -> None:
        verify = verifier.verify
        for e in batch:
            verify(e, at)

    return best_of(repeats, run) / n


def bulk_codes(
    n_hrid: int, n_stdnum: int, repeats: int, shared: Optional[dict] = None
) -> List[Tuple[str, float]]:
    from stdnum.iso7064 import mod_37_36

    if shared is not None:
        base = shared["codes"]
        codes = (base * (n_hrid // len(base) + 1))[:n_hrid]
    else:
        rng = random.Random(2)
        alphabet = hrid.code.ALPHABET
        codes = []
        for i in range(n_hrid):
            body = "".join(rng.choice(alphabet) for _ in range(25))
            code = str(hrid.IdentityCode.from_fields(body[:2], body[2:6], body[6:12], body[12:]))
            # One in ten mistyped, as in real inventories.
            if i % 10 == 0:
                code = code[:-1] + ("0" if code[-1] != "0" else "1")
            codes.append(code)
        assert sum(hrid.code.validate_many(codes)) == n_hrid - len(range(0, n_hrid, 10))
    stdnum_codes = codes[:n_stdnum]

    def run_hrid_bulk() -> None:
        hrid.code.validate_many(codes)

    def run_hrid_loop() -> None:
        is_valid = hrid.code.is_valid
        for c in stdnum_codes:
            is_valid(c)

    def run_stdnum() -> None:
        is_valid = mod_37_36.is_valid
        for c in stdnum_codes:
            is_valid(c)

    return [
        ("hrid.code.validate_many (one call)", n_hrid / best_of(repeats, run_hrid_bulk)),
        ("hrid.code.is_valid (Python loop)", n_stdnum / best_of(repeats, run_hrid_loop)),
        ("stdnum iso7064.mod_37_36.is_valid (Python loop)", n_stdnum / best_of(repeats, run_stdnum)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument("--inputs", help="the shared inputs of bench/run.sh (JSON)")
    parser.add_argument("--json", dest="json_out", help="write the figures as JSON to this file")
    args = parser.parse_args()
    shared = None
    if args.inputs:
        with open(args.inputs, encoding="utf-8") as f:
            shared = json.load(f)
    n_sig, n_codes, n_stdnum, repeats = (200, 20_000, 2_000, 3) if args.quick else (2_000, 1_000_000, 50_000, 5)

    from importlib.metadata import version

    print(
        f"python {platform.python_version()}, hrid {hrid.__version__}, "
        f"PyNaCl {version('pynacl')}, cryptography {version('cryptography')}, "
        f"python-stdnum {version('python-stdnum')}; {os.cpu_count()} CPUs, {platform.machine()}"
    )
    ver = verification(n_sig, repeats, shared)
    bulk = bulk_codes(n_codes, n_stdnum, repeats, shared)
    attestation = attestation_verification(shared, n_sig, repeats) if shared else None
    nacl_time = ver[1][1]
    stdnum_rate = bulk[2][1]
    ratio = ver[0][1] / nacl_time
    speedup = bulk[0][1] / stdnum_rate

    if args.markdown:
        print(f"\n| Ed25519 verification ({n_sig} messages of 64-255 bytes) | time per call | vs PyNaCl |")
        print("| --- | ---: | ---: |")
        for name, t in ver:
            print(f"| {name} | {t * 1e6:.1f} µs | {t / nacl_time:.2f}x |")
        print(f"\n| 29-character code validation | throughput | vs python-stdnum |")
        print("| --- | ---: | ---: |")
        for name, rate in bulk:
            print(f"| {name} | {rate / 1e6:.2f} M codes/s | {rate / stdnum_rate:.0f}x |")
    else:
        for name, t in ver:
            print(f"{name:50s} {t * 1e6:8.1f} µs/verify  ({t / nacl_time:.2f}x PyNaCl)")
        for name, rate in bulk:
            print(f"{name:50s} {rate / 1e6:8.2f} M codes/s ({rate / stdnum_rate:.0f}x stdnum)")
    if args.json_out:
        names = ["hrid_key_verify", "pynacl_verify", "cryptography_verify"]
        results = [
            {"name": name, "ns_per_op": t * 1e9, "ops_per_run": n_sig}
            for name, (_, t) in zip(names, ver)
        ]
        if attestation is not None:
            results.append({"name": "attestation_verify", "ns_per_op": attestation * 1e9, "ops_per_run": n_sig})
        for name, (_, rate) in zip(["hrid_validate_many", "hrid_is_valid_loop", "stdnum_is_valid_loop"], bulk):
            results.append({"name": name, "ns_per_op": 1e9 / rate, "ops_per_run": n_codes})
        from importlib.metadata import version as v

        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump({
                "surface": "python",
                "versions": {"python": platform.python_version(), "hrid": hrid.__version__,
                             "pynacl": v("pynacl"), "cryptography": v("cryptography"),
                             "python-stdnum": v("python-stdnum")},
                "repeats": repeats,
                "results": results,
            }, f, indent=1)
    ok_verify = ratio <= 0.9
    ok_bulk = speedup >= 20
    print(
        f"\ntarget verify <= 0.9x PyNaCl: {ratio:.2f}x {'met' if ok_verify else 'NOT met'}; "
        f"target bulk >= 20x python-stdnum: {speedup:.0f}x {'met' if ok_bulk else 'NOT met'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

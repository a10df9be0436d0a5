"""Collect the per-surface figures of bench/run.sh into one table, one JSON file and one chart.

    python bench/report.py OUT_DIR [--chart PATH] [--markdown PATH]

Reads OUT_DIR/{rust,node,python,jvm,machine}.json (whatever is present), checks every target of
issue #10 as a ratio within this one run, and writes OUT_DIR/results.json and OUT_DIR/results.md
(and the chart, a PNG, with matplotlib).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

SURFACES = ["rust", "node", "python", "jvm"]

#: (surface, label, numerator, denominator, kind, bound): ratio = num / den (times per op), or for
#: "speedup" den / num; "size" compares a byte count. `met` when ratio <= bound (>= for speedups).
TARGETS = [
    ("rust", "attestation verify vs raw verify_strict", "attestation_verify", "raw_verify_strict", "ratio", 1.10),
    ("rust", "batched history per event vs raw verify_strict", "history_batch_per_event", "raw_verify_strict", "ratio", 0.45),
    ("node", "hrid (wasm) faster than @noble/ed25519", "hrid_key_verify", "noble_verify", "speedup", 8.0),
    ("node", "hrid (wasm) vs libsodium.js", "hrid_key_verify", "libsodium_verify", "ratio", 1.0),
    ("node", ".wasm gzip size (KB)", "wasm_gzip_bytes", None, "size", 120 * 1024),
    ("python", "hrid vs PyNaCl", "hrid_key_verify", "pynacl_verify", "ratio", 0.9),
    ("python", "bulk code validation vs python-stdnum", "hrid_validate_many", "stdnum_is_valid_loop", "speedup", 20.0),
    ("jvm", "hrid (Kotlin) vs BouncyCastle", "hrid_key_verify", "bouncycastle_verify", "ratio", 0.6),
]

#: Contenders drawn in the chart: (surface, result name, label).
CHART = [
    ("rust", "raw_verify_strict", "Rust: ed25519-dalek verify_strict"),
    ("rust", "hrid_key_verify", "Rust: hrid"),
    ("node", "hrid_key_verify", "Node: hrid (wasm)"),
    ("node", "libsodium_verify", "Node: libsodium.js"),
    ("node", "noble_verify", "Node: @noble/ed25519"),
    ("node", "node_crypto_verify", "Node: node:crypto (OpenSSL)"),
    ("python", "hrid_key_verify", "Python: hrid"),
    ("python", "pynacl_verify", "Python: PyNaCl"),
    ("python", "cryptography_verify", "Python: cryptography"),
    ("jvm", "hrid_key_verify", "JVM: hrid (Kotlin)"),
    ("jvm", "bouncycastle_verify", "JVM: BouncyCastle"),
    ("jvm", "jdk_verify", "JVM: JDK Ed25519"),
]


def load(out: Path) -> Dict[str, dict]:
    docs = {}
    for name in SURFACES + ["machine"]:
        path = out / f"{name}.json"
        if path.is_file():
            docs[name] = json.loads(path.read_text(encoding="utf-8"))
    return docs


def value(docs: Dict[str, dict], surface: str, name: str) -> Optional[float]:
    doc = docs.get(surface)
    if doc is None:
        return None
    for r in doc.get("results", []):
        if r["name"] == name:
            return float(r["ns_per_op"])
    return doc.get("sizes", {}).get(name)


def targets(docs: Dict[str, dict]) -> List[dict]:
    rows = []
    for surface, label, num, den, kind, bound in TARGETS:
        a = value(docs, surface, num)
        b = value(docs, surface, den) if den else None
        if a is None or (den and b is None):
            rows.append({"surface": surface, "target": label, "ratio": None, "bound": bound, "met": None})
            continue
        if kind == "ratio":
            ratio, met = a / b, a / b <= bound
        elif kind == "speedup":
            ratio, met = b / a, b / a >= bound
        else:
            ratio, met = a / 1024, a <= bound
            bound = bound / 1024
        rows.append({"surface": surface, "target": label, "ratio": ratio, "bound": bound,
                     "kind": kind, "met": met})
    return rows


def fmt_time(ns: float) -> str:
    return f"{ns / 1000:.1f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def markdown(docs: Dict[str, dict], rows: List[dict]) -> str:
    lines = []
    machine = docs.get("machine", {})
    if machine:
        lines.append(f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
                     f"load average {machine.get('load_before', '?')} before the run; "
                     f"{machine.get('date', '')}.\n")
    lines.append("| surface | operation | time per op | versions |")
    lines.append("| --- | --- | ---: | --- |")
    for s in SURFACES:
        doc = docs.get(s)
        if not doc:
            lines.append(f"| {s} | (not run) | | |")
            continue
        versions = ", ".join(f"{k} {v}" for k, v in doc.get("versions", {}).items())
        for r in doc["results"]:
            lines.append(f"| {s} | `{r['name']}` | {fmt_time(r['ns_per_op'])} | {versions} |")
            versions = ""
        for k, v in doc.get("sizes", {}).items():
            lines.append(f"| {s} | `{k}` | {v:,} B | |")
    instr = docs.get("rust", {}).get("instructions_per_op")
    if instr:
        raw = instr["raw_verify_strict"]
        lines.append("")
        lines.append("Rust, instructions per operation (callgrind; repeatable where times are not):")
        lines.append("")
        lines.append("| operation | instructions | vs raw `verify_strict` |")
        lines.append("| --- | ---: | ---: |")
        for k, v in instr.items():
            lines.append(f"| `{k}` | {v:,.0f} | {v / raw:.2f}x |")
    lines.append("")
    lines.append("| target | measured | bound | met |")
    lines.append("| --- | ---: | ---: | --- |")
    for r in rows:
        if r["ratio"] is None:
            lines.append(f"| {r['surface']}: {r['target']} | not measured | | |")
            continue
        unit = "x" if r.get("kind") != "size" else " KB"
        cmp = ">=" if r.get("kind") == "speedup" else "<="
        lines.append(f"| {r['surface']}: {r['target']} | {r['ratio']:.2f}{unit} | {cmp} {r['bound']:g}{unit} | "
                     f"{'yes' if r['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def chart(docs: Dict[str, dict], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib not installed: no chart", file=sys.stderr)
        return False
    bars: List[Tuple[str, float, str]] = []
    colours = {"rust": "#b7410e", "node": "#3c873a", "python": "#3572a5", "jvm": "#a97bff"}
    for surface, name, label in CHART:
        v = value(docs, surface, name)
        if v is not None:
            bars.append((label, v / 1000, colours[surface]))
    if not bars:
        return False
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(bars) + 1.4))
    labels = [b[0] for b in bars][::-1]
    values = [b[1] for b in bars][::-1]
    ax.barh(labels, values, color=[b[2] for b in bars][::-1])
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:,.0f} µs", va="center", fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("time per Ed25519 verification (µs, log scale; lower is better)")
    ax.set_title("hrid and the verifiers each language would otherwise use\n(one run, one machine, same messages)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--chart", type=Path)
    args = parser.parse_args()
    docs = load(args.out)
    if not any(s in docs for s in SURFACES):
        print(f"no surface results in {args.out}", file=sys.stderr)
        return 1
    rows = targets(docs)
    (args.out / "results.json").write_text(
        json.dumps({"machine": docs.get("machine"), "surfaces": {s: docs[s] for s in SURFACES if s in docs},
                    "targets": rows}, indent=1), encoding="utf-8")
    md = markdown(docs, rows)
    (args.out / "results.md").write_text(md, encoding="utf-8")
    print(md)
    if args.chart:
        chart(docs, args.chart)
    return 0


if __name__ == "__main__":
    sys.exit(main())

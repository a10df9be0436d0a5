#!/usr/bin/env python3
"""Peak memory (RSS) and time of the `hrid` command line on the worst inputs we can build
against each limit, beside an honest input of the same size (issue #19; docs/limits.md).

    cargo build --release -p hrid-cli && python3 bench/limits.py [path/to/hrid] [workdir]

Measured with GNU time (`/usr/bin/time -f "%M %e"`: peak resident set in KiB, wall seconds).
Prints a Markdown table; the targets are peak RSS under 256 MB for every command and no hostile
input more than 3x slower than the honest input of its size. A benchmark, not a test.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HRID = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "release" / "hrid"
WORK = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/hrid-limits")
AT = "2027-02-05T00:00:00Z"
ROBOT2 = "860042A3W0F50000000012346ET4W"


def measure(args: list[str], stdin: Path | None = None) -> tuple[float, float, int]:
    """(peak RSS MB, seconds, exit code) of one run."""
    cmd = ["/usr/bin/time", "-f", "%M %e", str(HRID), *args]
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as fin:
        p = subprocess.run(cmd, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    last = p.stderr.decode().strip().splitlines()[-1].split()
    return int(last[0]) / 1024, float(last[1]), p.returncode


def png(width: int, height: int, depth: int, colour: int, rows: bool) -> bytes:
    """A PNG; with `rows`, every row present (zeros, compressed: a decompression bomb in small);
    without, a header that promises pixels it does not hold."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    row = 1 + width * channels * depth // 8
    data = b""
    if rows:
        c = zlib.compressobj(9)
        zero_row = bytes(row)
        parts = [c.compress(zero_row) for _ in range(height)]
        data = b"".join(parts) + c.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    demo = WORK / "demo"
    subprocess.run([str(HRID), "demo", "--out", str(demo)], stdout=subprocess.DEVNULL, check=True)
    trust = ["--trust-list", str(demo / "trust-list.dsse.json"), "--root-key", str(demo / "keys/root-1.pub.pem"), "--at", AT]
    bundle = json.loads((demo / "histories" / f"{ROBOT2}.json").read_text())
    envs = bundle["attestations"]
    rows: list[tuple[str, str, tuple[float, float, int]]] = []

    # 1. An oversized bundle: 1 GiB (sparse), read only up to the 64 MiB limit.
    big = WORK / "big.json"
    with open(big, "wb") as f:
        f.truncate(1 << 30)
    rows.append(("verify-history", "a 1 GiB file (limit 64 MiB)", measure(["verify-history", str(big), *trust])))

    # 2. Signature floods, 4 MB: every statement with 15 more signatures, no key ID (tried against
    # no key) or a random one; beside the honest bundle repeated to the same size.
    bogus = {"keyid": "", "sig": envs[0]["signatures"][0]["sig"]}
    flooded = [dict(e, signatures=e["signatures"] + [bogus] * 15) for e in envs]
    size = len(json.dumps(flooded))
    copies = max(1, 4_000_000 // size)
    flood = WORK / "flood.json"
    flood.write_text(json.dumps(dict(bundle, attestations=flooded * copies)))
    honest_copies = max(1, os.path.getsize(flood) // len(json.dumps(envs)))
    honest = WORK / "honest.json"
    honest.write_text(json.dumps(dict(bundle, attestations=(envs * honest_copies)[:10_000])))
    rows.append(("verify-history", f"honest, {os.path.getsize(honest) // 1000} kB", measure(["verify-history", str(honest), *trust])))
    rows.append(("verify-history", f"bogus-signature flood, {os.path.getsize(flood) // 1000} kB", measure(["verify-history", str(flood), *trust])))

    # 3. code find on 50 MB: prose, near misses on every line, hyphen-joined digits.
    prose = WORK / "prose.txt"
    prose.write_text(("robot for sale, good condition, call 555 1234. " * 1_050_000)[:50_000_000])
    near = WORK / "near.txt"
    near.write_text(("860042A3W0F50000000012345ZARX\n" * 1_700_000)[:50_000_000])
    hyphens = WORK / "hyphens.txt"
    hyphens.write_text(("1-" * 25_000_000)[:50_000_000])
    for name, path in [("prose, 50 MB", prose), ("a near miss on every line, 50 MB", near), ("hyphen-joined digits, 50 MB", hyphens)]:
        rows.append(("code find", name, measure(["code", "find"], stdin=path)))

    # 4. Label images: a header promising 8192 x 8192 16-bit RGBA; a real 4096 x 4096 RGB zero
    # image (50 MB decoded, 50 KB compressed).
    header = WORK / "bomb-header.png"
    header.write_bytes(png(8192, 8192, 16, 6, rows=False))
    zeros = WORK / "bomb-zeros.png"
    zeros.write_bytes(png(4096, 4096, 8, 2, rows=True))
    rows.append(("scan", f"header-only 8192x8192 RGBA16 ({header.stat().st_size} B)", measure(["scan", str(header)])))
    rows.append(("scan", f"4096x4096 RGB of zeros ({zeros.stat().st_size // 1000} kB)", measure(["scan", str(zeros)])))

    # 5. An audit of a folder of 10,000 bundles (robot 2's history under 10,000 names).
    fleet = WORK / "fleet"
    fleet.mkdir()
    text = (demo / "histories" / f"{ROBOT2}.json").read_bytes()
    for i in range(10_000):
        (fleet / f"r{i:05}.json").write_bytes(text)
    rows.append(("audit", "10,000 bundles (one robot's history each)", measure(["audit", str(fleet), *trust])))

    print("| command | input | peak RSS | time | exit |")
    print("| --- | --- | ---: | ---: | ---: |")
    for cmd, what, (rss, secs, code) in rows:
        print(f"| `{cmd}` | {what} | {rss:.0f} MB | {secs:.2f} s | {code} |")


if __name__ == "__main__":
    main()

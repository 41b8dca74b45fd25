"""Checks the block layout of a BGZF file (a .vcf.gz or BCF): every block well formed, one
end-of-file block (empty) and only at the end; with --bcf, the records start at a block
boundary, after the header (htslib 1.20's layout, which lets blocks be copied after it).
Prints the block count; exit 1 naming what is wrong.
    bgzf_layout.py FILE [--bcf]"""

import struct
import sys
import zlib


def blocks(path):
    """(compressed size, uncompressed bytes) of each block."""
    with open(path, "rb") as f:
        data = f.read()
    at = 0
    while at < len(data):
        if data[at : at + 4] != b"\x1f\x8b\x08\x04":
            sys.exit(f"{path}: no BGZF block at byte {at}")
        xlen = struct.unpack_from("<H", data, at + 10)[0]
        extra = data[at + 12 : at + 12 + xlen]
        if extra[:4] != b"BC\x02\x00":
            sys.exit(f"{path}: block at byte {at} has no BC field")
        size = struct.unpack_from("<H", extra, 4)[0] + 1
        body = data[at + 12 + xlen : at + size - 8]
        yield size, zlib.decompress(body, -15)
        at += size


def main(path, bcf):
    sizes = [(c, u) for c, u in blocks(path)]
    empty = [i for i, (_, u) in enumerate(sizes) if not u]
    if empty != [len(sizes) - 1]:
        sys.exit(f"{path}: empty blocks at {empty} of {len(sizes)}: one end-of-file block, at the end, expected")
    if bcf:
        text = b"".join(u for _, u in sizes[:3])
        if text[:5] != b"BCF\x02\x02":
            sys.exit(f"{path}: not BCF 2.2")
        header_end = 9 + struct.unpack_from("<I", text, 5)[0]
        ends, total = set(), 0
        for _, u in sizes:
            total += len(u)
            ends.add(total)
        if header_end not in ends:
            sys.exit(f"{path}: the records do not start at a block boundary (header ends at byte {header_end})")
    print(f"{path}: {len(sizes)} blocks")


main(sys.argv[1], "--bcf" in sys.argv[2:])

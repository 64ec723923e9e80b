#!/usr/bin/env python3
"""Writes a tar archive described by a JSON spec, with Python's tarfile and gzip (the real
implementations the Swift reader must agree with). Usage: make_archive.py SPEC.json OUT

Spec: {"format": "gnu"|"pax"|"ustar", "compression": "gzip"|"none"|"gzip-multi", "global_pax": {...},
       "entries": [{"name": ..., "type": "file"|"dir"|"symlink"|"hardlink"|"fifo"|"chr"|"raw-type",
                    "text": ... | "pattern_size": N, "target": ..., "flag": "Z"}]}
Prints {"sha384": {name: hex}, "size": {name: n}} for the regular files on stdout.
Large files ("pattern_size") are generated while streaming, never held in memory.
"""
import gzip
import hashlib
import io
import json
import sys
import tarfile

FORMATS = {"gnu": tarfile.GNU_FORMAT, "pax": tarfile.PAX_FORMAT, "ustar": tarfile.USTAR_FORMAT}
TYPES = {"file": tarfile.REGTYPE, "dir": tarfile.DIRTYPE, "symlink": tarfile.SYMTYPE,
         "hardlink": tarfile.LNKTYPE, "fifo": tarfile.FIFOTYPE, "chr": tarfile.CHRTYPE}


class PatternReader(io.RawIOBase):
    """Mostly zeros with a counter every 4 KiB: compresses well, yet is not all zeros."""

    def __init__(self, size):
        self.size = size
        self.position = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        count = min(len(buffer), self.size - self.position)
        if count <= 0:
            return 0
        chunk = bytearray(count)
        start = self.position
        first_mark = (start + 4095) // 4096 * 4096
        for mark in range(first_mark, start + count, 4096):
            chunk[mark - start] = (mark // 4096) % 251 + 1
        buffer[:count] = chunk
        self.position += count
        return count


def pattern_hash(size):
    reader = PatternReader(size)
    digest = hashlib.sha384()
    buffer = bytearray(1 << 20)
    while True:
        count = reader.readinto(buffer)
        if not count:
            return digest.hexdigest()
        digest.update(memoryview(buffer)[:count])


def write_tar(spec, fileobj):
    hashes, sizes = {}, {}
    with tarfile.open(fileobj=fileobj, mode="w|", format=FORMATS[spec.get("format", "gnu")],
                      pax_headers=spec.get("global_pax")) as archive:
        for entry in spec["entries"]:
            kind = entry.get("type", "file")
            info = tarfile.TarInfo(entry["name"])
            info.mtime = 0
            info.mode = entry.get("mode", 0o755 if kind == "dir" else 0o644)
            if kind == "raw-type":
                info.type = entry["flag"].encode()
            else:
                info.type = TYPES[kind]
            if kind in ("symlink", "hardlink"):
                info.linkname = entry["target"]
            data = None
            if kind in ("file", "raw-type"):
                if "pattern_size" in entry:
                    info.size = entry["pattern_size"]
                    data = io.BufferedReader(PatternReader(info.size), 1 << 20)
                    hashes[entry["name"]] = pattern_hash(info.size)
                else:
                    payload = entry.get("text", "").encode()
                    info.size = len(payload)
                    data = io.BytesIO(payload)
                    hashes[entry["name"]] = hashlib.sha384(payload).hexdigest()
                sizes[entry["name"]] = info.size
            archive.addfile(info, data)
    return hashes, sizes


def main():
    spec_path, output_path = sys.argv[1], sys.argv[2]
    with open(spec_path) as handle:
        spec = json.load(handle)
    compression = spec.get("compression", "gzip")
    with open(output_path, "wb") as output:
        if compression == "none":
            hashes, sizes = write_tar(spec, output)
        elif compression == "gzip":
            with gzip.GzipFile(fileobj=output, mode="wb", mtime=0, compresslevel=1) as compressed:
                hashes, sizes = write_tar(spec, compressed)
        elif compression == "gzip-multi":
            # Each third of the tar stream in its own gzip member, concatenated (as `cat a.gz b.gz`).
            buffer = io.BytesIO()
            hashes, sizes = write_tar(spec, buffer)
            raw = buffer.getvalue()
            cuts = [0, len(raw) // 3, 2 * len(raw) // 3, len(raw)]
            for start, end in zip(cuts, cuts[1:]):
                output.write(gzip.compress(raw[start:end], mtime=0))
        else:
            raise SystemExit(f"unknown compression {compression}")
    json.dump({"sha384": hashes, "size": sizes}, sys.stdout)


if __name__ == "__main__":
    main()

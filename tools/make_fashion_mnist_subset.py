#!/usr/bin/env python3
"""Builds the embedded Fashion-MNIST subset that `miro run` uses when no full dataset is found.

Standard library only. Reads the full gzipped IDX files (default /usr/share/datasets/fashion-mnist,
the Debian package dataset-fashion-mnist) and keeps, for every class, the first N training and the
first M test images in file order (a stratified subset; file order makes it reproducible without a
random generator). Writes gzipped IDX files with a zero gzip time stamp, so the same input always
gives byte-identical output.

    python3 tools/make_fashion_mnist_subset.py [--source DIR] [--train-per-class 500]
        [--test-per-class 100] [--out src/Miro.Runtime/Data/Embedded/fashion-mnist-subset]
"""
import argparse
import gzip
import os
import struct

FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def read_idx(path, expected_magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic != expected_magic:
        raise SystemExit(f"{path}: magic {magic:#x}, expected {expected_magic:#x}")
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def write_idx(path, magic, dims, payload):
    header = struct.pack(">I", magic) + struct.pack(">" + "I" * len(dims), *dims)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(header + payload)


def subset(source, out, split, per_class):
    images_name, labels_name = FILES[split]
    (n, rows, cols), pixels = read_idx(os.path.join(source, images_name), 0x00000803)
    (n_labels,), labels = read_idx(os.path.join(source, labels_name), 0x00000801)
    if n != n_labels:
        raise SystemExit(f"{split}: {n} images but {n_labels} labels")
    size = rows * cols
    taken = {}
    keep = []
    for i, label in enumerate(labels):
        if taken.get(label, 0) < per_class:
            taken[label] = taken.get(label, 0) + 1
            keep.append(i)
    write_idx(os.path.join(out, images_name), 0x00000803, (len(keep), rows, cols),
              b"".join(pixels[i * size:(i + 1) * size] for i in keep))
    write_idx(os.path.join(out, labels_name), 0x00000801, (len(keep),), bytes(labels[i] for i in keep))
    print(f"{split}: kept {len(keep)} of {n} ({per_class} per class, {len(taken)} classes)")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--train-per-class", type=int, default=500)
    p.add_argument("--test-per-class", type=int, default=100)
    p.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "src", "Miro.Runtime",
                                                 "Data", "Embedded", "fashion-mnist-subset"))
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    subset(args.source, args.out, "train", args.train_per_class)
    subset(args.source, args.out, "test", args.test_per_class)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Draws the GEMM roofline-style figure: GFLOP/s against the matrix size n for our kernel (FLOAT32
and FLOAT64, 1 and 2 threads) and OpenBLAS, under the machine's measured peak.

    bench/plot_gemm.py DIR [--out FILE.png]

DIR is a folder written by bench/compare.py: jmh.json (MatmulBench and PeakFlopsBench results),
report.md (its first line names the machine of that run) and, when the peers ran, numpy-1.txt and
numpy-2.txt (OpenBLAS with 1 and 2 threads). The 2-core roofs are twice the measured 1-core peak,
not measured themselves. The PNG
goes to DIR/gemm-roofline.png unless --out says otherwise. Needs matplotlib
(Debian: python3-matplotlib, installed by bench/install-peers.sh).
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display: write files only
import matplotlib.pyplot as plt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import load_jmh, machine, matmul_shape, param, parse_numpy  # noqa: E402

COLORS = {"FLOAT32": "tab:blue", "FLOAT64": "tab:orange"}


def ours_by_curve(results):
    """{(dtype, threads): {n: GFLOP/s}} for the square MatmulBench shapes."""
    curves = {}
    for r in results:
        if r.cls != "MatmulBench" or "@" in param(r, "shape", "n"):
            continue
        m, k, n = matmul_shape(param(r, "shape", "n"))
        key = (param(r, "dtype", default="FLOAT32"), int(param(r, "threads", default="1")))
        curves.setdefault(key, {})[n] = 2.0 * m * n * k / r.seconds / 1e9
    return curves


def blas_by_curve(folder):
    """The same curves for OpenBLAS, from the NumPy peer's outputs (square shapes only)."""
    curves = {}
    for threads in (1, 2):
        path = os.path.join(folder, f"numpy-{threads}.txt")
        if not os.path.exists(path):
            continue
        with open(path) as f:
            table = parse_numpy(f.read())
        for (m, k, n), by_dtype in table.items():
            if m == k == n:
                for dtype, gflops in by_dtype.items():
                    curves.setdefault((dtype, threads), {})[n] = gflops
    return curves


def peaks(results):
    """Measured one-core FMA peak per dtype (PeakFlopsBench), in GFLOP/s."""
    out = {}
    for r in results:
        if r.cls == "PeakFlopsBench":
            out["FLOAT64" if "double" in r.method.lower() else "FLOAT32"] = 2**24 / r.seconds / 1e9
    return out


def machine_of(folder):
    """The machine line compare.py wrote at the top of the folder's report.md, so that re-plotting a
    saved run elsewhere still names the CPU it ran on; this machine's when there is none."""
    try:
        with open(os.path.join(folder, "report.md")) as f:
            first = f.readline().strip()
        if first.startswith("machine: "):
            return first
    except OSError:
        pass
    return machine()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="a bench/compare.py output folder")
    parser.add_argument("--out", help="PNG to write (default FOLDER/gemm-roofline.png)")
    args = parser.parse_args()
    results = load_jmh(os.path.join(args.folder, "jmh.json"))
    ours, blas, peak = ours_by_curve(results), blas_by_curve(args.folder), peaks(results)
    if not ours:
        raise SystemExit("plot_gemm.py: no square MatmulBench results in " + args.folder)

    fig, ax = plt.subplots(figsize=(10, 5.5))
    for (dtype, threads), points in sorted(ours.items()):
        ns = sorted(points)
        ax.plot(ns, [points[n] for n in ns], marker="o", color=COLORS[dtype],
                linestyle="-" if threads == 1 else "-.", label=f"tensorgrad {dtype.lower()}, {threads} thr")
    for (dtype, threads), points in sorted(blas.items()):
        ns = sorted(points)
        ax.plot(ns, [points[n] for n in ns], marker="x", color=COLORS[dtype], alpha=0.6,
                linestyle=":" if threads == 1 else (0, (1, 4)), label=f"OpenBLAS {dtype.lower()}, {threads} thr")
    all_ns = sorted({n for points in ours.values() for n in points})
    for dtype, gflops in sorted(peak.items()):
        for cores in (1, 2):
            ax.axhline(gflops * cores, color=COLORS[dtype], linewidth=0.8, linestyle="--" if cores == 1 else ":")
            # 1-core labels on the left, 2-core labels on the right, so close roofs do not overlap
            label = "measured, 1 core" if cores == 1 else "2 cores (twice the 1-core peak)"
            ax.annotate(f"{dtype.lower()} FMA peak, {label}: {gflops * cores:.0f}",
                        (all_ns[0] if cores == 1 else all_ns[-1], gflops * cores), textcoords="offset points",
                        xytext=(2, 3), fontsize=7, color=COLORS[dtype], ha="left" if cores == 1 else "right")
    ax.set_xscale("log", base=2)
    ax.set_xlabel("n (C = A·B with n×n matrices)")
    ax.set_ylabel("GFLOP/s (2·n³ / time)")
    ax.set_ylim(bottom=0)
    ax.set_title("GEMM throughput against the machine's peak\n" + machine_of(args.folder).removeprefix("machine: "), fontsize=9)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.tight_layout()
    out = args.out or os.path.join(args.folder, "gemm-roofline.png")
    fig.savefig(out, dpi=120)
    print(f"plot_gemm.py: wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()

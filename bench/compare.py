#!/usr/bin/python3
"""Runs tensorgrad's JMH benchmarks and the peers' scripts in one go, and prints our figure, theirs
and the ratio side by side as markdown tables.

    bench/compare.py                 quick JMH suite + NumPy/OpenBLAS (1 and 2 threads) + PyTorch
    bench/compare.py --full          the full-length JMH suite instead of the quick one
    bench/compare.py --ours FILE     reuse a JMH JSON result instead of running JMH (the peers, run
                                     now, are then not from the same run: a warning says so)
    bench/compare.py --no-ours       only the peers' numbers
    bench/compare.py --no-peers      only our numbers (converted to GFLOP/s, GB/s, ...)
    bench/compare.py --no-install    do not install missing peers (bench/install-peers.sh)
    bench/compare.py --out FILE      also write the tables to FILE

JMH runs with `-prof gc`, so BpttBench also reports the bytes allocated per training step. When
ElementwiseBench runs, StreamTriadBench runs in JMH runs of its own just before and just after the
suite (and inside it too, if the benchmark regex selects it): the elementwise ops are compared
with the best of these triads, and the bandwidth table shows each, so a drift of the machine's
bandwidth during the run is visible. Then BandwidthFraction times each op between two triads, milliseconds apart,
which gives the fraction of the bandwidth without that drift. When matplotlib is installed, bench/plot_gemm.py then draws the GEMM roofline
figure from the same run.

Statistics: ours are JMH's mean over the measured iterations; OpenBLAS's the best of 7 calls
(sgemm_numpy.py), PyTorch's RNN step the median of its calls (rnn_torch.py) and its elementwise ops
the mean (elementwise_torch.py). PyTorch's RNN step runs with 1 and with 2 threads, and ours is
compared with the faster of the two (our step uses both cores).

The peers are ../shared/peers/sgemm_numpy.py and rnn_torch.py, and our bench/elementwise_torch.py
(PyTorch on ElementwiseBench's cases) and bench/allocation_torch.py (tensor storage bytes per
nn.RNN step), run with /usr/bin/python3 after bench/install-peers.sh. Everything runs in the same
invocation because the machine is shared and noisy: only numbers taken side by side are compared. Raw outputs are kept in bench/<target>/compare/.

Standard library only. Each JMH benchmark class maps to peers through one entry in CONVERTERS:
a function from a JMH result to the rows it contributes (see Row). A new benchmark plugs in by
adding a converter; results of classes without one are still listed, in their JMH unit.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.path.normpath(os.path.join(REPO, "..", "shared", "peers"))
PYTHON = "/usr/bin/python3"


# ---------------------------------------------------------------- the rows of the report

@dataclass
class Row:
    """One line of a table: our figure for one parameter set and, when there is one, the peer's.

    `columns` names the parts of `case` (e.g. shape, dtype, threads). `higher_is_better` says how
    to read the unit (GFLOP/s: yes; microseconds: no); the ratio is printed as a speed ratio, >1
    meaning we are faster than the peer, unless `ratio_header` says otherwise (the allocation table
    prints ours / reference). `source` heads the value column.
    """
    table: str
    columns: tuple
    case: tuple
    ours: float
    unit: str
    peer_name: str = ""
    peer: float | None = None
    higher_is_better: bool = True
    source: str = "ours"
    ratio_header: str = "speed ratio (>1: ours faster)"

    def ratio(self):
        if self.peer is None or self.peer == 0 or self.ours == 0:
            return None
        return self.ours / self.peer if self.higher_is_better else self.peer / self.ours


@dataclass
class Result:
    """One JMH result: class and method name, parameters, mean seconds per operation, and the
    bytes allocated per operation when JMH ran with `-prof gc` (else None)."""
    cls: str
    method: str
    params: dict
    seconds: float
    score: float
    unit: str
    alloc_bytes: float | None = None
    when: str = ""


def load_jmh(path, when=""):
    """Reads JMH's `-rf json` output; time-per-op and ops-per-time modes are both turned into seconds.
    `when` labels the results of a JMH run of their own (the triad measured before the suite)."""
    with open(path) as f:
        data = json.load(f)
    scale = {"s": 1.0, "ms": 1e-3, "us": 1e-6, "ns": 1e-9}
    results = []
    for entry in data:
        *package, cls, method = entry["benchmark"].split(".")
        metric = entry["primaryMetric"]
        score, unit = metric["score"], metric["scoreUnit"]
        numerator, denominator = unit.split("/")
        if numerator == "ops":   # throughput: ops per time unit
            seconds = scale[denominator] / score
        else:                    # average or sample time: time units per op
            seconds = score * scale[numerator]
        secondary = {name.lstrip("·"): value for name, value in entry.get("secondaryMetrics", {}).items()}
        alloc = secondary.get("gc.alloc.rate.norm", {}).get("score")
        results.append(Result(cls, method, entry.get("params", {}), seconds, score, unit, alloc, when))
    return results


# ---------------------------------------------------------------- the peers' outputs

def parse_numpy(text):
    """sgemm_numpy.py prints `  32x64 @ 64x64  68.4  37.0`: {(m, k, n): {"FLOAT32": g, "FLOAT64": g}}."""
    table = {}
    for m, k, k2, n, f32, f64 in re.findall(r"(\d+)x(\d+) @ (\d+)x(\d+)\s+([\d.]+)\s+([\d.]+)", text):
        table[(int(m), int(k), int(n))] = {"FLOAT32": float(f32), "FLOAT64": float(f64)}
    return table


def parse_torch(text):
    """rnn_torch.py prints `32,50,1,16,1  1490  1940` (us per step) and `autograd overhead: 7052 ns`."""
    steps = {}
    for config, fused, loop in re.findall(r"^\s*(\d+,\d+,\d+,\d+,\d+)\s+(\d+)\s+(\d+)\s*$", text, re.M):
        steps[config] = {"fused": float(fused), "composed": float(loop)}
    overhead = re.search(r"autograd overhead: ([\d.]+) ns per op", text)
    return {"steps": steps, "overhead_ns": float(overhead.group(1)) if overhead else None}


def fastest_torch(by_threads):
    """rnn_torch.py's tables for several thread counts, {threads: parse_torch(...)}, merged into one
    that keeps, for every configuration and variant, the fastest time and its thread count:
    {"steps": {config: {variant: (us, threads)}}, "overhead_ns": the lowest overhead}."""
    steps = {}
    for threads, table in sorted(by_threads.items()):
        for config, variants in table["steps"].items():
            for variant, us in variants.items():
                best = steps.setdefault(config, {}).get(variant)
                if best is None or us < best[0]:
                    steps[config][variant] = (us, threads)
    overheads = [t["overhead_ns"] for t in by_threads.values() if t["overhead_ns"] is not None]
    return {"steps": steps, "overhead_ns": min(overheads) if overheads else None}


def parse_torch_allocation(text):
    """allocation_torch.py prints `32,50,1,16,1 812345` (bytes per step): {config: bytes}."""
    return {config: float(nbytes) for config, nbytes in re.findall(r"^(\d+,\d+,\d+,\d+,\d+) (\d+)$", text, re.M)}


def parse_bandwidth_fraction(text):
    """BandwidthFraction prints `add      contiguous   0.59x   0.62x   0.64x   41.3` (quartiles of the
    ratio to the neighbouring triads, median GB/s): rows of the report."""
    rows = []
    for op, layout, q1, median, q3, gbs in re.findall(
            r"^(\w+)\s+(contiguous|transposed)\s+([\d.]+)x\s+([\d.]+)x\s+([\d.]+)x\s+([\d.]+)$", text, re.M):
        rows.append(Row("Elementwise at 2^24 as a fraction of the triads run just before and after it (BandwidthFraction)",
                        ("op", "layout", "quartiles of the ratio"), (op, layout, f"{q1}x-{q3}x"), float(median),
                        "x of the triad, median", source="ours"))
    return rows


def parse_torch_elementwise(text):
    """elementwise_torch.py prints `add 24 contiguous 3512.4` (us per op): {(op, log2Size, layout): seconds}."""
    return {(op, log2, layout): float(us) * 1e-6
            for op, log2, layout, us in re.findall(r"^(\w+) (\d+) (\w+) ([\d.]+)$", text, re.M)}


# ---------------------------------------------------------------- converters, one per benchmark class

def param(result, *names, default=None):
    """The first of `names` present in the result's JMH parameters."""
    for name in names:
        if name in result.params:
            return result.params[name]
    return default


def matmul_shape(text):
    """MatmulBench's `shape`: "n" or "MxK@KxN" -> (m, k, n)."""
    if "@" not in text:
        return int(text), int(text), int(text)
    (m, k), (_, n) = (map(int, side.split("x")) for side in text.split("@"))
    return m, k, n


def convert_matmul(result, peers, ours):
    """GFLOP/s = 2*m*n*k / time, against OpenBLAS at the same shape, precision and thread count."""
    m, k, n = matmul_shape(param(result, "shape", "n"))
    dtype = param(result, "dtype", default="FLOAT32")
    threads = int(param(result, "threads", default="1"))
    gflops = 2.0 * m * n * k / result.seconds / 1e9
    blas = peers.get(f"numpy{threads}", {}).get((m, k, n), {}).get(dtype)
    return [Row("GEMM (MatmulBench)", ("m x k @ k x n", "dtype", "threads"),
                (f"{m}x{k} @ {k}x{n}", dtype, threads), gflops, "GFLOP/s", f"OpenBLAS {threads} thr", blas)]


def convert_triad(result, peers, ours):
    """STREAM byte counts: copy moves 2 arrays, triad 3 (write-allocate reads not counted)."""
    size = 1 << int(param(result, "log2Size", default="24"))
    arrays = 2 if result.method.startswith("copy") else 3
    gbs = arrays * 4 * size / result.seconds / 1e9
    return [Row("Memory bandwidth (StreamTriadBench)", ("kernel", "floats", "threads", "measured"),
                (result.method, f"2^{param(result, 'log2Size', default='24')}", param(result, "threads", default="1"),
                 result.when or "in the suite"), gbs, "GB/s")]


def triad_bandwidth(ours):
    """The machine's memory bandwidth in this run: its best triad over all thread counts, before
    and after the suite."""
    rates = [3 * 4 * (1 << int(param(r, "log2Size", default="24"))) / r.seconds / 1e9
             for r in ours if r.cls == "StreamTriadBench" and r.method.startswith("triad")]
    return max(rates) if rates else None


# Arrays each elementwise kernel reads and writes once per element.
ELEMENTWISE_ARRAYS = {"add": 3, "sub": 3, "mul": 3, "div": 3, "tanh": 2, "exp": 2, "neg": 2,
                      "relu": 2, "sigmoid": 2, "sum": 1}


def convert_elementwise(result, peers, ours):
    """GB/s of an elementwise op or reduction (on all cores, as PyTorch's) against the machine's
    triad bandwidth in this run (target 80%)."""
    op = param(result, "op", default=result.method)
    arrays = next((count for name, count in ELEMENTWISE_ARRAYS.items() if op.lower().startswith(name)), None)
    if arrays is None:
        raise ValueError(f"compare.py: no byte count for ElementwiseBench op {op!r}; add it to ELEMENTWISE_ARRAYS")
    size = int(param(result, "size", default=0)) or 1 << int(param(result, "log2Size", default="24"))
    bytes_per_element = 8 if param(result, "dtype", default="FLOAT32") == "FLOAT64" else 4
    bytes_moved = arrays * bytes_per_element * size
    gbs = bytes_moved / result.seconds / 1e9
    rest = ", ".join(f"{k}={v}" for k, v in sorted(result.params.items()) if k != "op")
    rows = [Row("Elementwise (ElementwiseBench)", ("op", "parameters"), (op, rest), gbs, "GB/s",
                "best triad", triad_bandwidth(ours), ratio_header="ours / best triad (target >= 0.8)")]
    torch_seconds = peers.get("torch_elementwise", {}).get(
        (op, str(param(result, "log2Size", default="24")), param(result, "layout", default="contiguous")))
    if torch_seconds is not None:
        rows.append(Row("Elementwise against PyTorch (same ops and tensors, all cores)", ("op", "parameters"),
                        (op, rest), gbs, "GB/s", "PyTorch", bytes_moved / torch_seconds / 1e9))
    return rows


def bptt_config(result):
    """BpttBench's configuration as rnn_torch.py writes it: "B,T,I,H,layers" (the benchmark writes
    "B-T-I-H-layers", because JMH's -p splits parameter values at commas)."""
    config = param(result, "config")
    if config is None:
        config = ",".join(str(param(result, name)) for name in ("B", "T", "I", "H", "layers"))
    return config.replace(" ", "").replace("-", ",")


def convert_bptt(result, peers, ours):
    """Microseconds per training step, fused against nn.RNN, composed against the cell loop; with
    `-prof gc`, also the bytes allocated per step against the activations backward must keep
    (B*T*H*layers floats: the target is at most twice that)."""
    config = bptt_config(result)
    variant = "fused" if "fused" in (result.method + str(param(result, "variant", default=""))).lower() \
        else "composed"
    torch_us, torch_threads = peers.get("torch", {}).get("steps", {}).get(config, {}).get(variant, (None, None))
    peer_name = ("torch nn.RNN" if variant == "fused" else "torch cell loop") + \
        (f", {torch_threads} thr" if torch_threads else "")
    rows = [Row("RNN training step (BpttBench; ours on all cores, PyTorch's faster of 1 and 2 threads)",
                ("B,T,I,H,layers", "variant"), (config, variant),
                result.seconds * 1e6, "us/step", peer_name, torch_us, higher_is_better=False)]
    if result.alloc_bytes is not None:
        batch, steps, _, hidden, layers = (int(v) for v in config.split(","))
        activations = 4 * batch * steps * hidden * layers
        rows.append(Row("Allocation per training step (BpttBench, -prof gc)", ("B,T,I,H,layers", "variant"),
                        (config, variant), result.alloc_bytes / 2**20, "MiB/step", "saved activations",
                        activations / 2**20, ratio_header="allocated / activations (target <= 2)"))
        torch_bytes = peers.get("torch_allocation", {}).get(config)
        if variant == "fused" and torch_bytes is not None:
            # Ours counts every Java object; PyTorch's profiler only tensor storage (not its C++ and
            # Python objects), so this ratio leans against us.
            rows.append(Row("Allocation per training step against PyTorch nn.RNN (its tensor storage only)",
                            ("B,T,I,H,layers", "variant"), (config, variant), result.alloc_bytes / 2**20,
                            "MiB/step", "torch nn.RNN", torch_bytes / 2**20, higher_is_better=False,
                            ratio_header="PyTorch / ours (>1: we allocate less)"))
    return rows


def convert_autograd(result, peers, ours):
    """Nanoseconds per scalar op in a forward+backward chain, against PyTorch's."""
    length = int(param(result, "length", "ops", default="10000"))
    ns = result.seconds * 1e9 / length
    return [Row("Autograd overhead (AutogradOverheadBench)", ("benchmark", "chain length"), (result.method, length),
                ns, "ns/op", "torch", peers.get("torch", {}).get("overhead_ns"), higher_is_better=False)]


def convert_peak(result, peers, ours):
    """PeakFlopsBench does 2^24 floating-point operations per call: GFLOP/s of one core's FMA pipes."""
    dtype = "FLOAT64" if "double" in result.method.lower() else "FLOAT32"
    return [Row("Peak FMA throughput, one core (PeakFlopsBench)", ("dtype",), (dtype,),
                2**24 / result.seconds / 1e9, "GFLOP/s")]


CONVERTERS = {
    "PeakFlopsBench": convert_peak,
    "MatmulBench": convert_matmul,
    "StreamTriadBench": convert_triad,
    "ElementwiseBench": convert_elementwise,
    "BpttBench": convert_bptt,
    "AutogradOverheadBench": convert_autograd,
}


def convert_unknown(result, peers, ours):
    """A benchmark without a converter is still shown, in JMH's own unit."""
    parameters = ", ".join(f"{k}={v}" for k, v in sorted(result.params.items()))
    return [Row(f"{result.cls} (no converter in compare.py)", ("benchmark", "parameters"), (result.method, parameters),
                result.score, result.unit, higher_is_better=False)]


# ---------------------------------------------------------------- the machine

def machine():
    """One line on the CPU from /proc/cpuinfo: results only compare on the same kind of machine."""
    info, cores = {}, 0
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                cores += key == "processor"
                info.setdefault(key, value.strip())
    except OSError:
        return "machine: /proc/cpuinfo not readable"
    flags = set(info.get("flags", "").split())
    simd = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return (f"machine: {info.get('model name', '?')} (family {info.get('cpu family', '?')}, model "
            f"{info.get('model', '?')}), {cores} logical CPUs, {simd}{' + FMA' if 'fma' in flags else ''}, "
            f"L2 {info.get('cache size', '?')}")


# ---------------------------------------------------------------- running things

def run(command, log, env=None):
    """Runs a command, showing its output on stderr as it comes (JMH runs for minutes) and saving
    it to `log`; returns its standard output."""
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    lines = []
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            lines.append(line)
            print(line, end="", file=sys.stderr, flush=True)
    output = "".join(lines)
    with open(log, "w") as f:
        f.write(output)
    if process.returncode != 0:
        raise SystemExit(f"compare.py: `{' '.join(command)}` failed with exit code {process.returncode}")
    return output


def python_has(*modules):
    """True when /usr/bin/python3 can import all the modules."""
    probe = subprocess.run([PYTHON, "-c", "import " + ", ".join(modules)], capture_output=True)
    return probe.returncode == 0


def run_peers(out_dir, install):
    """Runs NumPy/OpenBLAS with 1 and 2 threads, PyTorch's RNN step with 1 and 2 threads, its bytes
    allocated per step, and its elementwise ops on all cores; returns their parsed tables."""
    if not os.path.isdir(PEERS):
        raise SystemExit(f"compare.py: peer scripts not found at {PEERS}; they live in the shared/ folder "
                         "checked out beside this repository (pass --no-peers to skip them)")
    if install and not python_has("numpy", "torch", "matplotlib"):
        subprocess.run([os.path.join(REPO, "bench", "install-peers.sh")], check=True)
    peers = {}
    if python_has("numpy"):
        for threads in (1, 2):
            env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
            text = run([PYTHON, os.path.join(PEERS, "sgemm_numpy.py")], os.path.join(out_dir, f"numpy-{threads}.txt"), env)
            peers[f"numpy{threads}"] = parse_numpy(text)
    else:
        print("compare.py: numpy missing for /usr/bin/python3 (bench/install-peers.sh); OpenBLAS skipped", file=sys.stderr)
    if python_has("torch"):
        peers["torch"] = fastest_torch({
            threads: parse_torch(run([PYTHON, os.path.join(PEERS, "rnn_torch.py"), str(threads)],
                                     os.path.join(out_dir, f"torch-{threads}.txt")))
            for threads in (1, 2)})
        text = run([PYTHON, os.path.join(REPO, "bench", "elementwise_torch.py")],
                   os.path.join(out_dir, "torch-elementwise.txt"))
        peers["torch_elementwise"] = parse_torch_elementwise(text)
        text = run([PYTHON, os.path.join(REPO, "bench", "allocation_torch.py")],
                   os.path.join(out_dir, "torch-allocation.txt"))
        peers["torch_allocation"] = parse_torch_allocation(text)
    else:
        print("compare.py: torch missing for /usr/bin/python3 (bench/install-peers.sh); PyTorch skipped", file=sys.stderr)
    return peers


# ---------------------------------------------------------------- printing

def fmt(value):
    if value is None:
        return "-"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"


def markdown(rows):
    """Groups rows by table, in first-seen order, one markdown table each."""
    tables = {}
    for row in rows:
        tables.setdefault(row.table, []).append(row)
    lines = []
    for title, table_rows in tables.items():
        first = table_rows[0]
        header = list(first.columns) + [f"{first.source} ({first.unit})"]
        if any(r.peer_name for r in table_rows):
            header += ["peer", f"peer ({first.unit})", first.ratio_header]
        lines += [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for r in table_rows:
            cells = [str(part) for part in r.case] + [fmt(r.ours)]
            if len(header) > len(cells):
                ratio = r.ratio()
                cells += [r.peer_name or "-", fmt(r.peer), "-" if ratio is None else f"{ratio:.2f}x"]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def peers_only_rows(peers):
    """The peers' own numbers, for when our side has not been run (or its engine does not exist yet)."""
    rows = []
    for threads in (1, 2):
        for (m, k, n), by_dtype in peers.get(f"numpy{threads}", {}).items():
            for dtype, gflops in by_dtype.items():
                rows.append(Row("OpenBLAS via NumPy", ("m x k @ k x n", "dtype", "threads"),
                                (f"{m}x{k} @ {k}x{n}", dtype, threads), gflops, "GFLOP/s", source="OpenBLAS"))
    torch = peers.get("torch", {})
    for config, variants in torch.get("steps", {}).items():
        for variant, (us, threads) in variants.items():
            rows.append(Row("PyTorch: RNN training step, the faster of 1 and 2 threads", ("B,T,I,H,layers", "variant", "threads"),
                            (config, "nn.RNN" if variant == "fused" else "cell loop", threads), us, "us/step",
                            higher_is_better=False, source="PyTorch"))
    for config, nbytes in peers.get("torch_allocation", {}).items():
        rows.append(Row("PyTorch, 1 thread: tensor storage allocated per nn.RNN training step", ("B,T,I,H,layers",),
                        (config,),
                        nbytes / 2**20, "MiB/step", higher_is_better=False, source="PyTorch"))
    for (op, log2_size, layout), seconds in peers.get("torch_elementwise", {}).items():
        rows.append(Row("PyTorch, all cores: elementwise ops", ("op", "log2Size", "layout"), (op, log2_size, layout),
                        seconds * 1e6, "us/op", higher_is_better=False, source="PyTorch"))
    if torch.get("overhead_ns") is not None:
        rows.append(Row("PyTorch autograd overhead", ("benchmark",), ("chain of 10,000 scalar mul",),
                        torch["overhead_ns"], "ns/op", higher_is_better=False, source="PyTorch"))
    return rows


# JMH options that take a value (the value is not a benchmark regex).
JMH_OPTIONS_WITH_VALUE = {"-bm", "-bs", "-e", "-f", "-foe", "-gc", "-i", "-jvm", "-jvmArgs", "-jvmArgsAppend",
                          "-jvmArgsPrepend", "-o", "-opi", "-p", "-prof", "-r", "-rf", "-rff", "-si", "-t", "-tg",
                          "-to", "-tu", "-v", "-w", "-wbs", "-wf", "-wi", "-wm", "-wmb"}
ELEMENTWISE_METHODS = [f"dev.tensorgrad.bench.ElementwiseBench.{m}" for m in ("add", "addOut", "mul", "sum", "tanh", "tanhOut")]


def runs_elementwise(jmh_args):
    """Whether the JMH arguments select any ElementwiseBench method (no regex selects every class).
    Regexes are the arguments that are neither options nor an option's value; `-e` excludes."""
    regexes, excluded = [], []
    i = 0
    while i < len(jmh_args):
        arg = jmh_args[i]
        if arg in JMH_OPTIONS_WITH_VALUE and i + 1 < len(jmh_args):
            if arg == "-e":
                excluded.append(jmh_args[i + 1])
            i += 2
            continue
        if not arg.startswith("-"):
            regexes.append(arg)
        i += 1
    return any((not regexes or any(re.search(r, name) for r in regexes))
               and not any(re.search(e, name) for e in excluded) for name in ELEMENTWISE_METHODS)


def run_triad(bench_run, out_dir, when):
    """StreamTriadBench in a JMH run of its own, `when` ("before" or "after") the suite."""
    path = os.path.join(out_dir, f"jmh-triad-{when}.json")
    run([*bench_run, "StreamTriadBench", "-rf", "json", "-rff", path], os.path.join(out_dir, f"jmh-triad-{when}.txt"))
    return load_jmh(path, when=f"{when} the suite")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="run the full-length JMH suite, not `bench/run quick`")
    parser.add_argument("--ours", metavar="FILE", help="JMH JSON result to use instead of running JMH")
    parser.add_argument("--no-ours", action="store_true", help="skip JMH; print only the peers' numbers")
    parser.add_argument("--no-peers", action="store_true", help="skip the peers' scripts")
    parser.add_argument("--no-install", action="store_true", help="do not run bench/install-peers.sh")
    parser.add_argument("--out", metavar="FILE", help="also write the markdown tables to FILE")
    parser.add_argument("jmh_args", nargs="*", help="extra JMH arguments, e.g. a benchmark regex (after --)")
    args = parser.parse_args()

    out_dir = os.path.join(REPO, "bench", os.environ.get("TG_TARGET", "target"), "compare",
                           datetime.now().strftime("%Y%m%d-%H%M%S"))
    os.makedirs(out_dir, exist_ok=True)

    ours = []
    fraction_rows = []
    if args.ours:
        ours = load_jmh(args.ours)
        shutil.copyfile(args.ours, os.path.join(out_dir, "jmh.json"))
        if not args.no_peers:
            print(f"compare.py: warning: {args.ours} was measured in another run than the peers measured now; "
                  "their ratios are not from one run", file=sys.stderr)
    elif not args.no_ours:
        mode = [] if args.full else ["quick"]
        bench_run = [os.path.join(REPO, "bench", "run"), *mode]
        elementwise = runs_elementwise(args.jmh_args)
        if elementwise:
            ours += run_triad(bench_run, out_dir, "before")
        json_path = os.path.join(out_dir, "jmh.json")
        run([*bench_run, *args.jmh_args, "-prof", "gc", "-rf", "json", "-rff", json_path],
            os.path.join(out_dir, "jmh.txt"))
        ours += load_jmh(json_path)
        if elementwise:
            ours += run_triad(bench_run, out_dir, "after")
            fraction_rows = parse_bandwidth_fraction(run([os.path.join(REPO, "bench", "run"), "main", "BandwidthFraction"],
                                                         os.path.join(out_dir, "bandwidth-fraction.txt")))

    peers = {} if args.no_peers else run_peers(out_dir, install=not args.no_install)

    rows = []
    for result in ours:
        rows += CONVERTERS.get(result.cls, convert_unknown)(result, peers, ours)
    rows += fraction_rows
    sections = [machine(), ""]
    if rows:
        sections += ["## Ours against the peers, this run", "", markdown(rows)]
    if peers:
        sections += ["## The peers' own figures, this run", "", markdown(peers_only_rows(peers))]
    report = "\n".join(sections)
    print(report)
    with open(os.path.join(out_dir, "report.md"), "w") as f:
        f.write(report)
    if args.out:
        shutil.copyfile(os.path.join(out_dir, "report.md"), args.out)
    if ours and python_has("matplotlib"):
        subprocess.run([PYTHON, os.path.join(REPO, "bench", "plot_gemm.py"), out_dir], check=False)
    print(f"raw outputs: {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()

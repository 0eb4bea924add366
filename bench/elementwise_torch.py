#!/usr/bin/python3
"""PyTorch's side of ElementwiseBench: the same ops on the same square FLOAT32 matrices, on every
CPU this process may run on (set explicitly: this Debian build of PyTorch 1.13 starts with one
thread), timed the way JMH times ours (the mean over about a second, after a second of warm-up).
The shared peers' scripts time GEMM and the RNN step only.

    /usr/bin/python3 bench/elementwise_torch.py

prints one line per case, `op log2Size layout microseconds`, e.g. `add 24 contiguous 3512.4`.
`add`, `mul` and `tanh` allocate their result, as `a + b` does; `addOut` and `tanhOut` write
into a tensor allocated once (`out=`); `sum` reduces every element to one.
"""
import os
import time

import torch

OPS = {
    "add": lambda a, b, out: torch.add(a, b),
    "mul": lambda a, b, out: torch.mul(a, b),
    "tanh": lambda a, b, out: torch.tanh(a),
    "sum": lambda a, b, out: torch.sum(a).item(),
    "addOut": lambda a, b, out: torch.add(a, b, out=out),
    "tanhOut": lambda a, b, out: torch.tanh(a, out=out),
}


def mean_seconds(call, warm_up=1.0, measure=1.0):
    """Runs call for warm_up seconds, then returns its mean time over about measure seconds."""
    end = time.perf_counter() + warm_up
    while time.perf_counter() < end:
        call()
    calls, start = 0, time.perf_counter()
    while True:
        call()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= measure:
            return elapsed / calls


def main():
    torch.set_num_threads(len(os.sched_getaffinity(0)))
    torch.manual_seed(1)
    for log2_size in (20, 24):
        side = 1 << (log2_size // 2)
        for layout in ("contiguous", "transposed"):
            a, b, out = torch.rand(side, side), torch.rand(side, side), torch.zeros(side, side)
            if layout == "transposed":
                a, b, out = a.t(), b.t(), out.t()
            for name, op in OPS.items():
                seconds = mean_seconds(lambda: op(a, b, out))
                print(f"{name} {log2_size} {layout} {seconds * 1e6:.1f}", flush=True)


if __name__ == "__main__":
    main()

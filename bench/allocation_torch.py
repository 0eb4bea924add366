#!/usr/bin/python3
"""How many bytes of tensor storage PyTorch's nn.RNN training step allocates, beside BpttBench's
`-prof gc` figure: the same step as ../shared/peers/rnn_torch.py (nn.RNN, Linear head, MSE,
backward, SGD), one thread, measured with PyTorch's profiler. With `profile_memory=True` it
records every allocation of its CPU tensor allocator (a positive `[memory]` event) and every free
(a negative one); C++ and Python objects (tensor headers, autograd nodes) are not counted, where
JMH's figure for ours counts every Java object.

    /usr/bin/python3 bench/allocation_torch.py

prints one line per configuration, `B,T,I,H,layers bytes-per-step`, e.g. `32,50,1,16,1 812345`.
"""
import torch
from torch.profiler import ProfilerActivity, profile

CONFIGS = [(32, 50, 1, 16, 1), (32, 100, 1, 64, 1), (32, 100, 1, 64, 2), (64, 100, 32, 128, 1), (32, 200, 64, 512, 1)]
STEPS = 5


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    for B, T, I, H, L in CONFIGS:
        x, y = torch.randn(B, T, I), torch.randn(B, T, 1)
        rnn, head = torch.nn.RNN(I, H, num_layers=L, batch_first=True), torch.nn.Linear(H, 1)
        opt = torch.optim.SGD(list(rnn.parameters()) + list(head.parameters()), lr=1e-3, weight_decay=1e-4)

        def step():
            opt.zero_grad()
            out, _ = rnn(x)
            torch.nn.functional.mse_loss(head(out), y).backward()
            opt.step()

        for _ in range(3):
            step()
        with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as prof:
            for _ in range(STEPS):
                step()
        # kineto_results is internal to torch.profiler (1.13); its memory events are the raw records.
        allocated = sum(event.nbytes() for event in prof.profiler.kineto_results.events()
                        if event.name() == "[memory]" and event.nbytes() > 0)
        print(f"{B},{T},{I},{H},{L} {allocated // STEPS}", flush=True)


if __name__ == "__main__":
    main()

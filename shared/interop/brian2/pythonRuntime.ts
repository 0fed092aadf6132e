/**
 * The fixed part of every exported Brian2 script: argument parsing, the input signals of spec 3.3
 * evaluated with numpy, spike-train layers for SpikeGeneratorGroup, and the result writer (our
 * CLI's result JSON). It contains no text from any circuit.
 */
export const PY_HEADER = `import argparse
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def load(name):
    """A sidecar array of data/ (numpy .npy, no pickles)."""
    return np.load(os.path.join(HERE, 'data', name + '.npy'), allow_pickle=False)


def hold(t, dt0):
    """Sampled signals (sine, noise) are held over each of our steps: t -> its step start."""
    return np.floor(t / dt0 + 1e-6) * dt0


def sig_bias(t, size):
    return np.where(t[:, None] >= 0, 1.0, 0.0) * np.ones(size)


def sig_constant(t, value):
    return np.where(t[:, None] >= 0, 1.0, 0.0) * np.asarray(value, dtype=float)


def sig_step(t, times, values):
    values = np.asarray(values, dtype=float)
    k = np.searchsorted(np.asarray(times, dtype=float), t + 1e-12, side='right') - 1
    out = np.where(k[:, None] >= 0, values[np.maximum(k, 0)], 0.0)
    return np.where(t[:, None] >= 0, out, 0.0)


def sig_pulse(t, start, width, amplitude, period):
    t = t[:, None]
    start = np.asarray(start, dtype=float)
    width = np.asarray(width, dtype=float)
    amplitude = np.asarray(amplitude, dtype=float)
    period = np.asarray(period, dtype=float)
    eps = 1e-12
    periodic = period > 0
    safe = np.where(periodic, period, 1.0)
    phase = np.mod(t - start + eps, safe)
    on_periodic = (t + eps >= start) & ((width >= safe) | (phase < width))
    on_single = (t + eps >= start) & (t + eps < start + width)
    on = np.where(periodic, on_periodic, on_single)
    return np.where(on & (t >= 0), amplitude, 0.0)


def sig_sine(t, dt0, amplitude, frequency, phase, offset):
    th = hold(t, dt0)[:, None]
    out = np.asarray(offset, dtype=float) + np.asarray(amplitude, dtype=float) * np.sin(
        2 * np.pi * np.asarray(frequency, dtype=float) * th + np.asarray(phase, dtype=float))
    return np.where(t[:, None] >= 0, out, 0.0)


def sig_samples(t, dt0, samples):
    """Values u(t_k) on our grid (noise as our generator drew it), held over each step."""
    samples = np.asarray(samples, dtype=float)
    k = np.clip(np.floor(t / dt0 + 1e-6).astype(int), 0, samples.shape[0] - 1)
    return np.where(t[:, None] >= 0, samples[k], 0.0)


def ou_samples(steps, dt0, mean, std, tau, size, rng):
    """Native noise: numpy's own Ornstein-Uhlenbeck draws, exact update per step of ours."""
    mean = np.broadcast_to(np.asarray(mean, dtype=float), (size,))
    std = np.broadcast_to(np.asarray(std, dtype=float), (size,))
    tau = np.broadcast_to(np.asarray(tau, dtype=float), (size,))
    a = np.exp(-dt0 / tau)
    b = std * np.sqrt(1 - a * a)
    out = np.empty((steps + 1, size))
    out[0] = mean
    for k in range(steps):
        out[k + 1] = mean + (out[k] - mean) * a + b * rng.standard_normal(size)
    return out


def spike_layers(elements, times, dt, duration):
    """Spike trains as SpikeGeneratorGroup layers: each layer has at most one spike per element
    and time step (repeats go to further layers). A spike at t acts on its targets from the first
    grid instant at or after t, so it is emitted one step earlier (Brian2 applies it at the end of
    the step it is emitted in)."""
    elements = np.asarray(elements, dtype=int)
    times = np.asarray(times, dtype=float)
    keep = times < duration - 1e-9 * dt
    elements = elements[keep]
    times = times[keep]
    steps = np.maximum(np.ceil(times / dt - 1e-6).astype(int) - 1, 0)
    layers = []
    seen = {}
    for e, s in zip(elements.tolist(), steps.tolist()):
        key = (e, s)
        layer = seen.get(key, 0)
        seen[key] = layer + 1
        while len(layers) <= layer:
            layers.append(([], []))
        layers[layer][0].append(e)
        layers[layer][1].append(s)
    return [(np.array(i, dtype=int), np.array(s, dtype=float) * dt) for i, s in layers]


def hh_steady(gate, V):
    V = np.asarray(V, dtype=float)
    def exprel(x):
        x = np.asarray(x, dtype=float)
        small = np.abs(x) < 1e-8
        return np.where(small, 1 + x / 2, np.expm1(x) / np.where(small, 1, x))
    if gate == 'm':
        a, b = 1 / exprel(-(V + 40) / 10), 4 * np.exp(-(V + 65) / 18)
    elif gate == 'h':
        a, b = 0.07 * np.exp(-(V + 65) / 20), 1 / (1 + np.exp(-(V + 35) / 10))
    else:
        a, b = 0.1 / exprel(-(V + 55) / 10), 0.125 * np.exp(-(V + 65) / 80)
    return a / (a + b)


def parse_args(circuit):
    parser = argparse.ArgumentParser(description='Run the exported circuit in Brian2 and write '
                                     'the result in NeuroSketch\\'s result JSON format.')
    parser.add_argument('--device', choices=['runtime', 'cpp'], default='runtime',
                        help='runtime: Brian2 runtime (numpy) target; cpp: cpp_standalone')
    parser.add_argument('--dt', type=float, default=circuit['dt'],
                        help='time step in seconds (default: the circuit\\'s dt; must divide it)')
    parser.add_argument('--out', default='result.json', help='result JSON path')
    parser.add_argument('--build-dir', default=None, help='cpp_standalone build folder')
    parser.add_argument('--build-only', action='store_true',
                        help='with --device cpp: generate and compile, do not run (benchmarks)')
    parser.add_argument('--threads', type=int, default=0,
                        help='with --device cpp: OpenMP threads (default 0: one thread, no OpenMP)')
    parser.add_argument('--duration', type=float, default=None,
                        help='run length in seconds (default: the circuit\\'s)')
    args = parser.parse_args()
    ratio = circuit['dt'] / args.dt
    if args.dt <= 0 or abs(ratio - round(ratio)) > 1e-6:
        parser.error('--dt must divide the circuit\\'s dt (%g s)' % circuit['dt'])
    return args


def write_result(path, data):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(data, f)
        f.write('\\n')
    os.replace(tmp, path)
`;

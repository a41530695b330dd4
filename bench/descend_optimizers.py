#!/usr/bin/env python3
"""Each optimizer of `dcalc descend` reaches the least-squares line that
numpy.linalg.lstsq computes, on a linear-regression CSV (issue 13).
usage: bench/descend_optimizers.py [DCALC] [ROWS]   (exit 1 on a miss)"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

dcalc = sys.argv[1] if len(sys.argv) > 1 else "target/release/dcalc"
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rng = np.random.default_rng(3)
x = rng.uniform(-1, 1, rows)
y = 2 * x + 1 + rng.normal(0, 0.1, rows)
(w, b), *_ = np.linalg.lstsq(np.column_stack([x, np.ones(rows)]), y, rcond=None)
with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    f.write("x,y\n" + "".join(f"{float(a)!r},{float(c)!r}\n" for a, c in zip(x, y)))
runs = [("sgd", "0.5", []), ("momentum", "0.1", []), ("adam", "0.05", []),
        ("sgd", "0.1", ["--batch-size", "32", "--seed", "1"])]
worst = 0.0
print(f"lstsq: w = {w:.12f}, b = {b:.12f}")
for optimizer, rate, extra in runs:
    out = subprocess.run([dcalc, "--format", "json", "descend", "(w*x + b - y)^2", "--from", "w=0,b=0",
                          "--data", f.name, "--optimizer", optimizer, "--rate", rate,
                          "--iterations", "20000", "--tolerance", "1e-10", "--every", "100000", *extra],
                         capture_output=True, text=True, check=True)
    point = json.loads(out.stdout)["final"]["point"]
    miss = max(abs(point["w"] - w), abs(point["b"] - b))
    # Minibatches stop in the noise around the optimum, not on it.
    allowed = 1e-2 if extra else 1e-6
    worst = max(worst, miss / allowed)
    label = optimizer + (" (batches of 32)" if extra else "")
    print(f"{label:<24} w = {point['w']:.12f}, b = {point['b']:.12f}  |Δ| = {miss:.1e} (allowed {allowed:g})")
os.unlink(f.name)
sys.exit(0 if worst <= 1 else 1)

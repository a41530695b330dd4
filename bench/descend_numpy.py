#!/usr/bin/env python3
"""The numpy baseline for `dcalc descend`: 2000 iterations of gradient descent
on mean((w*x + b - y)^2) over a CSV's rows, a plain vectorised loop.
usage: bench/descend_numpy.py FILE.csv [ITERATIONS]"""
import sys
import numpy as np

data = np.genfromtxt(sys.argv[1], delimiter=",", names=True)
x, y = data["x"], data["y"]
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
w = b = 0.0
for _ in range(iterations):
    r = w * x + b - y
    gw, gb = 2 * np.mean(r * x), 2 * np.mean(r)
    w, b = w - 0.05 * gw, b - 0.05 * gb
print(f"w = {w}, b = {b}, loss = {np.mean((w * x + b - y) ** 2)}")

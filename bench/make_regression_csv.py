#!/usr/bin/env python3
"""Noisy points on y = 2x + 1 (10,000 unless given), for the descend benchmark.
usage: bench/make_regression_csv.py [ROWS] > points.csv"""
import random
import sys

random.seed(3)
print("x,y")
for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 10000):
    x = random.uniform(-1, 1)
    print(f"{x},{2 * x + 1 + random.gauss(0, 0.1)}")

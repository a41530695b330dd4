#!/usr/bin/env python3
"""10,000 noisy points on y = 2x + 1, for the descend benchmark.
usage: bench/make_regression_csv.py > points.csv"""
import random

random.seed(3)
print("x,y")
for _ in range(10000):
    x = random.uniform(-1, 1)
    print(f"{x},{2 * x + 1 + random.gauss(0, 0.1)}")

#!/usr/bin/env python3
"""Output size: is dcalc's printed derivative no longer than SymPy's?

usage: bench/output_size.py [--dcalc PATH] [--count N] [--workloads DIR]
Compares len(dcalc diff EXPR) with len(str(sympy.diff(EXPR))) written in the
same syntax (^ for **), on sympy-check's random expressions (same generator
and seed) and on the large workloads, and prints the median ratio of each.
"""
import argparse, os, random, statistics, subprocess, sys
import sympy as sp
from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,
                                        implicit_multiplication_application, convert_xor)

x = sp.Symbol('x', real=True)
LOCAL = dict(x=x, e=sp.E, pi=sp.pi, ln=sp.log, sigmoid=lambda z: 1/(1+sp.exp(-z)),
             softplus=lambda z: sp.log(1+sp.exp(z)))
TR = standard_transformations + (convert_xor, implicit_multiplication_application)
FUNCS = ["sin", "cos", "tan", "exp", "ln", "sqrt", "atan", "sinh", "cosh", "tanh", "sigmoid", "softplus"]

def rnd(r, d):  # the generator of tools/sympy-check
    if d == 0 or r.random() < 0.2:
        return r.choice(["x", "x", str(r.randint(1, 9)), f"x^{r.randint(2, 5)}", f"{r.randint(2, 9)}*x"])
    k = r.random()
    if k < 0.3:
        return f"{r.choice(FUNCS)}({rnd(r, d - 1)})"
    op = r.choice(["+", "-", "*", "/", "^"])
    if op == "^":
        return f"({rnd(r, d - 1)})^{r.choice(['2', '3', '-1', '(1/2)'])}"
    return f"({rnd(r, d - 1)} {op} {rnd(r, d - 1)})"

def sympy_text(e):
    return str(e).replace("**", "^").replace("log(", "ln(")

def ratios(dcalc, sources, parse, wrt="x"):
    out = []
    for src in sources:
        p = subprocess.run([dcalc, "diff", "-", "--wrt", wrt], input=src, capture_output=True, text=True)
        if p.returncode != 0:
            continue
        f = parse(src)
        var = x if x in f.free_symbols else sp.Symbol(wrt)
        if isinstance(f, sp.Add) and len(f.args) > 1000:
            # SymPy takes over 15 minutes to print a 10,000-term sum; its
            # length is the terms' lengths joined by " + " (a "-a" term
            # printed as " - a" has the same length).
            terms = [sympy_text(sp.diff(t, var)) for t in f.args]
            terms = [t for t in terms if t != "0"]
            want_len = sum(map(len, terms)) + 3 * (len(terms) - 1)
        else:
            want_len = len(sympy_text(sp.diff(f, var)))
        out.append(len(p.stdout.strip()) / max(1, want_len))
    return out

def to_sympy(s):
    return parse_expr(s, local_dict=dict(LOCAL), transformations=TR)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dcalc", default="target/release/dcalc")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--workloads", default="benches/workloads")
    ap.add_argument("--only", nargs="*", help="just these workloads, no random expressions")
    a = ap.parse_args()
    if not a.only:
        r = random.Random(1)
        sources = [rnd(r, 4) for _ in range(a.count)]
        rs = ratios(a.dcalc, sources, to_sympy)
        print(f"random expressions: {len(rs)} compared, median length ratio dcalc/sympy = {statistics.median(rs):.3f}")
    def plain(s):  # a long sum is parsed term by term: SymPy's parser is slow on 100 kB
        terms = s.split(" + ") if len(s) > 50000 else [s]
        return sp.Add(*[parse_expr(t.replace("^", "**"), local_dict={"ln": sp.log}) for t in terms])
    def nest(_):  # too deeply nested for Python's parser: built as gen_workloads.py does
        e = sp.Symbol("x")
        for i in range(300):
            e = (sp.sin if i % 2 == 0 else sp.cos)(e)
        return e
    for name in a.only or ["poly", "nest", "wide", "prod"]:
        src = open(os.path.join(a.workloads, name + ".txt")).read().strip()
        rw = ratios(a.dcalc, [src], nest if name == "nest" else plain)
        print(f"workload {name}: length ratio dcalc/sympy = {rw[0]:.3f}")

sys.setrecursionlimit(200000)
import threading
threading.stack_size(512 << 20)
t = threading.Thread(target=main)
t.start()
t.join()

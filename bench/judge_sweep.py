#!/usr/bin/env python3
"""Time dcalc's judge on N random (smooth function, point) pairs, whole
process: check-differentiable at the point and the limit there. Prints the
median and the slowest answer (goal: none over 50 ms) and any that failed.
usage: judge_sweep.py DCALC [N] [SEED]"""
import random, subprocess, sys, time

FUNCS = ["sin", "cos", "exp", "atan", "tanh", "sigmoid", "softplus", "sqrt", "ln", "erf", "cosh"]

def smooth(r, d):
    if d == 0 or r.random() < 0.25:
        return r.choice(["x", f"{r.randint(2, 9)}*x", f"x^{r.randint(2, 5)}", str(r.randint(1, 9))])
    if r.random() < 0.4:
        f = r.choice(FUNCS)
        inner = smooth(r, d - 1)
        # Keep sqrt and ln inside their domains near any point.
        return f"{f}(1 + ({inner})^2)" if f in ("sqrt", "ln") else f"{f}({inner})"
    op = r.choice(["+", "-", "*"])
    return f"({smooth(r, d - 1)} {op} {smooth(r, d - 1)})"

def main():
    dcalc = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    times, failed = [], []
    for _ in range(n):
        f = smooth(r, 3)
        a = r.choice(["0", "1", "-2", "1/3", "pi/4", "5/2"])
        for cmd in (["check-differentiable", f, "--at", a], ["limit", f, "--at", a]):
            t0 = time.perf_counter()
            p = subprocess.run([dcalc, *cmd], capture_output=True, text=True)
            dt = (time.perf_counter() - t0) * 1000
            times.append((dt, cmd))
            if p.returncode != 0:
                failed.append((cmd, p.returncode, p.stdout.strip()[:200], p.stderr.strip()[:200]))
    times.sort(key=lambda t: t[0])
    med = times[len(times) // 2][0]
    worst = times[-1]
    print(f"judge sweep: {len(times)} answers, median {med:.1f} ms, slowest {worst[0]:.1f} ms "
          f"({' '.join(worst[1])}), over 50 ms: {sum(t > 50 for t, _ in times)}, not differentiable/failed: {len(failed)}")
    for c, code, out, err in failed[:20]:
        print(f"  exit {code}: {' '.join(c)}: {out} {err}")

if __name__ == "__main__":
    main()

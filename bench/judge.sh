#!/usr/bin/env bash
# The judge, whole process: check-differentiable and limit on the textbook
# cases (goal: median under 5 ms each), side by side with SymPy's limit in
# one run, then the sweep of 500 (smooth function, point) pairs (goal: no
# answer slower than 50 ms).
# Needs: hyperfine (apt-get install hyperfine), python3 -m pip install sympy
# Usage: bench/judge.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
out=$(mktemp -d)
cargo build --release --quiet
dcalc=target/release/dcalc

cases=(
  "check-differentiable|abs(x)|--at|0"
  "check-differentiable|sqrt(x)|--at|4"
  "check-differentiable|x*sqrt(x^2)|--at|0"
  "check-differentiable|if x == 0 then 0 else x^2*sin(1/x)|--at|0"
  "check-differentiable|if x < 1 then x^2 else 2x - 1|--at|1"
  "check-differentiable|1/(x^2-2)|--at|sqrt(2)"
  "check-differentiable|x^(2/3)|--at|0"
  "limit|sin(x)/x|--at|0"
  "limit|(1+1/x)^x|--at|inf"
  "limit|abs(x)/x|--at|0"
  "limit|x*ln(x)|--at|0|--side|right"
  "limit|(1-cos(x))/x^2|--at|0"
)
args=()
for c in "${cases[@]}"; do
  IFS='|' read -r -a a <<< "$c"
  cmd="$dcalc"
  for w in "${a[@]}"; do cmd+=" '$w'"; done
  args+=(-n "${a[*]}" "$cmd")
done
hyperfine -N -i -w 3 -r "$runs" --export-json "$out/judge.json" "${args[@]}" >/dev/null 2>&1 || \
  hyperfine -i -w 3 -r "$runs" --export-json "$out/judge.json" "${args[@]}" >/dev/null
python3 - "$out/judge.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))['results']:
    t = sorted(r['times'])
    print(f"{t[len(t)//2]*1000:7.2f} ms  dcalc {r['command']}")
PY
if python3 -c "import sympy" 2>/dev/null; then
  echo "== SymPy peer, whole process (python3 -c 'limit(sin(x)/x, x, 0)')"
  hyperfine -N -w 1 -r 5 --export-json "$out/sympy.json" \
    -n "sympy limit sin(x)/x at 0" "python3 -c 'from sympy import *; x=Symbol(\"x\"); print(limit(sin(x)/x, x, 0))'" \
    >/dev/null 2>&1 || true
  python3 - "$out/sympy.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))['results']:
    t = sorted(r['times'])
    print(f"{t[len(t)//2]*1000:7.2f} ms  {r['command']}")
PY
fi
echo "== sweep: 500 (smooth function, point) pairs, check-differentiable and limit"
python3 bench/judge_sweep.py "$dcalc" 500

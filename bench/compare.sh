#!/usr/bin/env bash
# Whole-process wall time and peak memory, measured side by side in one run:
# `dcalc diff` against SymEngine, Symbolica and (with SYMPY=1) SymPy on the
# workloads of ../shared/bench/gen_workloads.py, and against qalc on `diff x^3`.
# Needs: hyperfine, qalc (apt-get install hyperfine qalc),
#        python3 -m pip install sympy symengine symbolica
# Usage: bench/compare.sh [RUNS]    (medians printed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
work=benches/workloads
peer=../shared/bench/peer.py
kernel=../shared/bench/peer_kernel.py
out=$(mktemp -d)
cargo build --release --quiet
dcalc=target/release/dcalc

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('  '.join(f\"{x['command']}: {sorted(x['times'])[len(x['times'])//2]*1000:.1f} ms\" for x in r))" "$1"; }
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

echo "== diff x^3, whole process"
hyperfine -N -w 5 -r $((runs * 5)) --export-json "$out/x3.json" \
  -n dcalc "$dcalc diff x^3" -n qalc "qalc -t diff(x^3,x)" >/dev/null
median "$out/x3.json"

echo "== slope --rows 15 on exp(sin(x)), whole process"
hyperfine -N -w 5 -r $((runs * 5)) --export-json "$out/slope.json" \
  -n dcalc "$dcalc slope exp(sin(x)) --at 1 --rows 15" >/dev/null
median "$out/slope.json"

echo "== descend: 2000 iterations over 10,000 rows of (w*x + b - y)^2, whole process"
python3 bench/make_regression_csv.py > "$out/points.csv"
hyperfine -w 1 -r "$runs" --export-json "$out/descend.json" \
  -n dcalc "$dcalc descend '(w*x + b - y)^2' --data $out/points.csv --from w=0,b=0 --rate 0.05 --iterations 2000 --tolerance 0" \
  -n numpy "python3 bench/descend_numpy.py $out/points.csv 2000" >/dev/null
median "$out/descend.json"

for w in poly nest wide prod batch; do
  flag=""; [ "$w" = batch ] && flag="--batch"
  cmds=(-n dcalc "$dcalc diff - --wrt x < $work/$w.txt"
        -n symengine "python3 $peer symengine $work/$w.txt $flag"
        -n symbolica "python3 $peer symbolica $work/$w.txt $flag")
  if [ "${SYMPY:-0}" = 1 ] && [ "$w" != nest ]; then
    cmds+=(-n sympy "python3 $peer sympy $work/$w.txt $flag")
  fi
  echo "== $w, whole process (median)"
  hyperfine -i -w 1 -r "$runs" --export-json "$out/$w.json" "${cmds[@]}" >/dev/null 2>&1 || true
  median "$out/$w.json"
  echo "   peak KB: dcalc $(peak sh -c "$dcalc diff - --wrt x < $work/$w.txt")" \
       " symengine $(peak python3 $peer symengine $work/$w.txt $flag)" \
       " symbolica $(peak python3 $peer symbolica $work/$w.txt $flag)"
  echo "   in-process ms: symengine $(python3 $kernel symengine $work/$w.txt $flag | tail -1)" \
       " symbolica $(python3 $kernel symbolica $work/$w.txt $flag 2>/dev/null | tail -1)"
done

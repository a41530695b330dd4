#!/usr/bin/env bash
# Whole-process wall time and peak memory, measured side by side in one run:
# `dcalc diff` against SymEngine, Symbolica and (with SYMPY=1) SymPy on the
# workloads of ../shared/bench/gen_workloads.py, and against qalc on `diff x^3`.
# Needs: hyperfine, qalc (apt-get install hyperfine qalc),
#        python3 -m pip install sympy symengine symbolica
# Usage: bench/compare.sh [RUNS] [SECTION...]   sections: start slope descend
#        workloads growth (default: all); medians printed as they come
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shift || true
sections=${*:-start slope descend workloads growth}
want() { [[ " $sections " == *" $1 "* ]]; }
work=benches/workloads
peer=../shared/bench/peer.py
kernel=../shared/bench/peer_kernel.py
out=$(mktemp -d)
cargo build --release --quiet
dcalc=target/release/dcalc

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('  '.join(f\"{x['command']}: {sorted(x['times'])[len(x['times'])//2]*1000:.1f} ms\" for x in r))" "$1"; }
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

if want start; then
echo "== diff x^3, whole process"
hyperfine -N -w 5 -r $((runs * 5)) --export-json "$out/x3.json" \
  -n dcalc "$dcalc diff x^3" -n qalc "qalc -t diff(x^3,x)" >/dev/null
median "$out/x3.json"
fi

if want slope; then
echo "== slope --rows 15 on exp(sin(x)), whole process"
hyperfine -N -w 5 -r $((runs * 5)) --export-json "$out/slope.json" \
  -n dcalc "$dcalc slope exp(sin(x)) --at 1 --rows 15" >/dev/null
median "$out/slope.json"
fi

if want descend; then
echo "== descend: 2000 iterations over 10,000 rows of (w*x + b - y)^2, whole process"
python3 bench/make_regression_csv.py > "$out/points.csv"
hyperfine -w 1 -r "$runs" --export-json "$out/descend.json" \
  -n dcalc "$dcalc descend '(w*x + b - y)^2' --data $out/points.csv --from w=0,b=0 --rate 0.05 --iterations 2000 --tolerance 0" \
  -n numpy "python3 bench/descend_numpy.py $out/points.csv 2000" >/dev/null
median "$out/descend.json"
fi

want workloads && for w in poly nest wide prod batch; do
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

want growth || exit 0
echo "== growth: time per term, whole process (median) against Symbolica's in-process kernel"
python3 - "$out" <<'PY'
import sys, sympy as sp
out = sys.argv[1]
x, y, z = sp.symbols('x y z')
for n in (1000, 10000, 100000):  # n terms: i*x^i and sin(i*x) in pairs
    open(f"{out}/wide{n}.txt", "w").write(" + ".join(f"{i}*x^{i} + sin({i}*x)" for i in range(1, n // 2 + 1)) + "\n")
for k in (10, 20, 30):
    open(f"{out}/poly{k}.txt", "w").write(str(sp.expand((x + y + z + 1) ** k)).replace("**", "^") + "\n")
PY
printf "%-10s %8s %10s %12s %10s %12s %10s\n" workload terms "dcalc ms" "dcalc us/term" "peak MB" "symbolica ms" ratio
for w in wide1000 wide10000 wide100000 poly10 poly20 poly30; do
  f="$out/$w.txt"
  terms=$(python3 -c "import sys; print(open(sys.argv[1]).read().count(' + ') + 1)" "$f")
  hyperfine -i -w 1 -r "$runs" --export-json "$out/g.json" "$dcalc diff - --wrt x < $f" >/dev/null 2>&1
  ms=$(python3 -c "import json,sys; t=sorted(json.load(open(sys.argv[1]))['results'][0]['times']); print(f'{t[len(t)//2]*1000:.1f}')" "$out/g.json")
  kb=$(peak sh -c "$dcalc diff - --wrt x < $f")
  sb=$(python3 $kernel symbolica "$f" 2>/dev/null | tail -1)
  python3 -c "import sys; ms,terms,kb,sb=float(sys.argv[1]),int(sys.argv[2]),int(sys.argv[3]),float(sys.argv[4]); print(f'{sys.argv[5]:<10} {terms:>8} {ms:>10.1f} {ms*1000/terms:>12.2f} {kb/1024:>10.1f} {sb:>12.1f} {ms/sb:>10.2f}')" "$ms" "$terms" "$kb" "$sb" "$w"
done

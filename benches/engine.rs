//! Parse, differentiate and print on small and large expressions. The large
//! workloads are ../shared/bench/gen_workloads.py's, committed under
//! benches/workloads/. Run: cargo bench

use dcalc::{derivative, parse, plain};

fn main() {
    divan::main();
}

fn workload(name: &str) -> String {
    let path = format!("{}/benches/workloads/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("workload file").trim_end().to_string()
}

const LARGE: [&str; 4] = ["poly", "nest", "wide", "prod"];

#[divan::bench(args = ["x^3", "sin(x)^2*exp(-x^2)/(1 + x)"])]
fn small_parse_diff_print(text: &str) -> String {
    let e = parse(text).unwrap();
    plain(&derivative(&e, "x").unwrap())
}

#[divan::bench(args = LARGE)]
fn parse_large(bencher: divan::Bencher, name: &str) {
    let text = workload(name);
    bencher.bench_local(|| parse(&text).unwrap());
}

#[divan::bench(args = LARGE)]
fn diff_large(bencher: divan::Bencher, name: &str) {
    let e = parse(&workload(name)).unwrap();
    bencher.bench_local(|| derivative(&e, "x").unwrap());
}

#[divan::bench(args = LARGE)]
fn print_large(bencher: divan::Bencher, name: &str) {
    let d = derivative(&parse(&workload(name)).unwrap(), "x").unwrap();
    bencher.bench_local(|| plain(&d));
}

#[divan::bench]
fn batch_10000_lines(bencher: divan::Bencher) {
    let text = workload("batch");
    bencher.bench_local(|| {
        // Lines that divide by zero are refused at parse time, as in the CLI.
        text.lines()
            .filter_map(|l| parse(l).ok())
            .map(|e| plain(&derivative(&e, "x").unwrap()).len())
            .sum::<usize>()
    });
}
#[divan::bench(args = LARGE)]
fn pest_only(bencher: divan::Bencher, name: &str) {
    let text = workload(name);
    bencher.bench_local(|| dcalc::engine::parse::syntax_only(&text));
}

//! The fuzzer's findings and a sample of its corpus, replayed through the
//! same invariants (dcalc::fuzzing) on every test run. The fuzzer itself
//! runs in .ci/run (a short smoke run) and by hand (fuzz/README.md).

use std::path::Path;

/// Corpus files replayed per target: enough to cover every grammar rule
/// and command path the corpus reaches, few enough for a debug build.
const SAMPLE: usize = 60;

fn replay(dir: &Path, run: fn(&[u8]), limit: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let step = files.len().div_ceil(limit.max(1)).max(1);
    let mut count = 0;
    for file in files.iter().step_by(step) {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(
            outcome.is_ok(),
            "{} fails its invariant: {:?}",
            file.display(),
            String::from_utf8_lossy(&data)
        );
        count += 1;
    }
    count
}

#[test]
fn every_crash_the_fuzzer_found_stays_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut total = 0;
    for (name, run) in dcalc::fuzzing::TARGETS {
        total += replay(&root.join(name), *run, usize::MAX);
    }
    assert!(total >= 2, "the regression inputs are missing ({total})");
}

#[test]
fn a_sample_of_the_corpus_keeps_its_invariants() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (name, run) in dcalc::fuzzing::TARGETS {
        let count = replay(&root.join(name), *run, SAMPLE);
        assert!(count > 0, "no corpus for the {name} target");
    }
}

//! The committed completions and man pages must match what the clap
//! definition generates now. Regenerate with `cargo run -- generate .`

use dcalc::cli::generate::{SHELLS, completion, man_pages};
use std::path::Path;

fn assert_fresh(path: &Path, generated: &[u8]) {
    let committed = std::fs::read(path).unwrap_or_default();
    assert!(committed == generated, "{} is stale: run `cargo run -- generate .` and commit", path.display());
}

#[test]
fn completions_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in SHELLS {
        assert_fresh(&root.join("completions").join(file), &completion(shell));
    }
}

#[test]
fn man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = man_pages().unwrap();
    assert!(pages.iter().any(|(name, _)| name == "dcalc-diff.1"));
    for (name, page) in pages {
        assert_fresh(&root.join("man").join(name), &page);
    }
}

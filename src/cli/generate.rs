//! Shell completions and man pages, generated from the clap definition.
//! The committed copies under completions/ and man/ are checked against
//! these by a test.

use super::help;
use clap_complete::Shell;
use std::path::Path;

/// Every shell we ship completions for, with its file name.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "dcalc.bash"),
    (Shell::Zsh, "_dcalc"),
    (Shell::Fish, "dcalc.fish"),
    (Shell::Elvish, "dcalc.elv"),
    (Shell::PowerShell, "_dcalc.ps1"),
];

pub fn completion(shell: Shell) -> Vec<u8> {
    let mut cmd = help::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "dcalc", &mut buf);
    buf
}

/// `dcalc.1` and one page per visible subcommand (`dcalc-diff.1`, …).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = help::command();
    cmd.build();
    let mut pages = Vec::new();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    let all: Vec<(&str, &str)> =
        help::EXAMPLES.iter().flat_map(|(_, list)| list.iter().copied()).take(8).collect();
    buf.extend(help::man_sections(&all).into_bytes());
    pages.push(("dcalc.1".to_string(), buf));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("dcalc-{}", sub.get_name());
        let mut buf = Vec::new();
        // The examples have their own section here.
        let page = sub.clone().after_help("").after_long_help("");
        clap_mangen::Man::new(page).title(name.clone()).render(&mut buf)?;
        let examples = help::EXAMPLES.iter().find(|(n, _)| *n == sub.get_name()).map_or(&[][..], |(_, l)| *l);
        buf.extend(help::man_sections(examples).into_bytes());
        pages.push((format!("{name}.1"), buf));
    }
    Ok(pages)
}

/// Write `completions/` and `man/` under `root`.
pub fn write_all(root: &Path) -> anyhow::Result<()> {
    let completions = root.join("completions");
    std::fs::create_dir_all(&completions)?;
    for (shell, file) in SHELLS {
        std::fs::write(completions.join(file), completion(shell))?;
    }
    let man = root.join("man");
    std::fs::create_dir_all(&man)?;
    for (name, page) in man_pages()? {
        std::fs::write(man.join(name), page)?;
    }
    Ok(())
}

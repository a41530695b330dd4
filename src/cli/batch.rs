//! `-`: one expression per line of stdin, answered in input order. Lines
//! are read in chunks and a chunk's lines are answered on every core
//! (scoped threads taking the next line from a shared counter); the output
//! and the messages are written in input order as if one core did it all.
//! `DCALC_THREADS=1` answers line by line as they arrive (a coprocess that
//! waits for each answer needs that).

use super::Reply;
use anyhow::Context;
use std::io::{self, BufRead};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Lines read before a chunk is answered.
const CHUNK: usize = 4096;

/// Below this many lines a chunk is answered on this thread.
const PARALLEL_FROM: usize = 32;

/// Each worker's stack: the nesting cap is sized for 32 MiB.
const WORKER_STACK: usize = 64 << 20;

/// One input line, read.
pub struct Line {
    pub number: usize,
    /// The text, or why it could not be read (not UTF-8).
    pub text: Result<String, String>,
    /// The input's last line (nothing follows it).
    pub last: bool,
}

/// One line, answered: its notes for stderr (glued names) and the reply.
pub struct Answered {
    pub notes: Vec<String>,
    pub reply: Option<anyhow::Result<Reply>>,
}

/// The threads to use: `DCALC_THREADS`, else every core.
pub fn threads() -> usize {
    std::env::var("DCALC_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Read up to `limit` lines (fewer at the end of input).
pub fn read_chunk(input: &mut impl BufRead, first: usize, limit: usize) -> anyhow::Result<Vec<Line>> {
    let mut lines = Vec::new();
    let mut buf = Vec::new();
    while lines.len() < limit {
        buf.clear();
        if input.read_until(b'\n', &mut buf).context("reading stdin")? == 0 {
            break;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        let number = first + lines.len();
        let text = std::str::from_utf8(&buf)
            .map(|s| s.trim_end_matches('\r'))
            // A byte-order mark from an editor is not part of the input.
            .map(|s| if number == 1 { s.trim_start_matches('\u{feff}') } else { s })
            .map(str::to_string)
            .map_err(|_| "not valid UTF-8".to_string());
        lines.push(Line { number, text, last: false });
    }
    // A short chunk ended at the end of input. (Never peeked for: a stream
    // answered line by line must not wait for the next line to come.)
    if lines.len() < limit
        && let Some(line) = lines.last_mut()
    {
        line.last = true;
    }
    Ok(lines)
}

/// Answer every line of a chunk, in order, on up to `threads` threads.
pub fn answer_all(
    lines: &[Line],
    threads: usize,
    answer: &(impl Fn(&str) -> Answered + Sync),
) -> Vec<Answered> {
    let one = |line: &Line| match &line.text {
        Ok(text) => {
            if line.last {
                super::answering_last();
            }
            answer(text)
        }
        Err(_) => Answered { notes: Vec::new(), reply: None },
    };
    if threads <= 1 || lines.len() < PARALLEL_FROM {
        return lines.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(line) = lines.get(i) else { break };
            done.push((i, one(line)));
        }
        done
    };
    let mut results: Vec<(usize, Answered)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| {
                std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(scope, work).ok()
            })
            .collect();
        // No worker could start (an address-space limit): this thread does it.
        if workers.is_empty() {
            return work();
        }
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    // A worker that panicked left its lines unanswered: answer them here.
    let mut seen = vec![false; lines.len()];
    for (i, _) in &results {
        seen[*i] = true;
    }
    for (i, line) in lines.iter().enumerate().filter(|(i, _)| !seen[*i]) {
        results.push((i, one(line)));
    }
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, a)| a).collect()
}

/// The chunk size: one line at a time when answering on one thread, so a
/// coprocess gets each answer as soon as its line is in.
pub fn chunk_for(threads: usize) -> usize {
    if threads <= 1 { 1 } else { CHUNK }
}

/// Whether `stdin` must be read line by line: one thread, or a terminal.
pub fn interactive() -> bool {
    use std::io::IsTerminal;
    io::stdin().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lasts(input: &str, limit: usize) -> Vec<bool> {
        let mut reader = io::Cursor::new(input.as_bytes());
        read_chunk(&mut reader, 1, limit).expect("reading a string").iter().map(|l| l.last).collect()
    }

    #[test]
    fn the_last_line_is_known_only_when_the_input_ended() {
        // A short chunk met the end of the input: its last line is the last.
        assert_eq!(lasts("x^2\nsin(x)\n", CHUNK), [false, true]);
        assert_eq!(lasts("x^2\nsin(x)", CHUNK), [false, true]);
        // A full chunk cannot tell without waiting for more input, and a
        // stream read line by line never waits: neither marks a line.
        assert_eq!(lasts("x^2\nsin(x)\n", 2), [false, false]);
        assert_eq!(lasts("x^2\n", 1), [false]);
    }
}

#[global_allocator]
static ALLOCATOR: dcalc::cli::heap::HugePages = dcalc::cli::heap::HugePages;

fn main() -> std::process::ExitCode {
    dcalc::cli::main()
}

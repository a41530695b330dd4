fn main() -> std::process::ExitCode {
    dcalc::cli::main()
}

fn main() -> std::process::ExitCode {
    gongwen::cli::main()
}

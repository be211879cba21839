fn main() -> std::process::ExitCode {
    // A reader that closes the pipe early (`gongwen check | head`) ends the
    // process quietly, as it ends any other command-line tool, instead of
    // making the next message a write error (Rust ignores SIGPIPE by default).
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    gongwen::cli::main()
}

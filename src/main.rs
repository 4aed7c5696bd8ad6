//! The `claimdesk` binary: the GUI when started without a subcommand, headless tools
//! (`segment`, `new`, `claim add`, `check`, `stats`) otherwise.
//!
//! Exit codes: 0 success, 1 bad input or a failed operation (the error chain goes to
//! stderr), 2 a usage error (reported by clap).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any thread starts: reading the local offset later is refused.
    claimdesk::timestamp::init_local_offset();
    let cli = match cli::Cli::parse_args() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version come through here too, with exit code 0; printing
            // them into a closed pipe is not an error worth a panic.
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`| head`): nothing is wrong.
        Err(err) if err.downcast_ref::<cli::StdoutClosed>().is_some() => ExitCode::SUCCESS,
        // The command has said what there was to say (merge conflicts, a driver failure).
        Err(err) if err.downcast_ref::<cli::Exit>().is_some() => {
            ExitCode::from(err.downcast_ref::<cli::Exit>().map_or(1, |exit| exit.0))
        }
        Err(err) => {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr().lock(),
                "error: {}",
                cli::error_chain(&err)
            );
            ExitCode::from(1)
        }
    }
}

//! The `claimdesk` binary: the GUI when started without a subcommand (or with `open`),
//! headless tools otherwise, each in `cli/`:
//!
//! - reading articles: `segment` (sentences, one per line or JSON), `extract` (a page's
//!   main text and metadata);
//! - sessions: `new` (from articles, pages or addresses), `check`, `stats`, `meta`
//!   (session details), `claim add|list|set|remove`, `sentence split|merge` (hand
//!   corrections of the segmentation), `update` (a new version of an article);
//! - translations: `align` (pairs and divergence flags);
//! - the desk: `merge`, `merge-driver` and `git-setup` (git merges sessions), `agree`
//!   (agreement between reviewers);
//! - interchange: `export` (ClaimReview, W3C, doccano, Label Studio, FEVER, CSV, report)
//!   and `import` (W3C, doccano, Label Studio; `--into` a session).
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
            // One line, with nothing a terminal would act on (a file name may hold an
            // escape sequence or a line break).
            let _ = writeln!(
                std::io::stderr().lock(),
                "error: {}",
                cli::inert(&cli::error_chain(&err), true)
            );
            ExitCode::from(1)
        }
    }
}

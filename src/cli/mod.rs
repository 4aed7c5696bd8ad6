//! Command-line parsing and the headless commands, a thin shell over the core.

mod change;
mod claim;
mod commands;
mod meta;
mod output;
mod sentence;
mod team;
mod update;
mod web;

use std::path::PathBuf;
use std::str::FromStr;

pub use output::{StdoutClosed, error_chain, inert};
pub use team::Exit;

use claimdesk::export::Format;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// Claimdesk: tag claims in news articles, judge them, cite sources, export annotations.
#[derive(Debug, Parser)]
#[command(
    name = "claimdesk",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// An article (.txt, .md) or session (.ron) to open in the window.
    file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open an article or session in the window.
    Open {
        /// An article (.txt, .md) or session (.ron).
        file: PathBuf,
        /// Other reviewers' sessions of the same article, to compare and adjudicate.
        #[arg(long, num_args = 1..)]
        compare: Vec<PathBuf>,
    },
    /// Split an article into sentences, one per line (or JSON with code-point offsets).
    Segment {
        /// Language code (nl, en, …) or `auto` to detect it.
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Print `[{"start":…,"end":…,"text":…}]` with code-point offsets.
        #[arg(long)]
        json: bool,
        /// The article, or `-` for standard input.
        file: PathBuf,
    },
    /// Print the article a file holds: for a web page, its main text and metadata, as a
    /// session would take them.
    Extract {
        /// Articles (.txt, .md, .html, .htm, .html.gz).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// One JSON object per file: `{"file","title","body","meta"}` (or `"error"`).
        #[arg(long)]
        json: bool,
        /// Take a web page's whole visible text, not only its article.
        #[arg(long)]
        whole_page: bool,
    },
    /// Start a review session from one or more articles.
    New {
        /// Articles (.txt, .md, a saved web page .html/.htm/.html.gz, or an http(s)
        /// address to fetch), in the order they become documents 0, 1, …
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// From a web page without an article body, take its whole visible text.
        #[arg(long)]
        whole_page: bool,
        /// Where to write the session.
        #[arg(short, long)]
        output: PathBuf,
        /// Session title (default: the first article's title).
        #[arg(long)]
        title: Option<String>,
        /// Language of the articles, or `auto` to detect each one.
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Replace an existing session at the output path.
        #[arg(long)]
        force: bool,
    },
    /// Work on the claims of a session.
    Claim {
        #[command(subcommand)]
        action: claim::ClaimCommand,
    },
    /// Bring in a new version of a document's article: the new text replaces the old (kept
    /// in the document's history), and every claim is re-anchored (kept, moved, changed)
    /// or kept as an orphan when it cannot be placed with confidence.
    Update {
        session: PathBuf,
        /// Document index (0-based).
        #[arg(long)]
        doc: u32,
        /// The new version of the article (.txt or .md).
        file: PathBuf,
        /// Print `{"summary":{…},"claims":[{"id","outcome","old","new"}]}`.
        #[arg(long)]
        json: bool,
    },
    /// Correct a document's sentence boundaries by hand: split or merge sentences.
    Sentence {
        #[command(subcommand)]
        action: sentence::SentenceCommand,
    },
    /// Show or change the session details: title, review URL, organisation, reviewers.
    Meta(meta::MetaCommand),
    /// Validate a session and print a summary.
    Check { session: PathBuf },
    /// Count documents, sentences and claims (by verdict and status).
    Stats {
        session: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export sessions as an annotation set (several sessions make one dataset).
    Export {
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// claimreview, w3c, doccano, labelstudio, fever, csv, markdown, html.
        #[arg(long, value_parser = Format::from_str)]
        format: Format,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only claims whose status is done.
        #[arg(long)]
        only_done: bool,
        /// Replace an existing output file that is not an earlier export of this format
        /// (never a session or its backup).
        #[arg(long)]
        force: bool,
        /// Export even if a session has unresolved merge conflicts (each claim as it
        /// stands, with one side's values).
        #[arg(long)]
        allow_conflicts: bool,
    },
    /// Align the sentences of an original (A) and its translation (B) and list where they
    /// diverge.
    Align {
        a: PathBuf,
        b: PathBuf,
        /// Language of A (default: detect).
        #[arg(long, default_value = "auto")]
        lang_a: String,
        /// Language of B (default: detect).
        #[arg(long, default_value = "auto")]
        lang_b: String,
        /// Print `{"pairs":[…],"divergences":[…]}`.
        #[arg(long)]
        json: bool,
    },
    /// Three-way merge of two reviewers' copies of a session. Conflicts are recorded in
    /// the merged session (resolve them in the window); exit 1 when there are any.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the merged session (may be OURS; the old file becomes `.bak`).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Agreement between reviewers' sessions of the same article (sentence by sentence):
    /// percent agreement, Cohen's, Fleiss' kappa and Krippendorff's alpha on which
    /// sentences are claims; Krippendorff's alpha (ordinal and nominal) on verdicts.
    Agree {
        /// Two or more sessions, one per reviewer.
        #[arg(required = true, num_args = 2..)]
        sessions: Vec<PathBuf>,
        /// Print `{"reviewers":[…],"units":N,"claim":{…},"verdict":{…}}`.
        #[arg(long)]
        json: bool,
    },
    /// The git merge driver: `claimdesk merge-driver %O %A %B %P` (see `git-setup`).
    /// Writes the merge into %A; exit 0 clean, 1 conflicts recorded, 2 not merged.
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The session's path in the repository, for messages.
        name: Option<String>,
    },
    /// Make git merge `*.ron` sessions with Claimdesk: adds `*.ron merge=claimdesk` to
    /// `.gitattributes` and sets `merge.claimdesk.driver` in the repository's config.
    GitSetup {
        /// The repository (default: the current folder).
        #[arg(default_value = ".")]
        repo: PathBuf,
    },
    /// Make a session from a W3C collection, a doccano JSONL or a Label Studio export.
    Import {
        file: PathBuf,
        /// w3c, doccano or labelstudio.
        #[arg(long, value_parser = Format::from_str)]
        format: Format,
        /// Where to write the session.
        #[arg(short, long, required_unless_present = "into", conflicts_with = "into")]
        output: Option<PathBuf>,
        /// Bring the file's labels and new spans into this existing session instead, as
        /// one undoable edit (documents matched by their text, claims by id or span;
        /// importing the same file twice changes nothing the second time).
        #[arg(long)]
        into: Option<PathBuf>,
        /// With --into: remove the session's claims whose span the file no longer has
        /// (deleted in the other tool). Without it they are kept and named.
        #[arg(long, requires = "into")]
        remove_missing: bool,
        /// Replace an existing session at the output path.
        #[arg(long)]
        force: bool,
    },
}

impl Cli {
    /// Parses the process arguments; `Err` carries clap's message and exit code.
    pub fn parse_args() -> Result<Cli, clap::Error> {
        let matches = Cli::command().try_get_matches()?;
        let mut cli = Cli::from_arg_matches(&matches)?;
        if let (None, Some(file)) = (&cli.command, &cli.file)
            && !file.exists()
        {
            // `claimdesk bogus` is a mistyped command far more often than a missing file.
            let commands: Vec<String> = Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_owned())
                .collect();
            return Err(clap::Error::raw(
                clap::error::ErrorKind::InvalidSubcommand,
                format!(
                    "`{}` is neither a command nor an existing file\n\ncommands: {}\n\nFor more \
                     information, try '--help'.\n",
                    file.display(),
                    commands.join(", ")
                ),
            ));
        }
        if let Some(Command::Claim {
            action: claim::ClaimCommand::Add(add),
        }) = &mut cli.command
        {
            // `--source-title` belongs to the `--source` before it; only the raw matches
            // know the order.
            if let Some(("claim", claim_matches)) = matches.subcommand()
                && let Some(("add", add_matches)) = claim_matches.subcommand()
            {
                add.pair_source_titles(add_matches)?;
            }
        }
        Ok(cli)
    }

    /// Runs the chosen command.
    pub fn run(self) -> anyhow::Result<()> {
        match self.command {
            None => commands::open_gui(self.file, Vec::new()),
            Some(Command::Open { file, compare }) => commands::open_gui(Some(file), compare),
            Some(Command::Segment { lang, json, file }) => commands::segment(&file, &lang, json),
            Some(Command::Extract {
                files,
                json,
                whole_page,
            }) => web::extract(&files, json, whole_page),
            Some(Command::New {
                articles,
                whole_page,
                output,
                title,
                lang,
                force,
            }) => commands::new_session(&articles, whole_page, &output, title, &lang, force),
            Some(Command::Claim { action }) => action.run(),
            Some(Command::Sentence { action }) => action.run(),
            Some(Command::Update {
                session,
                doc,
                file,
                json,
            }) => update::update(&session, doc, &file, json),
            Some(Command::Meta(meta)) => meta.run(),
            Some(Command::Check { session }) => commands::check(&session),
            Some(Command::Stats { session, json }) => commands::stats(&session, json),
            Some(Command::Export {
                sessions,
                format,
                output,
                only_done,
                force,
                allow_conflicts,
            }) => commands::export(
                &sessions,
                format,
                commands::ExportTarget {
                    output: output.as_deref(),
                    force,
                },
                only_done,
                allow_conflicts,
            ),
            Some(Command::Merge {
                base,
                ours,
                theirs,
                output,
            }) => team::merge_command(&base, &ours, &theirs, &output),
            Some(Command::MergeDriver {
                base,
                ours,
                theirs,
                name,
            }) => {
                let name = name.unwrap_or_else(|| ours.display().to_string());
                team::merge_driver(&base, &ours, &theirs, &name)
            }
            Some(Command::GitSetup { repo }) => team::git_setup(&repo),
            Some(Command::Agree { sessions, json }) => team::agree(&sessions, json),
            Some(Command::Align {
                a,
                b,
                lang_a,
                lang_b,
                json,
            }) => commands::align(&a, &b, &lang_a, &lang_b, json),
            Some(Command::Import {
                file,
                format,
                output,
                into,
                remove_missing,
                force,
            }) => match (output, into) {
                (_, Some(session)) => commands::import_into(
                    &file,
                    format,
                    &session,
                    claimdesk::export::import_into::MergeImportOptions { remove_missing },
                ),
                (Some(output), None) => commands::import(&file, format, &output, force),
                (None, None) => Err(anyhow::anyhow!("import needs -o OUTPUT or --into SESSION")),
            },
        }
    }
}

//! `claimdesk meta`: the session details (title, review URL, organisation, reviewers).

use std::path::PathBuf;

use claimdesk::model::Session;
use clap::Args;

use super::claim::{change_session, checked_url};
use super::commands::load_session;
use super::output::{Report, emit};

#[derive(Debug, Args)]
pub struct MetaCommand {
    /// The session; without options, its details are printed.
    session: PathBuf,
    /// The session's title.
    #[arg(long)]
    title: Option<String>,
    /// Where the review is published (ClaimReview's `url`; http or https).
    #[arg(long)]
    review_url: Option<String>,
    /// The fact-checking organisation (ClaimReview's `author`).
    #[arg(long)]
    organisation: Option<String>,
    /// The organisation's web site (http or https).
    #[arg(long)]
    organisation_url: Option<String>,
    /// Add a reviewer (kept once, in the order added).
    #[arg(long)]
    add_reviewer: Vec<String>,
}

impl MetaCommand {
    pub fn run(self) -> anyhow::Result<()> {
        let is_change = self.title.is_some()
            || self.review_url.is_some()
            || self.organisation.is_some()
            || self.organisation_url.is_some()
            || !self.add_reviewer.is_empty();
        if !is_change {
            return show(&load_session(&self.session)?);
        }
        let review_url = self
            .review_url
            .as_deref()
            .map(|url| checked_url(url, "--review-url"))
            .transpose()?;
        let organisation_url = self
            .organisation_url
            .as_deref()
            .map(|url| checked_url(url, "--organisation-url"))
            .transpose()?;
        let path = self.session.clone();
        change_session(&path, |session, now| {
            let edit = claimdesk::intent::set_meta_edit(
                session,
                |meta| {
                    if let Some(title) = &self.title {
                        meta.title.clone_from(title);
                    }
                    if let Some(url) = &review_url {
                        meta.review_url = Some(url.clone());
                    }
                    if let Some(name) = &self.organisation {
                        meta.organisation.name.clone_from(name);
                    }
                    if let Some(url) = &organisation_url {
                        meta.organisation.url = Some(url.clone());
                    }
                    for reviewer in &self.add_reviewer {
                        let reviewer = reviewer.trim().to_owned();
                        if !reviewer.is_empty() && !meta.reviewers.contains(&reviewer) {
                            meta.reviewers.push(reviewer);
                        }
                    }
                },
                now,
            );
            Ok((edit, |_: &Session| "session details updated".to_owned()))
        })
    }
}

fn show(session: &Session) -> anyhow::Result<()> {
    let meta = session.meta();
    let mut report = Report::new();
    report.line(format_args!("title             {}", meta.title));
    report.line(format_args!(
        "review url        {}",
        meta.review_url.as_deref().unwrap_or("(none)")
    ));
    report.line(format_args!("organisation      {}", meta.organisation.name));
    report.line(format_args!(
        "organisation url  {}",
        meta.organisation.url.as_deref().unwrap_or("(none)")
    ));
    report.line(format_args!(
        "reviewers         {}",
        meta.reviewers.join(", ")
    ));
    report.line(format_args!("created           {}", meta.created));
    report.line(format_args!("modified          {}", meta.modified));
    emit(report.as_str(), None)
}

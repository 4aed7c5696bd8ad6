//! Autosave: every few seconds of unsaved work, a copy of the session is encoded and
//! written to the sidecar on a worker thread; saving and closing wait for a running one.

use super::ClaimdeskApp;
use crate::timestamp::Timestamp;
use crate::workspace::{self};
use std::time::{Duration, Instant};

impl ClaimdeskApp {
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let interval = Duration::from_secs(self.prefs.autosave_secs.max(1));
        if !self.is_dirty() {
            self.last_autosave = Instant::now();
            return;
        }
        if self.last_autosave.elapsed() < interval {
            ctx.request_repaint_after(interval.saturating_sub(self.last_autosave.elapsed()));
            return;
        }
        self.last_autosave = Instant::now();
        self.autosave_now();
    }

    /// Starts writing the autosave sidecar (if there are unsaved changes). Encoding and
    /// writing run on a worker thread with a copy of the session, so a large session does
    /// not stall the window.
    pub fn autosave_now(&mut self) {
        if self.autosave_job.is_some() {
            return;
        }
        let (Some(workspace), Some(sidecar)) = (&self.workspace, self.autosave_sidecar()) else {
            return;
        };
        if !workspace.is_dirty() {
            return;
        }
        let session = workspace.session().clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("autosave".to_owned())
            .spawn(move || {
                let result = workspace::write_autosave(&session, &sidecar)
                    .map(|()| Timestamp::now())
                    .map_err(|err| err.to_string());
                let _ = sender.send(result);
            });
        match spawned {
            Ok(_) => self.autosave_job = Some(receiver),
            Err(err) => self.error(format!("Autosave failed: {err}")),
        }
    }

    /// Collects a finished autosave; with `wait`, waits for a running one (before saving
    /// or closing, so a late autosave cannot outlive the save).
    pub(super) fn poll_autosave(&mut self, wait: bool) {
        let Some(job) = &self.autosave_job else {
            return;
        };
        let result = if wait {
            job.recv().ok()
        } else {
            match job.try_recv() {
                Ok(result) => Some(result),
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
            }
        };
        self.autosave_job = None;
        match result {
            Some(Ok(time)) => self.last_autosave_time = Some(time),
            Some(Err(err)) => self.error(format!("Autosave failed: {err}")),
            None => self.error("Autosave failed: the autosave thread stopped".to_owned()),
        }
    }

    /// Waits until a running autosave has been written.
    pub fn wait_for_autosave(&mut self) {
        self.poll_autosave(true);
    }
}

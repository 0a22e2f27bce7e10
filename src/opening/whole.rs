//! The whole case, loading on its own thread: behind the loading screen, and, when a
//! large case opened on a preview of its first events, behind the board. The board hears
//! of it as an [`Action`] through an inbox the event loop reads: [`Action::CaseReady`]
//! or [`Action::CaseFailed`]; what is printed after the board closes (the warnings, or
//! the errors) is kept here.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex, PoisonError};

use crate::action::{Action, Ready};
use crate::case::{LoadError, Problem};
use crate::cli;

/// How the whole case's load ended: its warnings, or its errors.
pub type Outcome = Result<Vec<Problem>, LoadError>;

/// The whole case loading on its thread.
pub struct Whole {
    inbox: Receiver<Action>,
    outcome: Arc<Mutex<Option<Outcome>>>,
}

impl Whole {
    /// Starts loading `case` (a case.json or a folder; `None`: the bundled case).
    pub fn load(case: Option<PathBuf>, options: crate::case::load::Options) -> Whole {
        let (tx, inbox) = mpsc::channel();
        let outcome = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&outcome);
        std::thread::spawn(move || {
            let loaded = std::panic::catch_unwind(|| cli::load_case(case.as_deref(), options))
                .unwrap_or_else(|_| Err(LoadError::single("", "the case loader crashed", None)));
            let (action, kept) = match loaded {
                Ok(l) => {
                    let ready = Ready {
                        case: Arc::new(l.case),
                        warnings: l.warnings.len(),
                    };
                    (Action::CaseReady(ready), Ok(l.warnings))
                }
                Err(e) => (Action::CaseFailed, Err(e)),
            };
            // Kept before the board hears of it, so whoever closes the board finds it.
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(kept);
            let _ = tx.send(action);
        });
        Whole { inbox, outcome }
    }

    /// Where the event loop hears that the whole case is in (or will not be).
    pub fn inbox(&self) -> &Receiver<Action> {
        &self.inbox
    }

    /// The load's outcome, once it has one.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

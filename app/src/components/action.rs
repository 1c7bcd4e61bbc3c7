//! What pages with several forms share: a counter that reloads the page's data after any
//! successful change, and whether an action's latest result was refused.

use leptos::prelude::*;

/// Every change on a page bumps this, and the page's data reloads.
#[derive(Clone, Copy)]
pub struct Changes(pub RwSignal<u32>);

impl Changes {
    pub fn new() -> Self {
        Self(RwSignal::new(0))
    }

    /// The number of changes so far (tracked: a resource keyed on it reloads).
    pub fn get(&self) -> u32 {
        self.0.get()
    }
}

impl Default for Changes {
    fn default() -> Self {
        Self::new()
    }
}

/// Bumps `changes` when `action` succeeds. A refused action leaves the data as it is, so a form
/// with errors keeps what the user typed.
pub fn reload_on_success<S>(action: ServerAction<S>, changes: Changes)
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            changes.0.update(|n| *n += 1);
        }
    });
}

/// Whether the action's latest result is an error (after a no-JavaScript post: from the URL).
pub fn failed<S>(action: ServerAction<S>) -> bool
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    action.value().with_untracked(|v| matches!(v, Some(Err(_))))
}

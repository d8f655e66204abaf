//! Two pieces of work at once, on the two cores a laptop or a CI runner has at least.

/// Runs `second` on a thread of its own while `first` runs on this one, and returns both
/// results; a panic in either goes on in the caller.
pub(crate) fn join<A, B: Send>(first: impl FnOnce() -> A, second: impl Fn() -> B + Sync) -> (A, B) {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, &second);
        let a = first();
        let b = match thread {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // A system that cannot start a thread has them run in turn.
            Err(_) => second(),
        };
        (a, b)
    })
}

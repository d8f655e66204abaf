//! Two pieces of work at once, on the two cores a laptop or a CI runner has at least.

use std::ops::Range;

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

/// Output for `0..count` made and written in order, as `first(out, 0..count)` would write it:
/// past one `batch`, batch by batch, `second` makes the text of each batch's second half on a
/// thread of its own (in memory, half a batch at most) while `first` writes the first half to
/// `out`; `write` then hands that text to `out`.
pub(crate) fn in_halves<O, E: Send>(
    out: &mut O,
    count: usize,
    batch: usize,
    first: impl Fn(&mut O, Range<usize>) -> Result<(), E>,
    second: impl Fn(Range<usize>) -> Result<Vec<u8>, E> + Sync,
    write: impl Fn(&mut O, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    if count <= batch {
        return first(out, 0..count);
    }
    let mut start = 0;
    while start < count {
        let end = count.min(start + batch);
        let middle = start + (end - start) / 2;
        let (written, made) = join(|| first(out, start..middle), || second(middle..end));
        written?;
        write(out, &made?)?;
        start = end;
    }
    Ok(())
}

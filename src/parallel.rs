//! Two pieces of work at once, on the two cores a laptop or a CI runner has at least.

use std::ops::Range;
use std::sync::{Mutex, PoisonError, mpsc};

/// Runs `second` on a thread of its own while `first` runs on this one, and returns both
/// results; a panic in either goes on in the caller. `second` may change what it borrows
/// mutably (the half of a slice it works on): it is kept behind a lock, so that a system that
/// cannot start a thread can still run it here.
pub(crate) fn join<A, B: Send>(
    first: impl FnOnce() -> A,
    second: impl FnMut() -> B + Send,
) -> (A, B) {
    let second = Mutex::new(second);
    let run = || (second.lock().unwrap_or_else(PoisonError::into_inner))();
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, run);
        let a = first();
        let b = match thread {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // A system that cannot start a thread has them run in turn.
            Err(_) => run(),
        };
        (a, b)
    })
}

/// [`join`] when `two_threads`, else `first` then `second` on this thread: below some size of
/// work, starting a thread costs more than it saves.
pub(crate) fn join_if<A, B: Send>(
    two_threads: bool,
    first: impl FnOnce() -> A,
    mut second: impl FnMut() -> B + Send,
) -> (A, B) {
    if two_threads {
        join(first, second)
    } else {
        (first(), second())
    }
}

/// `(0..count).map(f)` collected, its second half made on a second thread past `at_least`.
pub(crate) fn map<T: Send>(count: usize, at_least: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if count < at_least {
        return (0..count).map(f).collect();
    }
    let half = count / 2;
    let (mut first, second) = join(
        || {
            // Room for both halves: the second is added without growing the vector.
            let mut first = Vec::with_capacity(count);
            first.extend((0..half).map(&f));
            first
        },
        || (half..count).map(&f).collect::<Vec<T>>(),
    );
    first.extend(second);
    first
}

/// Output for `0..count` made and written in order, as `first(out, 0..count)` would write it:
/// past one `batch`, batch by batch, `second` makes the text of each batch's second half in
/// memory (half a batch at most) on one thread of its own, while this one writes the previous
/// batch's text and `first` writes this batch's first half to `out`; `write` hands each text to
/// `out`. The thread and its two buffers serve every batch: a thread and a buffer per batch
/// cost more in fresh memory, which the kernel must zero, than the text took to make.
pub(crate) fn in_halves<O, E: Send>(
    out: &mut O,
    count: usize,
    batch: usize,
    first: impl Fn(&mut O, Range<usize>) -> Result<(), E>,
    second: impl Fn(Range<usize>, &mut Vec<u8>) -> Result<(), E> + Sync,
    write: impl Fn(&mut O, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    if count <= batch {
        return first(out, 0..count);
    }
    let halves = (0..count).step_by(batch).map(|start| {
        let end = count.min(start + batch);
        let middle = start + (end - start) / 2;
        (start..middle, middle..end)
    });
    std::thread::scope(|scope| {
        let (to_worker, work) = mpsc::channel::<(Range<usize>, Vec<u8>)>();
        let (to_main, made) = mpsc::channel();
        let second = &second;
        let worker = std::thread::Builder::new().spawn_scoped(scope, move || {
            for (range, mut text) in work {
                text.clear();
                let result = second(range, &mut text);
                if to_main.send((result, text)).is_err() {
                    break;
                }
            }
        });
        let Ok(worker) = worker else {
            // A system that cannot start a thread has the halves made in turn.
            let mut text = Vec::new();
            for (mine, theirs) in halves {
                first(out, mine)?;
                text.clear();
                second(theirs, &mut text)?;
                write(out, &text)?;
            }
            return Ok(());
        };
        // Each batch's second half goes to the worker before this thread writes the batch
        // before it: the worker makes one while this one writes the other.
        let mut spare = vec![Vec::new(), Vec::new()];
        let hand_on = |range: Range<usize>, spare: &mut Vec<Vec<u8>>| {
            // The worker stops only when this side has gone: it is there to take the work.
            let _ = to_worker.send((range, spare.pop().unwrap_or_default()));
        };
        let mut halves = halves.peekable();
        if let Some((_, theirs)) = halves.peek() {
            hand_on(theirs.clone(), &mut spare);
        }
        while let Some((mine, _)) = halves.next() {
            first(out, mine)?;
            let Ok((result, text)) = made.recv() else {
                match worker.join() {
                    Err(panic) => std::panic::resume_unwind(panic),
                    Ok(()) => unreachable!("the worker stops early only when it panics"),
                }
            };
            if let Some((_, theirs)) = halves.peek() {
                hand_on(theirs.clone(), &mut spare);
            }
            result?;
            write(out, &text)?;
            spare.push(text);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `range` written as numbers, each with a comma.
    fn numbers(out: &mut Vec<u8>, range: Range<usize>) -> Result<(), usize> {
        for n in range {
            out.extend_from_slice(format!("{n},").as_bytes());
        }
        Ok(())
    }

    fn in_halves_of(count: usize, batch: usize, fails_at: Option<usize>) -> Result<Vec<u8>, usize> {
        let fail = |range: &Range<usize>| match fails_at {
            Some(at) if range.contains(&at) => Err(at),
            _ => Ok(()),
        };
        let mut out = Vec::new();
        in_halves(
            &mut out,
            count,
            batch,
            |out, range| fail(&range).and_then(|()| numbers(out, range)),
            |range, text| fail(&range).and_then(|()| numbers(text, range)),
            |out, text| {
                out.extend_from_slice(text);
                Ok(())
            },
        )?;
        Ok(out)
    }

    #[test]
    fn a_map_in_halves_is_the_map() {
        for count in [0, 1, 2, 3, 10, 1_001] {
            let whole: Vec<usize> = (0..count).map(|n| n * n).collect();
            assert_eq!(map(count, 1, |n| n * n), whole);
            assert_eq!(map(count, usize::MAX, |n| n * n), whole);
        }
    }

    #[test]
    fn halves_write_what_one_pass_writes() {
        for (count, batch) in [(0, 4), (3, 4), (4, 4), (5, 4), (9, 2), (10, 3), (1_000, 7)] {
            let mut whole = Vec::new();
            numbers(&mut whole, 0..count).unwrap();
            assert_eq!(
                in_halves_of(count, batch, None),
                Ok(whole),
                "{count} in {batch}"
            );
        }
    }

    #[test]
    fn an_error_in_either_half_is_returned() {
        // With batches of 4, 0 and 1 are this thread's, 2 and 3 the worker's, and so on.
        for at in [0, 2, 5, 7, 99] {
            assert_eq!(in_halves_of(100, 4, Some(at)), Err(at));
        }
    }

    #[test]
    #[should_panic(expected = "the worker's own panic")]
    fn a_panic_in_the_worker_goes_on_here() {
        let mut out: Vec<u8> = Vec::new();
        let _ = in_halves(
            &mut out,
            10,
            4,
            |_, _| Ok::<(), ()>(()),
            |_, _| panic!("the worker's own panic"),
            |_, _| Ok(()),
        );
    }
}

//! Two pieces of work at once, on the two cores a laptop or a CI runner has at least.

use std::mem::MaybeUninit;
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

/// Room after a vector's items, filled by one thread: a safe view of part of the vector's spare
/// capacity. What is pushed becomes the vector's when [`extend_in_halves`] returns; a room
/// dropped before that (on a panic) drops it.
pub(crate) struct Room<'a, T> {
    slots: &'a mut [MaybeUninit<T>],
    len: usize,
}

impl<T> Room<'_, T> {
    fn new(slots: &mut [MaybeUninit<T>]) -> Room<'_, T> {
        Room { slots, len: 0 }
    }

    /// How many items were pushed.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Gives up what was pushed to the vector: how many.
    fn into_len(self) -> usize {
        let len = self.len;
        std::mem::forget(self);
        len
    }
}

impl<T> Extend<T> for Room<'_, T> {
    /// Panics past the room made: the caller's count of what it pushes was wrong.
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.slots[self.len].write(item);
            self.len += 1;
        }
    }
}

impl<T> Drop for Room<'_, T> {
    fn drop(&mut self) {
        let pushed =
            std::ptr::slice_from_raw_parts_mut(self.slots.as_mut_ptr().cast::<T>(), self.len);
        // SAFETY: `extend` wrote the first `len` slots, and nothing has taken them (`into_len`
        // forgets the room).
        unsafe { std::ptr::drop_in_place(pushed) }
    }
}

/// Two vectors extended by at most `room` items each, on two threads when `two_threads`:
/// `first` fills the first `split` places after their items, `second` the others, and what
/// `second` pushed then follows what `first` pushed, as if one thread had pushed it all. A
/// million roles read on a second thread had been made in a vector of their own and then
/// copied onto the end of the first thread's, into fresh memory, on one thread.
pub(crate) fn extend_in_halves<A: Send, B: Send, R, S: Send>(
    vectors: (&mut Vec<A>, &mut Vec<B>),
    room: usize,
    split: usize,
    two_threads: bool,
    first: impl FnOnce(&mut (Room<A>, Room<B>)) -> R,
    mut second: impl FnMut(&mut (Room<A>, Room<B>)) -> S + Send,
) -> (R, S) {
    let (a, b) = vectors;
    let (a_start, b_start) = (a.len(), b.len());
    a.reserve(room);
    b.reserve(room);
    let (results, (a_pushed, b_pushed), (a_more, b_more)) = {
        let (a_head, a_tail) = a.spare_capacity_mut()[..room].split_at_mut(split);
        let (b_head, b_tail) = b.spare_capacity_mut()[..room].split_at_mut(split);
        let mut head = (Room::new(a_head), Room::new(b_head));
        let mut tail = (Room::new(a_tail), Room::new(b_tail));
        let results = join_if(two_threads, || first(&mut head), || second(&mut tail));
        let (a_head, b_head) = head;
        let (a_tail, b_tail) = tail;
        let pushed = (a_head.into_len(), b_head.into_len());
        (results, pushed, (a_tail.into_len(), b_tail.into_len()))
    };
    // SAFETY: the rooms wrote that many items at the start of each part of the spare capacity,
    // and gave them up.
    unsafe {
        settle(a, a_start, split, a_pushed, a_more);
        settle(b, b_start, split, b_pushed, b_more);
    }
    results
}

/// Closes the gap between the two parts of `vector`'s spare capacity that were filled, and
/// takes their items in.
///
/// # Safety
///
/// `head` items are written from place `start` and `more` from `start + split`, with
/// `head <= split`, all within the capacity, owned by nothing else.
unsafe fn settle<T>(vector: &mut Vec<T>, start: usize, split: usize, head: usize, more: usize) {
    // SAFETY: the caller's promise; `copy` allows the two ranges to overlap.
    unsafe {
        let base = vector.as_mut_ptr().add(start);
        if head < split {
            std::ptr::copy(base.add(split), base.add(head), more);
        }
        vector.set_len(start + head + more);
    }
}

/// Moves `more`'s items onto the end of `items`, the second half on a second thread when
/// `two_threads`: the copy lands in fresh memory, which the kernel zeroes as it is first
/// written, on each thread at once. At a million roles the 450,000 findings of the check's
/// second thread took 33 ms to move onto the first's on one thread, and 80 to 140 ms when the
/// host was slow to hand out memory.
pub(crate) fn append_in_halves<T: Send + Sync>(
    items: &mut Vec<T>,
    mut more: Vec<T>,
    two_threads: bool,
) {
    let (start, count) = (items.len(), more.len());
    items.reserve(count);
    let (to_front, to_back) = items.spare_capacity_mut()[..count].split_at_mut(count / 2);
    let (front, back) = more.split_at(count / 2);
    let copy = |to: &mut [MaybeUninit<T>], from: &[T]| {
        // SAFETY: `to` and `from` are as long, in different vectors; the copies are then
        // `items`' and no longer `more`'s (below), so each item is still owned once.
        unsafe {
            std::ptr::copy_nonoverlapping(from.as_ptr(), to.as_mut_ptr().cast::<T>(), from.len())
        }
    };
    let mut to_back = Some(to_back);
    join_if(
        two_threads,
        || copy(to_front, front),
        || {
            if let Some(to) = to_back.take() {
                copy(to, back);
            }
        },
    );
    // SAFETY: every item of `more` was copied into the `count` places after `items`' own.
    unsafe {
        more.set_len(0);
        items.set_len(start + count);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
    fn appended_in_halves_each_item_is_moved_once() {
        for (len, more) in [(0, 0), (3, 0), (0, 1), (2, 5), (1_000, 999)] {
            for two_threads in [false, true] {
                let text = |n: usize| format!("item {n}");
                let mut items: Vec<String> = (0..len).map(text).collect();
                items.shrink_to_fit();
                let appended: Vec<String> = (len..len + more).map(text).collect();
                append_in_halves(&mut items, appended, two_threads);
                let expected: Vec<String> = (0..len + more).map(text).collect();
                assert_eq!(
                    items, expected,
                    "{len} + {more}, two threads: {two_threads}"
                );
            }
        }
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

    /// Counts the items alive, to find one dropped twice or never.
    struct Counted<'a>(&'a std::sync::atomic::AtomicIsize, String);

    impl<'a> Counted<'a> {
        fn new(alive: &'a std::sync::atomic::AtomicIsize, text: String) -> Counted<'a> {
            alive.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Counted(alive, text)
        }
    }

    impl Drop for Counted<'_> {
        fn drop(&mut self) {
            self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// `first` and `second` items pushed to parts of `split` and `room - split` places, after
    /// what the vectors held: the vectors end as if one thread had pushed them all in turn,
    /// every item alive once.
    fn extended_as_one_thread(
        room: usize,
        split: usize,
        first: usize,
        second: usize,
        two_threads: bool,
    ) {
        use std::sync::atomic::{AtomicIsize, Ordering};
        let alive = AtomicIsize::new(0);
        let item = |n: usize| Counted::new(&alive, format!("a{n}"));
        let mut a = vec![item(1_000_000)];
        let mut b = vec![1_000_000];
        let (x, y) = extend_in_halves(
            (&mut a, &mut b),
            room,
            split,
            two_threads,
            |rooms| {
                rooms.0.extend((0..first).map(item));
                rooms.1.extend(0..first);
                "first"
            },
            |rooms| {
                rooms.0.extend((room..room + second).map(item));
                rooms.1.extend(room..room + second);
                "second"
            },
        );
        assert_eq!((x, y), ("first", "second"));
        let expected: Vec<usize> = std::iter::once(1_000_000)
            .chain(0..first)
            .chain(room..room + second)
            .collect();
        let texts: Vec<String> = a.iter().map(|c| c.1.clone()).collect();
        let expected_texts: Vec<String> = expected.iter().map(|n| format!("a{n}")).collect();
        assert_eq!(b, expected);
        assert_eq!(texts, expected_texts);
        assert_eq!(alive.load(Ordering::SeqCst), a.len() as isize);
        drop(a);
        assert_eq!(alive.load(Ordering::SeqCst), 0);
    }

    #[test]
    fn halves_extend_vectors_as_one_thread_would() {
        for (room, split, first, second) in [
            (0, 0, 0, 0),
            (5, 2, 2, 3),
            (5, 2, 0, 3),
            (5, 2, 1, 0),
            (9, 9, 4, 0),
            (9, 0, 0, 9),
            (100, 50, 17, 50),
        ] {
            for two_threads in [false, true] {
                extended_as_one_thread(room, split, first, second, two_threads);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_filling_of_the_halves_is_one_threads(
            (room, split, first, second) in (0usize..300).prop_flat_map(|room| (0..=room).prop_flat_map(move |split| (Just(room), Just(split), 0..=split, 0..=room - split))),
            two_threads: bool,
        ) {
            extended_as_one_thread(room, split, first, second, two_threads);
        }
    }

    /// A thread that panics leaves the vectors as they were, and what was pushed is dropped once.
    #[test]
    fn a_panic_in_either_half_drops_what_was_pushed() {
        use std::sync::atomic::{AtomicIsize, Ordering};
        let alive = AtomicIsize::new(0);
        for first_panics in [true, false] {
            let mut a = vec![Counted::new(&alive, "kept".into())];
            let mut b: Vec<usize> = Vec::new();
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extend_in_halves(
                    (&mut a, &mut b),
                    6,
                    3,
                    true,
                    |rooms| {
                        rooms
                            .0
                            .extend((0..2).map(|n| Counted::new(&alive, n.to_string())));
                        assert!(!first_panics, "first");
                    },
                    |rooms| {
                        rooms
                            .0
                            .extend((0..3).map(|n| Counted::new(&alive, n.to_string())));
                        assert!(first_panics, "second");
                    },
                )
            }));
            assert!(result.is_err());
            assert_eq!(a.len(), 1);
            assert_eq!(alive.load(Ordering::SeqCst), 1);
            drop(a);
            assert_eq!(alive.load(Ordering::SeqCst), 0);
        }
    }
}

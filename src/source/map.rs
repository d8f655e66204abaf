//! A model file mapped into memory instead of read into a copy: at a million roles that copy
//! is 218 MB that the kernel zeroes, fills and keeps beside its own cached copy of the file.
//!
//! The mapping is private and read-only, of the size the file had when opened. A file written
//! in place while orgraph runs (not replaced by a new file, as most editors save) can show
//! orgraph other bytes than it validated, and one cut short can end it with SIGBUS, as in other
//! tools that map their inputs (ripgrep, git). Reading the file was never atomic either: a
//! copy read while the file is being written is just as torn.

use std::fs::File;
use std::os::unix::io::AsRawFd;
use std::ptr::NonNull;

/// A whole file mapped read-only, unmapped when dropped.
pub(crate) struct Mapped {
    start: NonNull<u8>,
    len: usize,
}

// SAFETY: the mapping is owned and never written; it is as shareable as a `Box<[u8]>`.
unsafe impl Send for Mapped {}
unsafe impl Sync for Mapped {}

impl Mapped {
    /// The first `len` bytes of `file`, or `None` where the system does not map it (the caller
    /// reads it instead).
    pub(crate) fn new(file: &File, len: usize) -> Option<Mapped> {
        if len == 0 {
            return None;
        }
        // SAFETY: a new mapping, checked for failure; nothing else refers to its memory.
        let start = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE,
                file.as_raw_fd(),
                0,
            )
        };
        if start == libc::MAP_FAILED {
            return None;
        }
        Some(Mapped {
            start: NonNull::new(start.cast())?,
            len,
        })
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: `len` readable bytes from `start` until `self` is dropped.
        unsafe { std::slice::from_raw_parts(self.start.as_ptr(), self.len) }
    }

    /// Lets go of the pages read so far: they stay in the system's cache of the file, and a
    /// page read again (the line of a diagnostic) comes back from there.
    pub(crate) fn release(&self) {
        // SAFETY: the range is this mapping; its contents (the file's) are unchanged by it.
        unsafe {
            libc::madvise(self.start.as_ptr().cast(), self.len, libc::MADV_DONTNEED);
        }
    }
}

impl Drop for Mapped {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`, unmapped once; no borrow of it outlives `self`.
        unsafe {
            libc::munmap(self.start.as_ptr().cast(), self.len);
        }
    }
}

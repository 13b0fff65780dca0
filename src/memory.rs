//! Handing freed memory back to the system between the steps of a long run.
//!
//! The binary chooses the allocator (jemalloc, see `src/main.rs`); the library only says when a step is
//! done, so that what it freed can go back to the system. jemalloc keeps freed pages ("dirty") for up to
//! `dirty_decay_ms` (10 s) in case they are wanted again, and a package run frees a chunk's rendered
//! output (about 17 MB per 512 articles) and, for `--archive zip`, a deflate state (a few hundred KB) per
//! entry, much of it in pages jemalloc does not hand out again soon. Measured before this: the package's
//! peak memory grew with the run's length (66 MB at 1,000 articles, 112 MB at 10,000) while its live heap
//! (heaptrack) grew by 2.5 MB and a run with `MALLOC_CONF=dirty_decay_ms:0` stayed at 55-60 MB. Purging at
//! the end of each step bounds what is kept to one step's worth whatever the batch's size, without the
//! cost of purging on every free (`dirty_decay_ms:0` made `--archive zip` a third slower) and without
//! changing the allocator's settings for `convert` and the other commands.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Sets what [`release`] calls: the binary's allocator's purge. Only the first call counts.
pub fn set_release(purge: fn()) {
    let _ = RELEASE.set(purge);
}

/// Returns freed memory the allocator keeps to the system, if the binary said how ([`set_release`]);
/// does nothing otherwise (the library's tests, another allocator).
pub fn release() {
    if let Some(purge) = RELEASE.get() {
        purge();
    }
}

//! Running a batch's work on threads that cannot take the process down: a
//! panic in one item becomes that item's failure, every thread has a stack
//! deep enough for deeply nested (but legal) inputs, and no new item starts
//! once a stop is asked for.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Stack reserved for each worker (and the command line's own thread): 256
/// MiB of address space, touched only as deep as an input needs. Nested
/// templates recurse in the template engine; the depth limits on inputs
/// keep real use far below this.
pub const STACK_BYTES: usize = 256 * 1024 * 1024;

/// What became of one item.
#[derive(Debug)]
pub enum Outcome<R> {
    Done(R),
    /// The work panicked; the panic's message.
    Panicked(String),
    /// Not started: a stop was asked for first.
    NotRun,
}

/// Runs `f` over `items` on `threads` threads (each with [`STACK_BYTES`] of
/// stack); results come back in item order. `stop` is asked before each item.
pub fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    stop: impl Fn() -> bool + Sync,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Outcome<R>> {
    let threads = threads.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome<R>)>> = Mutex::new(Vec::with_capacity(items.len()));
    let work = || loop {
        if stop() {
            break;
        }
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = items.get(i) else { break };
        let r = match catch_unwind(AssertUnwindSafe(|| f(item))) {
            Ok(r) => Outcome::Done(r),
            Err(payload) => Outcome::Panicked(panic_message(payload.as_ref())),
        };
        results
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((i, r));
    };
    std::thread::scope(|s| {
        let mut spawned = 0;
        for _ in 0..threads {
            let ok = std::thread::Builder::new()
                .stack_size(STACK_BYTES)
                .spawn_scoped(s, work)
                .is_ok();
            spawned += usize::from(ok);
        }
        if spawned == 0 {
            // No thread could be had (address space exhausted): work here instead.
            work();
        }
    });
    let mut done = results.into_inner().unwrap_or_else(|p| p.into_inner());
    done.sort_by_key(|(i, _)| *i);
    let mut out: Vec<Outcome<R>> = (0..items.len()).map(|_| Outcome::NotRun).collect();
    for (i, r) in done {
        out[i] = r;
    }
    out
}

/// Runs `f` on a thread with [`STACK_BYTES`] of stack (on this one if none can be had).
pub fn with_deep_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let cell = Mutex::new(Some(f));
    let take = || cell.lock().unwrap_or_else(|p| p.into_inner()).take();
    let ran = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .stack_size(STACK_BYTES)
            .spawn_scoped(s, || take().map(|f| f()));
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|payload| std::panic::resume_unwind(payload)),
            Err(_) => None,
        }
    });
    match ran {
        Some(r) => r,
        None => match take() {
            Some(f) => f(),
            None => unreachable!("the closure runs once, on the thread or here"),
        },
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with no message".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_item_is_reported_and_the_others_are_done() {
        let items: Vec<u32> = (0..20).collect();
        for threads in [1, 3] {
            let out = par_map(
                &items,
                threads,
                || false,
                |&i| {
                    if i == 7 {
                        panic!("bad item {i}");
                    }
                    i * 2
                },
            );
            assert_eq!(out.len(), 20);
            for (i, o) in out.iter().enumerate() {
                match o {
                    Outcome::Done(v) => assert_eq!(*v, 2 * i as u32),
                    Outcome::Panicked(m) => assert!(i == 7 && m == "bad item 7", "{i}: {m}"),
                    Outcome::NotRun => panic!("item {i} not run"),
                }
            }
        }
    }

    fn depth(n: u32) -> u32 {
        // A frame the optimiser cannot fold away.
        let pad = std::hint::black_box([0u8; 256]);
        if n == 0 {
            0
        } else {
            1 + depth(n - 1) + u32::from(pad[(n % 256) as usize])
        }
    }

    #[test]
    fn deep_but_legal_recursion_fits_a_workers_stack() {
        // About 40 MiB of frames: far beyond a default thread's 2 MiB or a main thread's 8 MiB.
        let items = [150_000u32];
        for threads in [1, 2] {
            let out = par_map(&items, threads, || false, |&n| depth(n));
            assert!(matches!(out[0], Outcome::Done(150_000)), "{out:?}");
        }
        assert_eq!(with_deep_stack(|| depth(150_000)), 150_000);
    }

    #[test]
    fn nothing_new_starts_after_a_stop() {
        let items: Vec<u32> = (0..50).collect();
        let started = AtomicUsize::new(0);
        let out = par_map(
            &items,
            2,
            || started.load(Ordering::SeqCst) >= 5,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
        );
        let run = out.iter().filter(|o| matches!(o, Outcome::Done(_))).count();
        assert!((5..=6).contains(&run), "{run} run");
        assert!(matches!(out[49], Outcome::NotRun));
    }
}

//! SIGINT and SIGTERM: the first one asks the batch to stop (documents under
//! way finish or are dropped whole, temporary files are removed, the summary
//! prints, the exit status is 128 + the signal); a second one ends the
//! process at once (the next run in that output directory tidies up).

use std::sync::atomic::{AtomicI32, Ordering};

static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Installs the handlers for SIGINT and SIGTERM, except for a signal the
/// parent set to be ignored (`nohup`, a background job of a script).
pub fn install() {
    #[cfg(unix)]
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: the handler only stores to an atomic, which is
        // async-signal-safe; the structs are zeroed, then filled as sigaction(2) says.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
            {
                continue;
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            // The second signal gets the default action: stop now.
            action.sa_flags = libc::SA_RESTART | libc::SA_RESETHAND;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut());
        }
    }
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    SIGNAL.store(sig, Ordering::SeqCst);
}

/// The signal that asked to stop, if one did.
pub fn requested() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// The exit status after a stop by `signal`, as shells report it (130 for SIGINT, 143 for SIGTERM).
pub fn exit_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(1)
}

/// The signal's name for messages.
pub fn name(signal: i32) -> &'static str {
    #[cfg(unix)]
    {
        if signal == libc::SIGINT {
            return "SIGINT";
        }
        if signal == libc::SIGTERM {
            return "SIGTERM";
        }
    }
    "a signal"
}

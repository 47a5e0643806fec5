//! Fault injection for crash tests: compiled to nothing unless the
//! `fault-injection` feature is on. With it, a process whose environment
//! names a pause point prints a marker and sleeps there, so a test can kill it
//! in the middle of (say) an import transaction.

#[cfg(feature = "fault-injection")]
pub fn pause_point(name: &str) {
    if std::env::var("TANDEM_FAULT_PAUSE").as_deref() == Ok(name) {
        eprintln!("TANDEM-FAULT-PAUSED {name}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

#[cfg(not(feature = "fault-injection"))]
#[inline(always)]
pub fn pause_point(_name: &str) {}

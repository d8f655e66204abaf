//! Running Graphviz `dot`. The DOT text goes in on a pipe and the picture comes out on one, so
//! no temporary file ever exists; the child is killed when the call ends early (an error, a
//! panic) and, on Linux, when orgraph itself dies, however it dies (Ctrl-C, `kill`, `kill -9`).

use super::{ExportError, Format};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};

/// Above this many boxes, `dot` takes long enough that orgraph says so before it starts.
pub const LARGE_JOB: usize = 2_000;

/// About how long `dot` takes for a diagram of `boxes` boxes, in seconds: measured on the org
/// view of generated models (2 cores, Graphviz 2.43), where the time grows a little faster than
/// the square of the size.
pub fn estimated_seconds(boxes: usize) -> f64 {
    let thousands = boxes as f64 / 1000.0;
    SECONDS_PER_THOUSAND_SQUARED * thousands.powf(2.2)
}

/// `dot` on 1,000 boxes, in seconds (see [`estimated_seconds`]).
const SECONDS_PER_THOUSAND_SQUARED: f64 = 0.8;

/// A running `dot`, killed and reaped if it is still running when this is dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Lays out DOT text with `dot` into SVG, PNG or PDF.
pub fn run(text: &[u8], format: Format) -> Result<Vec<u8>, ExportError> {
    let output_format = match format {
        Format::Png => "-Tpng",
        Format::Pdf => "-Tpdf",
        _ => "-Tsvg",
    };
    let mut command = Command::new("dot");
    command
        .arg(output_format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(target_os = "linux")]
    die_with_parent(&mut command);
    let child = command
        .spawn()
        .map_err(|e| ExportError::Graphviz(format!("could not run `dot`: {e}")))?;
    let mut running = Running(child);
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) = (
        running.0.stdin.take(),
        running.0.stdout.take(),
        running.0.stderr.take(),
    ) else {
        return Err(ExportError::Graphviz("no pipe to `dot`".to_string()));
    };
    let (picture, messages) = std::thread::scope(|scope| {
        // `dot` reads all its input before it writes: one thread feeds it while this one reads.
        scope.spawn(move || {
            // A `dot` that stops early (bad input) closes the pipe: its stderr says why.
            let _ = stdin.write_all(text);
        });
        let messages = scope.spawn(move || {
            let mut messages = Vec::new();
            let _ = stderr.read_to_end(&mut messages);
            messages
        });
        let mut picture = Vec::new();
        let read = stdout.read_to_end(&mut picture);
        (read.map(|_| picture), messages.join().unwrap_or_default())
    });
    let status = running
        .0
        .wait()
        .map_err(|e| ExportError::Graphviz(e.to_string()))?;
    let messages = String::from_utf8_lossy(&messages).replace("<stdin>: ", "");
    match picture {
        Ok(picture) if status.success() => Ok(picture),
        Ok(_) => Err(ExportError::Graphviz(if messages.trim().is_empty() {
            format!("`dot` stopped ({status})")
        } else {
            messages
        })),
        Err(error) => Err(ExportError::Graphviz(error.to_string())),
    }
}

/// Has the kernel kill `dot` when the thread that started it dies, whatever kills it: a signal
/// that orgraph does not catch cannot leave `dot` running on its own for minutes.
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    let parent = libc::pid_t::try_from(std::process::id()).unwrap_or(0);
    // SAFETY: the closure runs in the child between fork and exec, and only makes
    // async-signal-safe calls (prctl, getppid, _exit); it allocates nothing.
    unsafe {
        command.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // orgraph died between the fork and the prctl: nobody would kill this child.
            if libc::getppid() != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_grows_faster_than_the_diagram() {
        assert!(estimated_seconds(1_000) < 2.0);
        assert!(estimated_seconds(20_000) > 60.0);
        assert!(estimated_seconds(4_000) > 4.0 * estimated_seconds(1_000));
    }
}

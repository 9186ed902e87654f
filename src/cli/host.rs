//! What the command line needs from the world, as one trait: the native CLI implements it with
//! `std`, the Node bin with `node:fs` callbacks (`wasm::JsHost`). The driver never touches the
//! file system, the terminal, the environment or the clock any other way.

/// What is at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    File,
    Dir,
    Symlink,
    /// A FIFO, socket or device: never opened (a FIFO would block for ever).
    Other,
}

/// One entry of a folder. `name` is the raw file name: it may not be valid UTF-8.
#[derive(Debug, Clone)]
pub struct DirEntry {
    pub name: Vec<u8>,
    /// What the entry itself is (a link is `Symlink`, not followed).
    pub kind: FileKind,
}

/// An operating-system error, as the host reports it: the message is Rust's `io::Error` text
/// (`No such file or directory (os error 2)`), so both command lines print the same.
pub type IoResult<T> = Result<T, String>;

pub trait Host {
    /// At most `limit + 1` bytes of a file (more is not needed to know it is too large).
    fn read(&self, path: &str, limit: usize) -> IoResult<Vec<u8>>;
    /// At most `limit + 1` bytes of standard input.
    fn read_stdin(&self, limit: usize) -> IoResult<Vec<u8>>;
    /// A folder's entries, in any order.
    fn read_dir(&self, path: &str) -> IoResult<Vec<DirEntry>>;
    /// What is at `path`, following links when `follow`.
    fn stat(&self, path: &str, follow: bool) -> IoResult<FileKind>;
    /// The path with every link resolved (for `--follow-links`'s loop detection).
    fn canonicalize(&self, path: &str) -> IoResult<String>;
    fn create_dir_all(&self, path: &str) -> IoResult<()>;
    fn write_file(&self, path: &str, text: &str) -> IoResult<()>;
    fn stdout(&self, text: &str);
    fn stderr(&self, text: &str);
    fn current_dir(&self) -> IoResult<String>;
    fn env(&self, name: &str) -> Option<String>;
    /// Now, as RFC 3339 (UTC, whole seconds).
    fn now(&self) -> String;
    /// The host, when it may be shared between threads (files are then checked in parallel).
    fn as_sync(&self) -> Option<&(dyn Host + Sync)> {
        None
    }
}

/// Rust's `io::Error` text for an errno, for hosts that report errors by code (Node's `fs`):
/// the same text the native CLI prints.
pub fn os_error_message(errno: i32) -> String {
    let text = match errno {
        1 => "Operation not permitted",
        2 => "No such file or directory",
        5 => "Input/output error",
        9 => "Bad file descriptor",
        12 => "Cannot allocate memory",
        13 => "Permission denied",
        16 => "Device or resource busy",
        17 => "File exists",
        20 => "Not a directory",
        21 => "Is a directory",
        22 => "Invalid argument",
        23 => "Too many open files in system",
        24 => "Too many open files",
        26 => "Text file busy",
        27 => "File too large",
        28 => "No space left on device",
        30 => "Read-only file system",
        36 => "File name too long",
        39 => "Directory not empty",
        40 => "Too many levels of symbolic links",
        _ => return format!("os error {errno}"),
    };
    format!("{text} (os error {errno})")
}

/// `dir` joined with `name`, as `Path::join` prints it on Unix.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// The current time as RFC 3339 (UTC, whole seconds), from seconds since 1970.
pub fn rfc3339(secs: u64) -> String {
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The native host: `std::fs`, the process's streams, environment and clock.
#[cfg(not(target_arch = "wasm32"))]
pub struct NativeHost;

#[cfg(not(target_arch = "wasm32"))]
impl NativeHost {
    fn kind(t: std::fs::FileType) -> FileKind {
        if t.is_symlink() {
            FileKind::Symlink
        } else if t.is_dir() {
            FileKind::Dir
        } else if t.is_file() {
            FileKind::File
        } else {
            FileKind::Other
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Host for NativeHost {
    fn read(&self, path: &str, limit: usize) -> IoResult<Vec<u8>> {
        use std::io::Read;
        let want = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                // Room for the whole file (as `fs::read` makes): `take` hides the file's size
                // from `read_to_end`, which would otherwise start small and read several times.
                let size = f.metadata().map_or(0, |m| m.len()).min(want);
                bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
                f.take(want).read_to_end(&mut bytes)
            })
            .map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn read_stdin(&self, limit: usize) -> IoResult<Vec<u8>> {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn read_dir(&self, path: &str) -> IoResult<Vec<DirEntry>> {
        use std::os::unix::ffi::OsStrExt;
        let mut out = Vec::new();
        for entry in std::fs::read_dir(path).map_err(|e| e.to_string())? {
            let Ok(entry) = entry else { continue };
            let Ok(t) = entry.file_type() else { continue };
            out.push(DirEntry {
                name: entry.file_name().as_bytes().to_vec(),
                kind: Self::kind(t),
            });
        }
        Ok(out)
    }

    fn stat(&self, path: &str, follow: bool) -> IoResult<FileKind> {
        let m = if follow {
            std::fs::metadata(path)
        } else {
            std::fs::symlink_metadata(path)
        };
        m.map(|m| Self::kind(m.file_type()))
            .map_err(|e| e.to_string())
    }

    fn canonicalize(&self, path: &str) -> IoResult<String> {
        std::fs::canonicalize(path)
            .map(|p| p.to_string_lossy().into_owned())
            .map_err(|e| e.to_string())
    }

    fn create_dir_all(&self, path: &str) -> IoResult<()> {
        std::fs::create_dir_all(path).map_err(|e| e.to_string())
    }

    fn write_file(&self, path: &str, text: &str) -> IoResult<()> {
        std::fs::write(path, text).map_err(|e| e.to_string())
    }

    fn stdout(&self, text: &str) {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn stderr(&self, text: &str) {
        use std::io::Write;
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }

    fn current_dir(&self) -> IoResult<String> {
        std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .map_err(|e| e.to_string())
    }

    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn now(&self) -> String {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        rfc3339(secs)
    }

    fn as_sync(&self) -> Option<&(dyn Host + Sync)> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_messages_are_rusts() {
        for errno in [1, 2, 13, 20, 21, 40] {
            assert_eq!(
                os_error_message(errno),
                std::io::Error::from_raw_os_error(errno).to_string()
            );
        }
    }
}

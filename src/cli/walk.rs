//! The folder walk, over the [`Host`]: the same files in the same order for both command lines.
//!
//! Like ripgrep and ruff, it honours `.gitignore` (inside a git repository: the repository's own
//! files from its root down, `.git/info/exclude` and git's global excludes file) and `.ignore`
//! (anywhere), with the `ignore` crate's matching; and it always passes over hidden folders,
//! `node_modules` and `target`. Symbolic links to folders are not followed unless asked
//! (`--follow-links`), and then never out of the walk's root nor twice into the same folder; FIFOs,
//! sockets and devices are never opened; names that are not UTF-8 are reported, never dropped.

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::host::{FileKind, Host, join};
use crate::driver::{self, Origin};

/// What the walk found at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    File,
    NotRegular,
    LinkToFolder,
    /// A link that leads out of the root, or back into a folder already walked.
    LinkLoop,
    /// A name that is not valid UTF-8 (shown escaped): it cannot be checked.
    BadName,
}

#[derive(Debug, Clone)]
pub struct Input {
    pub path: String,
    pub origin: Origin,
    pub what: What,
}

/// The ignore files of one folder: `.ignore` first (it wins), then `.gitignore`.
struct Level {
    ignore: Option<Gitignore>,
    gitignore: Option<Gitignore>,
}

pub struct Walker<'h> {
    host: &'h dyn Host,
    follow_links: bool,
    /// Inside a git repository: `.gitignore` files count.
    in_git: bool,
    /// `.git/info/exclude` and the global excludes file.
    excludes: Vec<Gitignore>,
    /// Canonical paths of the folders walked, for `--follow-links`.
    visited: Vec<String>,
    /// The canonical root, for `--follow-links`.
    root_real: Option<String>,
}

/// `path` made absolute and lexically normal (no `.` or `..`), for matching and for finding the
/// repository above it.
fn absolute(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        join(cwd, path)
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

fn parent(abs: &str) -> Option<&str> {
    if abs == "/" {
        return None;
    }
    Some(match abs.rfind('/') {
        Some(0) => "/",
        Some(i) => &abs[..i],
        None => "/",
    })
}

impl<'h> Walker<'h> {
    pub fn new(host: &'h dyn Host, follow_links: bool) -> Self {
        Walker {
            host,
            follow_links,
            in_git: false,
            excludes: Vec::new(),
            visited: Vec::new(),
            root_real: None,
        }
    }

    /// An ignore file's matcher, rooted at `dir` (absolute); `None` when there is none.
    fn matcher(&self, dir: &str, file: &str) -> Option<Gitignore> {
        let path = join(dir, file);
        if self.host.stat(&path, true).ok()? != FileKind::File {
            return None;
        }
        self.rooted(dir, &path)
    }

    /// Git's global excludes file: `core.excludesFile` from `~/.gitconfig`, else
    /// `$XDG_CONFIG_HOME/git/ignore` (default `~/.config/git/ignore`).
    fn global_excludes(&self) -> Option<Gitignore> {
        let home = self.host.env("HOME");
        let configured = home.as_deref().and_then(|h| {
            let bytes = self.host.read(&join(h, ".gitconfig"), 1 << 20).ok()?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let mut in_core = false;
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with('[') {
                    in_core = line.eq_ignore_ascii_case("[core]");
                } else if in_core
                    && let Some((k, v)) = line.split_once('=')
                    && k.trim().eq_ignore_ascii_case("excludesfile")
                {
                    let v = v.trim().trim_matches('"');
                    return Some(match v.strip_prefix("~/") {
                        Some(rest) => join(h, rest),
                        None => v.to_owned(),
                    });
                }
            }
            None
        });
        let path = configured.or_else(|| {
            let base = self
                .host
                .env("XDG_CONFIG_HOME")
                .filter(|x| !x.is_empty())
                .or_else(|| home.map(|h| join(&h, ".config")))?;
            Some(join(&base, "git/ignore"))
        })?;
        // Global patterns match from any folder: root them at `/`.
        self.rooted("/", &path)
    }

    /// Every file to check below `root` (a folder), in walk order.
    pub fn walk(&mut self, root: &str, out: &mut Vec<Input>) -> Result<(), String> {
        let cwd = self.host.current_dir().unwrap_or_else(|_| "/".into());
        let abs = absolute(&cwd, root);
        // The repository around the root, and the ignore files from its root down to ours.
        let mut chain: Vec<String> = Vec::new();
        let mut dir = Some(abs.as_str());
        let mut repo: Option<String> = None;
        while let Some(d) = dir {
            chain.push(d.to_owned());
            if self.host.stat(&join(d, ".git"), true).is_ok() {
                repo = Some(d.to_owned());
                break;
            }
            dir = parent(d);
        }
        self.in_git = repo.is_some();
        let mut levels: Vec<Level> = Vec::new();
        if let Some(repo) = &repo {
            // `.git/info/exclude` patterns are relative to the repository's root.
            if let Some(m) = self.rooted(repo, &join(repo, ".git/info/exclude")) {
                self.excludes.push(m);
            }
            if let Some(g) = self.global_excludes() {
                self.excludes.push(g);
            }
            // The folders above the root, repository root first (the root's own are read by
            // the walk).
            for d in chain.iter().skip(1).rev() {
                levels.push(self.level(d));
            }
        }
        if self.follow_links {
            self.root_real = self.host.canonicalize(root).ok();
            if let Some(r) = &self.root_real {
                self.visited.push(r.clone());
            }
        }
        self.dir(root, &abs, &mut levels, out)
    }

    /// The matcher of the ignore file `file`, its patterns relative to `root`.
    fn rooted(&self, root: &str, file: &str) -> Option<Gitignore> {
        let bytes = self.host.read(file, 1 << 20).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let mut builder = GitignoreBuilder::new(root);
        for line in text.lines() {
            let _ = builder.add_line(None, line);
        }
        builder.build().ok()
    }

    fn level(&self, abs_dir: &str) -> Level {
        Level {
            ignore: self.matcher(abs_dir, ".ignore"),
            gitignore: if self.in_git {
                self.matcher(abs_dir, ".gitignore")
            } else {
                None
            },
        }
    }

    /// Whether the ignore files say to pass over `abs` (deepest folder first; `.ignore` before
    /// `.gitignore`; then the repository's excludes and the global ones).
    fn ignored(&self, levels: &[Level], abs: &str, is_dir: bool) -> bool {
        for level in levels.iter().rev() {
            for m in [&level.ignore, &level.gitignore].into_iter().flatten() {
                match m.matched(abs, is_dir) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
        }
        for m in &self.excludes {
            match m.matched(abs, is_dir) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }

    fn dir(
        &mut self,
        path: &str,
        abs: &str,
        levels: &mut Vec<Level>,
        out: &mut Vec<Input>,
    ) -> Result<(), String> {
        let mut entries = self
            .host
            .read_dir(path)
            .map_err(|e| format!("cannot read directory {path}: {e}"))?;
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        levels.push(self.level(abs));
        for entry in entries {
            let Ok(name) = String::from_utf8(entry.name.clone()) else {
                // The replacement characters leave the extension as it was.
                let shown = String::from_utf8_lossy(&entry.name).into_owned();
                if entry.kind == FileKind::Dir || driver::is_candidate(&shown) {
                    out.push(Input {
                        path: join(path, &shown),
                        origin: Origin::Found,
                        what: What::BadName,
                    });
                }
                continue;
            };
            let child = join(path, &name);
            let child_abs = join(abs, &name);
            let skipped_folder =
                name.starts_with('.') || name == "node_modules" || name == "target";
            let target = if entry.kind == FileKind::Symlink {
                self.host.stat(&child, true).ok()
            } else {
                Some(entry.kind)
            };
            let is_dir = target == Some(FileKind::Dir);
            if is_dir && (skipped_folder || self.ignored(levels, &child_abs, true)) {
                continue;
            }
            if entry.kind == FileKind::Dir {
                if self.follow_links {
                    // A folder reached again through a link is not walked twice.
                    match self.host.canonicalize(&child) {
                        Ok(real) if self.visited.contains(&real) => continue,
                        Ok(real) => self.visited.push(real),
                        Err(_) => {}
                    }
                }
                self.dir(&child, &child_abs, levels, out)?;
                continue;
            }
            if is_dir {
                // A link to a folder.
                if !self.follow_links {
                    out.push(Input {
                        path: child,
                        origin: Origin::Found,
                        what: What::LinkToFolder,
                    });
                    continue;
                }
                // Followed only into a folder inside the root that was not walked yet: `ln -s .
                // a`, `ln -s .. up` and `ln -s / r` are all refused.
                let real = self.host.canonicalize(&child).ok();
                let inside = match (&real, &self.root_real) {
                    (Some(real), Some(root)) => real.starts_with(&format!("{root}/")),
                    _ => false,
                };
                let real = real.unwrap_or_default();
                if !inside || self.visited.contains(&real) {
                    out.push(Input {
                        path: child,
                        origin: Origin::Found,
                        what: What::LinkLoop,
                    });
                    continue;
                }
                self.visited.push(real);
                self.dir(&child, &child_abs, levels, out)?;
                continue;
            }
            if !driver::is_candidate(&name) || self.ignored(levels, &child_abs, false) {
                continue;
            }
            let what = match target {
                Some(FileKind::File) => What::File,
                // A dangling link: reading it gives the system's own message.
                None => What::File,
                _ => What::NotRegular,
            };
            out.push(Input {
                path: child,
                origin: Origin::Found,
                what,
            });
        }
        levels.pop();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_are_lexically_normal() {
        assert_eq!(absolute("/a/b", "."), "/a/b");
        assert_eq!(absolute("/a/b", "./c/../d"), "/a/b/d");
        assert_eq!(absolute("/a/b", "/x//y/"), "/x/y");
        assert_eq!(absolute("/", ".."), "/");
        assert_eq!(parent("/a/b"), Some("/a"));
        assert_eq!(parent("/a"), Some("/"));
        assert_eq!(parent("/"), None);
    }
}

//! Relative paths that a request or a bundle may name: every part plain, nothing that climbs out.
//!
//! A path from outside (an URL, a manifest) is joined to a folder only after this says yes:
//! `/`-separated parts, none empty (so no leading `/` and no `//`, which would make the join
//! absolute), none `.` or `..` nor starting with `.` (no hidden files), only ASCII letters,
//! digits, `-`, `_` and `.` (so no `\`, no `%`, no NUL, no drive letter), and every part a
//! [`Component::Normal`] of a relative path. No IO: the caller still opens the file.

use std::path::{Component, Path};

/// At most this many bytes; longer paths are refused.
pub const MAX_PATH_BYTES: usize = 255;

fn plain_part(part: &str) -> bool {
    !part.is_empty()
        && !part.starts_with('.')
        && part.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The path as a relative [`Path`] whose every component is `Normal`, or `None`.
pub fn plain_relative(p: &str) -> Option<&Path> {
    if p.is_empty() || p.len() > MAX_PATH_BYTES || !p.split('/').all(plain_part) {
        return None;
    }
    let path = Path::new(p);
    path.components().all(|c| matches!(c, Component::Normal(_))).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, allowed: bool) {
        assert_eq!(plain_relative(input).is_some(), allowed, "{input:?}");
    }

    #[test]
    fn only_plain_relative_paths_pass() {
        check("index.html", true);
        check("js/screens/welcome.js", true);
        check("assets/sign/ksl/screen-welcome.webp", true);
        check("", false);
        check("/etc/hostname", false);
        check("//etc/hostname", false);
        check("js//app.js", false);
        check("../hub.sqlite", false);
        check("js/../../etc/passwd", false);
        check("./index.html", false);
        check(".env", false);
        check("js/.hidden", false);
        check("..\\agency.key", false);
        check("C:/Windows", false);
        check("%2e%2e/agency.key", false);
        check("a\0b", false);
        check("홍길동.txt", false);
        check(&"a".repeat(MAX_PATH_BYTES + 1), false);
    }
}

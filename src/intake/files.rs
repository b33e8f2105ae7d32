//! Reading `.eml` files, mbox files and Maildir folders, in the order given (a directory's
//! files by name).

use crate::pipeline::Incoming;
use anyhow::{Context as _, bail};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// What a path on the command line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// One message.
    Eml(PathBuf),
    /// A Unix mbox (`From ` separated).
    Mbox(PathBuf),
    /// A Maildir (`new/` then `cur/`, each by name) or a plain folder of messages (by name).
    Folder(Vec<PathBuf>),
}

/// Checks every path before anything is read, so a typo fails fast with one clear line.
pub fn resolve(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            out.push(Input::Folder(folder_files(path)?));
        } else {
            out.push(classify_file(path)?);
        }
    }
    Ok(out)
}

/// The files of a Maildir (`new/` then `cur/`) or of a plain folder, each part by name.
pub fn folder_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let sub = |name: &str| dir.join(name);
    let parts: Vec<PathBuf> = if sub("cur").is_dir() || sub("new").is_dir() {
        vec![sub("new"), sub("cur")]
    } else {
        vec![dir.to_path_buf()]
    };
    let mut files = Vec::new();
    for part in parts {
        if !part.is_dir() {
            continue;
        }
        let mut names: Vec<PathBuf> = std::fs::read_dir(&part)
            .with_context(|| format!("cannot list {}", part.display()))?
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        files.extend(names);
    }
    Ok(files)
}

/// Tells an mbox from a single message; refuses what is neither (binary data). A `.eml` or
/// `.msg` file is one message (kept byte for byte, even with an mbox `From ` line on top); a
/// name with `mbox` in it is an mbox; otherwise a file starting with `From ` is an mbox when it
/// holds more than one message. A text file with broken or missing headers *is* accepted: it is stored, marked as
/// unreadable and shown to staff, like any malformed mail.
pub fn classify_file(path: &Path) -> anyhow::Result<Input> {
    let mut head = vec![0u8; 4096];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .with_context(|| format!("cannot read {}", path.display()))?;
    head.truncate(n);
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let named_message = name.ends_with(".eml") || name.ends_with(".msg");
    let named_mbox = name.contains("mbox") || name.ends_with(".mbx");
    if named_mbox && !named_message && !is_binary(&head) {
        return Ok(Input::Mbox(path.to_path_buf()));
    }
    if text.starts_with(b"From ") && !named_message {
        // one message saved with its mbox envelope line is kept byte for byte as a message
        let f =
            std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut reader = MboxReader::new(BufReader::new(f));
        let mut n = 0;
        while reader
            .skip_message()
            .with_context(|| format!("cannot read {}", path.display()))?
        {
            n += 1;
            if n > 1 {
                return Ok(Input::Mbox(path.to_path_buf()));
            }
        }
        return Ok(Input::Eml(path.to_path_buf()));
    }
    if is_binary(&head) {
        bail!(
            "{} is neither an email message nor an mbox file (it holds binary data)",
            path.display()
        );
    }
    Ok(Input::Eml(path.to_path_buf()))
}

/// Binary data: a well-known binary signature, or more than 10% control bytes.
pub fn is_binary(head: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"GIF8",
        b"\xff\xd8\xff",
        b"%PDF",
        b"PK\x03\x04",
        b"\x1f\x8b",
        b"\x7fELF",
        b"SQLite format 3",
        b"BZh",
        b"\xfd7zXZ",
    ];
    if MAGIC.iter().any(|m| head.starts_with(m)) {
        return true;
    }
    let control = head
        .iter()
        .filter(|b| **b < 32 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x1b | 0x0c))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// Reads every message of the inputs, in order, a batch at a time (a large mbox is never
/// held in memory whole).
pub struct Reader {
    inputs: std::vec::IntoIter<Input>,
    current: Option<Current>,
    batch: usize,
}

enum Current {
    Files(std::vec::IntoIter<PathBuf>),
    Mbox(PathBuf, MboxReader<BufReader<std::fs::File>>, usize),
}

impl Reader {
    pub fn new(inputs: Vec<Input>, batch: usize) -> Reader {
        Reader {
            inputs: inputs.into_iter(),
            current: None,
            batch: batch.max(1),
        }
    }

    /// The next batch, or `None` when everything was read.
    pub fn next_batch(&mut self) -> anyhow::Result<Option<Vec<Incoming>>> {
        let mut buf = Vec::with_capacity(self.batch);
        while buf.len() < self.batch {
            match &mut self.current {
                None => match self.inputs.next() {
                    None => break,
                    Some(Input::Eml(p)) => self.current = Some(Current::Files(vec![p].into_iter())),
                    Some(Input::Folder(files)) => {
                        self.current = Some(Current::Files(files.into_iter()))
                    }
                    Some(Input::Mbox(p)) => {
                        let f = std::fs::File::open(&p)
                            .with_context(|| format!("cannot read {}", p.display()))?;
                        self.current = Some(Current::Mbox(
                            p,
                            MboxReader::new(BufReader::with_capacity(1 << 20, f)),
                            0,
                        ));
                    }
                },
                Some(Current::Files(it)) => match it.next() {
                    Some(p) => buf.push(read_file(&p)?),
                    None => self.current = None,
                },
                Some(Current::Mbox(p, reader, n)) => {
                    match reader
                        .next_message()
                        .with_context(|| format!("cannot read {}", p.display()))?
                    {
                        Some(raw) => {
                            *n += 1;
                            buf.push(Incoming {
                                raw,
                                source: format!("mbox:{}#{n}", p.display()),
                                truncated_from: None,
                            });
                        }
                        None => self.current = None,
                    }
                }
            }
        }
        Ok((!buf.is_empty()).then_some(buf))
    }
}

fn read_file(p: &Path) -> anyhow::Result<Incoming> {
    let raw = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
    Ok(Incoming {
        raw,
        source: format!("file:{}", p.display()),
        truncated_from: None,
    })
}

/// Splits an mbox into messages: a `From ` line starts a message when it is the first line or
/// follows an empty line and looks like an mbox separator (`From sender date`); `>From `
/// quoting is undone (mboxrd). Files with bare-CR line ends (old Mac) are read as such.
pub struct MboxReader<R> {
    reader: R,
    pending_separator: bool,
    done: bool,
    /// Line terminator: `\n`, or `\r` for a file without any `\n` in its first block.
    eol: Option<u8>,
}

impl<R: BufRead> MboxReader<R> {
    pub fn new(reader: R) -> Self {
        MboxReader {
            reader,
            pending_separator: false,
            done: false,
            eol: None,
        }
    }

    fn read_line(&mut self, line: &mut Vec<u8>) -> std::io::Result<usize> {
        if self.eol.is_none() {
            let buf = self.reader.fill_buf()?;
            let bare_cr = !buf.contains(&b'\n') && buf.contains(&b'\r');
            self.eol = Some(if bare_cr { b'\r' } else { b'\n' });
        }
        self.reader.read_until(self.eol.unwrap_or(b'\n'), line)
    }

    /// Skips one message; false at the end (for counting).
    pub fn skip_message(&mut self) -> std::io::Result<bool> {
        Ok(self.next_message()?.is_some())
    }

    /// The next message's bytes (without its `From ` line), or `None` at the end.
    pub fn next_message(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        if self.done {
            return Ok(None);
        }
        let mut msg: Vec<u8> = Vec::new();
        let mut line: Vec<u8> = Vec::new();
        let mut prev_blank = true;
        loop {
            line.clear();
            let n = self.read_line(&mut line)?;
            if n == 0 {
                self.done = true;
                break;
            }
            if !self.pending_separator && msg.is_empty() && line.starts_with(b"\xef\xbb\xbf") {
                line.drain(..3); // a byte-order mark before the first separator
            }
            if is_separator(&line) && prev_blank {
                if !self.pending_separator && msg.iter().all(|b| b.is_ascii_whitespace()) {
                    // the very first separator
                    self.pending_separator = true;
                    msg.clear();
                    continue;
                }
                break;
            }
            self.pending_separator = true;
            prev_blank = line.iter().all(|b| matches!(b, b'\r' | b'\n'));
            if line.starts_with(b">")
                && line
                    .iter()
                    .skip_while(|b| **b == b'>')
                    .take(5)
                    .eq(b"From ".iter())
            {
                msg.extend_from_slice(&line[1..]);
            } else {
                msg.extend_from_slice(&line);
            }
        }
        // the blank line before the next separator belongs to the mbox, not the message
        if msg.ends_with(b"\n\n") {
            msg.pop();
        } else if msg.ends_with(b"\r\n\r\n") {
            msg.truncate(msg.len() - 2);
        }
        if msg.iter().all(|b| b.is_ascii_whitespace()) {
            return if self.done {
                Ok(None)
            } else {
                self.next_message()
            };
        }
        Ok(Some(msg))
    }
}

fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ") && line.len() > 7 && line.iter().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let mut r = MboxReader::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let mut out = Vec::new();
        while let Some(m) = r.next_message().unwrap() {
            out.push(String::from_utf8(m).unwrap());
        }
        out
    }

    #[test]
    fn mbox_splits_on_separators_and_unquotes_from_lines() {
        let mbox = "From a@b Mon Jan  1 00:00:00 2024\nSubject: one\n\nhello\n>From the start\nFrom here on, no separator\n\nFrom c@d Tue Jan  2 00:00:00 2024\nSubject: two\n\nbye\n";
        let msgs = split(mbox);
        assert_eq!(msgs.len(), 2);
        assert!(msgs[0].contains("From the start") && !msgs[0].contains(">From"));
        assert!(msgs[0].contains("From here on, no separator"));
        assert!(msgs[1].starts_with("Subject: two"));
    }

    #[test]
    fn binary_files_are_refused_and_malformed_text_is_not() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(is_binary(&[0u8, 1, 2, 3, 4, 5, 6, 7]));
        assert!(!is_binary(b"This is a simple message not having headers."));
        assert!(!is_binary(b""));
        assert!(!is_binary(
            b"Subject: x\r\n\r\nbody with one \0 byte in a long enough line of text"
        ));
    }
}

//! Misspellings and chat shorthand of the words the rules look for, read as the words meant:
//! "i sill have the pasword", "recovry codes", "emial - ya still works", "usename is x",
//! "the acct". A word one typing slip (a letter dropped, added, changed or two swapped) away
//! from one of [`rules::TYPO_TARGETS`] reads as it, unless it is a real word of its own
//! ([`rules::TYPO_REAL_WORDS`]); short words and shorthand only by [`rules::TYPO_FIXED`].

use super::rules;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Every misspelling read, to the word meant.
static FIXES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map: HashMap<String, &'static str> = HashMap::new();
    let keep = |w: &str| rules::TYPO_TARGETS.contains(&w) || rules::TYPO_REAL_WORDS.contains(&w);
    for &target in rules::TYPO_TARGETS {
        for v in one_slip(target) {
            if !keep(&v) {
                map.entry(v).or_insert(target);
            }
        }
    }
    for &(typo, meant) in rules::TYPO_FIXED {
        map.insert(typo.to_string(), meant);
    }
    map
});

/// Slips of "codes" that are no words, read as it only right after "recovery" or "backup"
/// ("recovry cdoes").
static CODES_SLIPS: LazyLock<Vec<String>> = LazyLock::new(|| {
    one_slip("codes")
        .into_iter()
        .filter(|w| !rules::CODES_SLIPS_REAL.contains(&w.as_str()))
        .collect()
});

/// Whether `word` (any case) is the word "password" or a slip of it ("pasword", "passward").
pub fn means_password(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    ["password", "passwd", "passphrase", "pwd", "pw"].contains(&lower.as_str())
        || FIXES.get(lower.as_str()) == Some(&"password")
}

/// Every string one typing slip away from `w` (lowercase ASCII).
fn one_slip(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let mut out = Vec::new();
    for i in 0..b.len() {
        // a letter dropped
        out.push(format!("{}{}", &w[..i], &w[i + 1..]));
        // two letters swapped
        if i + 1 < b.len() {
            let mut s = b.to_vec();
            s.swap(i, i + 1);
            out.push(String::from_utf8(s).expect("ASCII"));
        }
        // a letter changed
        for c in b'a'..=b'z' {
            if c != b[i] {
                let mut s = b.to_vec();
                s[i] = c;
                out.push(String::from_utf8(s).expect("ASCII"));
            }
        }
    }
    // a letter added
    for i in 0..=b.len() {
        for c in b'a'..=b'z' {
            out.push(format!("{}{}{}", &w[..i], c as char, &w[i..]));
        }
    }
    out
}

/// `text` with its misspellings of the rules' words corrected; borrowed when there are none.
/// Left alone: a word glued to a name, an address or a non-English word (`-`, `_`, `.`, `@`,
/// `/`, a digit or a non-ASCII letter beside it), and the word right after "username", "user",
/// "account", "login", "name", "id" or "as" (a name as written: "My username is Emil").
pub fn fix(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut last = 0;
    let mut lower = String::new();
    // the word before, as read (lowercase), for "recovery goes" → "recovery codes"
    let mut prev = String::new();
    let mut prev2 = String::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let end = i;
        let glued = |j: Option<usize>| {
            j.is_some_and(|j| {
                b.get(j).is_some_and(|&c| {
                    c.is_ascii_digit()
                        || c >= 0x80
                        || matches!(c, b'-' | b'_' | b'@' | b'/' | b'\'')
                        || (c == b'.' && b.get(j + 1).is_some_and(u8::is_ascii_alphanumeric))
                })
            })
        };
        if glued(start.checked_sub(1)) || glued(Some(end)) || end - start > 20 {
            prev2 = std::mem::take(&mut prev);
            continue;
        }
        lower.clear();
        lower.push_str(&text[start..end]);
        lower.make_ascii_lowercase();
        let labels =
            |w: &str| matches!(w, "username" | "user" | "account" | "login" | "name" | "id");
        let names_next = labels(&prev) || prev == "as" || (prev == "is" && labels(&prev2));
        let meant = FIXES
            .get(lower.as_str())
            .copied()
            .filter(|_| !names_next)
            .or_else(|| {
                (matches!(prev.as_str(), "recovery" | "backup") && CODES_SLIPS.contains(&lower))
                    .then_some("codes")
            });
        prev2 = std::mem::take(&mut prev);
        match meant {
            Some(meant) => {
                let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
                o.push_str(&text[last..start]);
                // "Pasword is fine" keeps its capital
                let mut chars = meant.chars();
                if b[start].is_ascii_uppercase()
                    && let Some(first) = chars.next()
                {
                    o.push(first.to_ascii_uppercase());
                    o.push_str(chars.as_str());
                } else {
                    o.push_str(meant);
                }
                last = end;
                prev.push_str(meant);
            }
            None => prev.push_str(&lower),
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[last..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::fix;

    #[test]
    fn slips_of_the_rules_words_are_read_as_meant() {
        for (typed, meant) in [
            ("i sill have the passwrod", "i still have the password"),
            ("Pasword is fine", "Password is fine"),
            (
                "never saved the recovry cdoes",
                "never saved the recovery codes",
            ),
            ("backup cdoes: lost", "backup codes: lost"),
            (
                "emials reach the adress on my acount",
                "emails reach the address on my account",
            ),
            (
                "usename is x, code of condcut ok",
                "username is x, code of conduct ok",
            ),
            ("i aknowledge it, pls help", "i acknowledge it, please help"),
        ] {
            assert_eq!(fix(typed), meant, "{typed}");
        }
    }

    #[test]
    fn real_words_names_and_addresses_stay_as_written() {
        for text in [
            "I will recover it with my gmail; the conduit and the mount are fine.",
            "my username is pasword-x and my mail is acount@example.org",
            "see https://example.org/adress/usename.html",
            "the modes and cores of the codes, it goes well, the recovery goes on",
            "My username is Emil, my ID is Remeber, ich bin im Urlaub, Nguyễn Văn Lưu",
            "I agreed, he agrees, it was accessed",
        ] {
            assert_eq!(fix(text), text);
        }
    }
}

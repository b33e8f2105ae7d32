//! Field extraction: what one message *states* about the eight recovery fields, with the
//! sentence each value came from.
//!
//! Input is the subject and the visible, redacted text of one message (quotes, signatures and
//! secrets already gone). The text is read three ways, strongest first:
//!
//! 1. **Form structure**: pasted issue-form headings (`### PyPI Username`), `Key: value` lines
//!    (`Reason: …`), ticked `- [x]` boxes (unticked boxes are not statements).
//! 2. **Prose**: sentence by sentence, the patterns of [`rules`]; polarity from the pattern and
//!    from negators shortly before a match ("I *no longer* have access to that inbox").
//! 3. **Subject** (username only, weakest).
//!
//! Numbered answers ("1. yes 2. lost") are kept raw here; [`answer`] maps them onto the
//! questions of the automated mail being replied to, which only threading knows.
//!
//! Within one message the strongest statement of a field wins, then the last one. Across
//! messages the case takes the latest (see the pipeline's fold).

// the rule tables are data laid out for reading: one rule or phrase group per line
#[rustfmt::skip]
pub mod rules;
pub mod secrets;
mod typos;

use crate::domain::{Field, FieldValue, Fields, RecoveryCodes, Source};
use regex::Regex;
use rules::{Rule, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// How sure a statement is: a form field beats prose, prose beats an aside and the subject.
/// (The numbers are stored with each message's extraction and compared when a case is folded
/// again: never renumber them.)
pub mod strength {
    pub const SUBJECT: u8 = 1;
    /// Said in passing or by default, as weak as the subject: an account said to be fine on
    /// the way, the ticked form box "I never generated or have lost access to the recovery
    /// codes" (fields.md: `lost` "unless the text says otherwise").
    pub const ASIDE: u8 = SUBJECT;
    pub const PROSE: u8 = 2;
    pub const ANSWER: u8 = 3;
    pub const EXPLICIT: u8 = 4;
    pub const FORM: u8 = 5;
}

/// One value one message states, and the words that state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub field: Field,
    pub value: FieldValue,
    pub excerpt: String,
    pub strength: u8,
}

/// A line like "2. yes" in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Numbered {
    pub n: u32,
    pub text: String,
}

/// Everything one message says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// At most one statement per field.
    pub statements: Vec<Statement>,
    /// The words suggesting someone else acted on the account.
    pub suspected_compromise: Option<String>,
    /// The words saying the account is a TestPyPI one.
    pub testpypi: Option<String>,
    /// The words saying they got in after all / no longer need help.
    pub withdrawn: Option<String>,
    pub numbered: Vec<Numbered>,
    /// An email address given where a username was asked for (not a username; kept for staff).
    pub claimed_email: Option<String>,
}

impl Extraction {
    /// Drops a username read only from the subject when it is one of the sender's own names:
    /// "PyPI account recovery request (Hayashi)" from Tomoko Hayashi signs the subject, it
    /// does not name the account.
    pub fn drop_senders_name_from_subject(&mut self, sender_name: Option<&str>) {
        let Some(name) = sender_name else { return };
        let words: Vec<String> = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        self.statements.retain(|s| {
            !(s.field == Field::Username
                && s.strength == strength::SUBJECT
                && matches!(&s.value, FieldValue::Text(u)
                    if words.contains(&u.to_lowercase()) && !labelled_in(&s.excerpt, u)))
        });
    }

    /// The fields this message alone states.
    pub fn fields(&self) -> Fields {
        let mut f = Fields::default();
        for s in &self.statements {
            f.set(s.field, s.value.clone());
        }
        f
    }

    /// `{field: {message_id, excerpt}}` for this message's statements.
    pub fn sources(&self, message_id: &str) -> BTreeMap<Field, Source> {
        self.statements
            .iter()
            .map(|s| {
                (
                    s.field,
                    Source {
                        message_id: message_id.to_string(),
                        excerpt: s.excerpt.clone(),
                        by_staff: None,
                    },
                )
            })
            .collect()
    }

    fn offer(&mut self, st: Statement, pos: usize, best: &mut BTreeMap<Field, (u8, usize)>) {
        let key = (st.strength, pos);
        match best.get(&st.field) {
            Some(old) if *old > key => {}
            _ => {
                best.insert(st.field, key);
                self.statements.retain(|s| s.field != st.field);
                self.statements.push(st);
            }
        }
    }
}

fn compile(pattern: &str) -> Regex {
    let mut p = pattern.to_string();
    for (k, v) in rules::PIECES {
        p = p.replace(k, v);
    }
    crate::pattern::build_ci(&p).unwrap_or_else(|e| panic!("rule {pattern:?}: {e}"))
}

struct Compiled {
    rules: Vec<(Regex, Value)>,
}

impl Compiled {
    fn new(rules: &[Rule]) -> Compiled {
        Compiled {
            rules: rules
                .iter()
                .map(|r| (compile(r.pattern), r.value))
                .collect(),
        }
    }
}

/// The keyword prefilters of [`rules::keywords`] as one automaton: one pass over a sentence
/// tells which lists have a word in it (a `contains` per keyword was a tenth of extraction).
struct KeywordIndex {
    automaton: aho_corasick::AhoCorasick,
    /// for each pattern, the lists (bits, in the order of `rules::keywords::ALL`) holding it
    lists: Vec<u32>,
}

impl KeywordIndex {
    fn new() -> KeywordIndex {
        let mut words: Vec<&str> = Vec::new();
        let mut lists: Vec<u32> = Vec::new();
        for (i, list) in rules::keywords::ALL.iter().enumerate() {
            for w in list.iter() {
                match words.iter().position(|x| x == w) {
                    Some(p) => lists[p] |= 1 << i,
                    None => {
                        words.push(w);
                        lists.push(1 << i);
                    }
                }
            }
        }
        KeywordIndex {
            automaton: aho_corasick::AhoCorasick::new(&words).expect("keywords compile"),
            lists,
        }
    }

    /// The lists with a word in `lower` (a lowercased sentence).
    fn found(&self, lower: &str) -> u32 {
        self.automaton
            .find_overlapping_iter(lower)
            .fold(0, |acc, m| acc | self.lists[m.pattern().as_usize()])
    }

    /// The bit of one of the lists of `rules::keywords` (by identity), if it is one.
    fn bit(&self, list: &[&str]) -> Option<u32> {
        rules::keywords::ALL
            .iter()
            .position(|l| std::ptr::eq(*l, list))
            .map(|i| 1 << i)
    }
}

static KEYWORDS: LazyLock<KeywordIndex> = LazyLock::new(KeywordIndex::new);

static EMAIL: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(rules::EMAIL_ACCESS));
static PASSWORD: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(rules::PASSWORD_ACCESS));
static COC: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(rules::CODE_OF_CONDUCT));
static ACK: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(rules::ACKNOWLEDGEMENT));
static CODES: LazyLock<Compiled> = LazyLock::new(|| Compiled::new(rules::RECOVERY_CODES));
static CODES_TOPIC: LazyLock<Regex> = LazyLock::new(|| compile("{CODES}"));
/// A sentence about mail: a mailbox word, a domain, or an address written out.
static MAIL_TOPIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:e-?mails?|mail\s?box|mails?|inbox|address|domain)\b|[\w.+-]+@[\w-]+\.[\w.-]+")
});
static REASON_CAUSE: LazyLock<Regex> = LazyLock::new(|| compile(rules::REASON_CAUSES));
static REASON_TOPIC: LazyLock<Regex> = LazyLock::new(|| compile(rules::REASON_TOPICS));
static ANSWER_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[[^\]\n]{1,40}\]:?\s*").expect("valid"));
static BARE_CODES: LazyLock<Regex> = LazyLock::new(|| compile(r"\bcodes\b"));
/// A mailbox tied to another site's account: "the address on my GitHub account".
static ANOTHER_SITES_MAILBOX: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:address|e-?mail|mail\s?box|inbox)\s+(?:on|of|for|at|behind)\s+(?:my|the|our)\s+(?:{SITE}|google|microsoft|apple)\s+(?:account|profile|login)\b",
    )
});
/// … unless the sentence also speaks of this site's: "… and the ones for this account", "I never
/// saved the ones here".
static THIS_SITES_TOO: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:this|the\s+same)\s+(?:account|site|one)\b|\bthe\s+ones\b|\bhere\b")
});
/// Codes an app or a text message makes: "several unused codes from Google Authenticator".
static APP_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:authenticator|authy|aegis|freeotp|app|sms|text\s+messages?|totp)\b")
});
/// Recovery codes that belong to another site: "my GitHub recovery codes", "the recovery codes
/// for GitHub and npm".
static ANOTHER_SITES_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:{SITE}|google|gmail|microsoft|outlook|apple|icloud|proton(?:\s?mail)?)(?:'s)?\s+(?:2fa\s+|account\s+)?(?:recovery|backup)\s+codes\b|\b(?:recovery|backup)\s+codes\s+(?:for|of)\s+(?:my\s+|the\s+)?(?:{SITE}|google|gmail|microsoft|outlook|apple|icloud|proton(?:\s?mail)?)\b",
    )
});

/// Other secrets tried: "I tried all my old passwords", "I entered six TOTP codes from the app".
static TRIED_OTHER_SECRETS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:tried|entered|typed)\b[^.]{0,40}?\b(?:passwords?|totp|6-digit|six-digit|one-time|(?:app|authenticator|sms)\s+codes|codes\s+from\s+(?:the|my)\s+(?:app|authenticator|phone))\b",
    )
});
/// Codes said to be unused, as only recovery codes are: "the other seven codes are still
/// unused", "8 unused codes", "three spare codes" (not "the last two codes from the app").
static LEFTOVER_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:unused|leftover|spare)\s+codes\b|\bcodes\s+(?:are|were)\s+(?:still\s+|all\s+)?unused\b",
    )
});
/// "I have them", "I have all ten", "I have the codes" (not "I have not ticked it").
static I_HAVE_THEM: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\bi\s+(?:do\s+)?have\s+(?:them|it|all|some|several|the\s+codes|my\s+codes|\w+\s+(?:left|unused))\b",
    )
});
/// "I may have them somewhere", "I might still have the codes": a guess, not codes in hand.
static MAYBE_HAVE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:may|might|could|should)\s+(?:still\s+)?have\b|\bnot\s+sure\b"));
/// "remember it", "forgot it": what is known or lost, named before.
static KNOW_IT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(remember|recall|know|forgot|forgotten|forget)\s+it\b"));

/// `sentence` with "it" after "remember/know/forgot" read as the password, when the password
/// itself (not a password manager) was named earlier in the sentence. "Forgot it at home" is a
/// thing left somewhere, not a password forgotten.
fn password_for_it(sentence: &str) -> Option<String> {
    let named = names_the_password(sentence)?;
    let (head, tail) = sentence.split_at(named);
    it_as_password(tail).map(|t| format!("{head}{t}"))
}

/// Where the account's password (not a "password manager", not "the vault password") is first
/// named in `sentence`: the end of that word.
fn names_the_password(sentence: &str) -> Option<usize> {
    PASSWORD_WORD
        .find_iter(sentence)
        .find(|m| {
            let owner = WORD
                .find_iter(&sentence[..m.start()])
                .last()
                .map(|w| w.as_str().to_lowercase());
            !modifies_a_noun(m.as_str(), &sentence[m.end()..])
                && !owner.is_some_and(|w| rules::PASSWORD_OWNERS.contains(&w.as_str()))
        })
        .map(|m| m.end())
}

/// `text` with each "remember it", "forgot it" read as "… the password"; `None` when it has none.
fn it_as_password(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    for c in KNOW_IT.captures_iter(text) {
        let m = c.get(0).expect("group 0 exists");
        let next = WORD
            .find(&text[m.end()..])
            .map(|w| w.as_str().to_lowercase());
        // "I know it's a lot to ask": "it" is the subject of what follows
        if text[m.end()..].starts_with(['\'', '’'])
            || next.is_some_and(|w| ["at", "in", "on", "behind", "somewhere"].contains(&w.as_str()))
            // "… the TOTP secret was only in Authy and I can't recall it": a nearer thing
            || OTHER_THING.is_match(&text[last..m.start()])
        {
            continue;
        }
        out.push_str(&text[last..m.start()]);
        out.push_str(&c[1]);
        out.push_str(" the password");
        last = m.end();
    }
    (last > 0).then(|| out + &text[last..])
}

/// Things other than the password that "it" may stand for.
static OTHER_THING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:user\s?name|name|pin|secret|seed|address|e-?mail|code|codes|key|phone|number|token|app)\b",
    )
});

static PASSWORD_WORD: LazyLock<Regex> = LazyLock::new(|| compile(r"\b(?:password|passphrase)\b"));

/// "the PyPI ones": the site's codes, set against another site's.
static PYPI_ONES: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:the\s+)?(?:test\s*)?pypi(?:'s)?\s+ones\b"));
/// "the codes", "those codes": codes a determiner points back to (not "the SMS codes").
static DETERMINED_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(the|my|those|these|any|all|no|them|unused|spare|leftover|remaining)\s+codes\b")
});
/// "Does it matter that …?", "Is it a problem that …?": the clause after "that" is stated.
/// A tag that asks whether the statement before it is what we wanted: "… if that is what you
/// need?", "…, if that helps?", "… - is that enough?"
static TAG_QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"[\s,;:–—-]*\b(?:if\s+(?:that|this|it)(?:'s|\s+is|\s+was)\s+what\s+you\s+(?:need(?:ed)?|mean[t]?|want(?:ed)?|asked(?:\s+for)?|(?:are|were)\s+(?:asking|looking)(?:\s+for)?)(?:\s+to\s+know)?|if\s+(?:that|this|it)\s+helps|(?:is|would)\s+(?:that|this)\s+(?:be\s+)?(?:enough|sufficient|ok(?:ay)?|alright|what\s+you\s+(?:need(?:ed)?|mean[t]?|want(?:ed)?))|(?:does|would|will)\s+(?:that|this)\s+(?:help|do|suffice))(?:\s+(?:you|for\s+you))?\W*\?+\W*$",
    )
});
static ASKS_ABOUT_A_FACT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:does\s+it\s+matter|is\s+it\s+(?:a\s+problem|an\s+issue|ok(?:ay)?|a\s+concern)|would\s+it\s+(?:matter|be\s+a\s+problem)|will\s+it\s+(?:matter|be\s+a\s+problem))\s+that\s",
    )
});
/// A terse sentence about the codes: "Codes and the mailbox are both gone."
static OPENS_WITH_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:ok(?:ay)?\s+|so\s+|well\s+|right\s+)*(?:and\s+|now\s+)?(?:about|as\s+for|as\s+to|regarding|concerning|re:?|on)\s+)?(?:the\s+|my\s+)?codes\b|\b(?:wrong|mistaken|right|correction)\s+(?:about|regarding|on)\s+(?:the|my)\s+codes\b",
    )
});
/// A sentence about the codes from its first words: "The recovery codes were saved on …",
/// "Recovery codes: …", "As for my backup codes, …".
static OPENS_ON_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:about|as\s+for|regarding|re)\s+)?(?:the\s+|my\s+|our\s+|those\s+)?(?:{CODES}|codes\b)",
    )
});
/// After words of getting in: being locked out now, which takes the getting in back.
static LOCKED_OUT_AGAIN: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:locked\s+out|lost\s+access|(?:can(?:'t|not)|could(?:n't|\s+not)|unable\s+to)\s+(?:log|sign|get)\s+(?:in|back))\b",
    )
});
/// A getting-back-in still to come: "as soon as I am back in", "once I can log in again".
/// The conjunction right before the match, and the match in the present tense ("When I
/// finally got back in, …" tells of something done).
fn yet_to_come(sentence: &str, start: usize, matched: &str) -> bool {
    AWAITED.is_match(&sentence[..start]) && PRESENT_HEAD.is_match(matched)
}
static AWAITED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:as\s+soon\s+as|once|when(?:ever)?|if|until|till|unless|before|so\s+that|hope\s+(?:that\s+)?)\s+(?:(?:i|we)\s+)?$",
    )
});
static PRESENT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^(?:(?:i|we)\s+)?(?:am|i'm|are|we're|can|will|get|have|i've|we've|be)\b")
});
/// A withdrawal by "please ignore / disregard …", which may be about something else …
static IGNORE_OR_DISREGARD: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:ignore|disregard)\b"));
/// (unless it names the request itself: "please ignore my request, …")
static NAMES_THE_REQUEST: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:request|ticket|case)\b"));
/// … named before it in the sentence: an auto-reply, an earlier mail, a slip.
static NOT_THE_REQUEST: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:ooo|out[- ]of[- ](?:the[- ])?office|auto-?reply|auto-?replies|automatic\s+(?:reply|answer|response)|auto-?respon\w+|vacation\s+(?:reply|message|notice|mail)|away\s+message|(?:previous|last|earlier|other|first)\s+(?:e-?mail|mail|message|reply)|typo|signature|disclaimer|footer)\b",
    )
});
/// A sentence that opens by asking us for something: "Could you reset the 2FA?"
static ASKS_US: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:could|can|would|will)\s+(?:you|someone|somebody|anyone)|please|is\s+(?:it|there)|how|what|when|where|why|who)\b",
    )
});
/// Right before a TestPyPI mention: a negation of the mention itself.
static NOT_TESTPYPI: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:\bnot|n't|\bno|\bnever|\bnor|\bneither|nothing\s+to\s+do\s+with)\s+(?:(?:about|on|for|from|the|my|a|an|at|in|with|using|use|used|related\s+to|even|any|had|have|own|touched|registered(?:\s+(?:on|at|with))?)\s+){0,3}$",
    )
});
/// The part of [`NOT_TESTPYPI`] that denies having or using something.
static NOT_HAVING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:(?:\bnot|n't|\bnever)\s+(?:(?:a|an|any|my|the|even)\s+)?(?:use|used|using|had|have|own|touched|registered(?:\s+(?:on|at|with))?)\s+(?:(?:a|an|any|my|the)\s+)?|\bno\s+)$",
    )
});
/// After a denied TestPyPI mention: the account itself, nothing of it.
static JUST_THE_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:account|acct|login|profile)?\s*(?:at\s+all|either|anyway|before)?\s*(?:[.,;:!)]|$)",
    )
});
/// The writer takes TestPyPI out of the request: "please leave TestPyPI out of this",
/// "test.pypi.org is not part of this request".
static TESTPYPI_LEFT_OUT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\bplease\s+(?:leave|keep)\s+(?:test\.pypi\.org|test[\s-]?pypi)(?:\s+account)?\s+out\s+of\s+(?:this|it|the\s+request|my\s+request)\b|\b(?:test\.pypi\.org|test[\s-]?pypi)(?:\s+account)?\s+(?:is|are)(?:n't|\s+not)\s+(?:part\s+of\s+(?:this|the|my)\s+(?:request|case)|what\s+(?:this|my\s+request|the\s+request)\s+is\s+about)\b|\b(?:test\.pypi\.org|test[\s-]?pypi)\b[^.;]{0,60}?\band\s+(?:that|this)\s+(?:one|account)\s+(?:is\s+(?:fine|ok|okay|working|unaffected)|works)\b|\bthe\s+(?:one|account)\s+i\s+(?:can't|cannot|can\s+not)\s+(?:get|log|sign)\s+in(?:to)?\s+is\s+(?:the|my)\s+(?:real|main|production|actual)\s+(?:pypi(?:\.org)?\s+)?(?:one|account)\b|\(\s*not\s+(?:test\.pypi\.org|test[\s-]?pypi)\s*\)",
    )
});
/// After a TestPyPI mention, in the same clause: that account is not the problem.
static NO_PROBLEM_THERE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        // (a parenthesis after the mention is skipped: "test.pypi.org (same name) is working")
        r"^(?:\s*\([^()]{0,40}\))?[^,;.()]{0,30}?\b(?:is|was|are)\s+(?:(?:no|not\s+(?:a|the|my|an))\s+(?:problem|issue)|(?:still\s+|also\s+)?(?:fine|ok|okay|unaffected|not\s+affected|accessible)\b|(?:still\s+|also\s+)?working(?:\s+[a-z]+){0,2}?\s*(?:[.,;!)]|$|\b(?:and|but|so|the|only|while|whereas)\b))|^(?:[^,;.()]{0,30}?\bworks\b|[^.;,]{0,80}?(?:,\s*|\s+-\s+|\s+)(?:no\s+problems?|without\s+(?:any\s+)?(?:problems?|issues?|trouble))\s*(?:[.!;]|$))",
    )
});
static CONDUCT: LazyLock<Regex> = LazyLock::new(|| compile(r"\bcode\s+of\s+conduct\b"));
/// Agreeing to "it": read as the Code of Conduct right after a sentence that names it, at the
/// start of the sentence or of a clause after a comma ("I have read it now, and I agree to
/// follow it").
static FOLLOW_IT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^((?:[^.;:]*?\bit\b[^.;:,]*[,;]\s*(?:and|so)\s+)?\W*(?:\w+,?\s+){0,3}?(?:(?:will|shall|also|both|fully|do|does|'ll)\s+)*(?:follow|abide\s+by|adhere\s+to|respect|comply\s+with|stick\s+to|agrees?\s+(?:to|with)))\s+it\b",
    )
});
static OWNERSHIP: LazyLock<Regex> = LazyLock::new(|| compile(rules::OWNERSHIP));
static TESTPYPI: LazyLock<Regex> = LazyLock::new(|| compile(rules::TESTPYPI));
static COMPROMISE: LazyLock<Regex> = LazyLock::new(|| compile(rules::COMPROMISE));
static WITHDRAWN: LazyLock<Regex> = LazyLock::new(|| compile(rules::WITHDRAWN));

static CHECKBOX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[-*+]\s*)?\[\s*([xX✓✔]?)\s*\]\s*(.*)$").expect("valid"));
/// A form's label, then its box on the same line (a table row made text).
static LABELLED_BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*(\p{L}[^\[\]|:]{0,40}?)\s*[:|]?\s*\[\s*([xX✓✔]?)\s*\]\s*(.*)$")
        .expect("valid")
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:#{1,6}\s*(.+?)\s*#*|\*\*\s*(.+?)\s*:?\s*\*\*\s*:?|__(.+?)__)\s*$")
        .expect("valid")
});
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[-*]\s*)?(?:\*\*)?(\p{L}[\p{L} ./'()-]{1,40}?)(?:\*\*)?\s*[:=：]\s*(?:\*\*)?\s*(.*?)\s*$").expect("valid")
});
/// "Kody odzyskiwania – nie mam": a label and its value across a spaced en or em dash (taken
/// only when the label is one of the form's; a spaced hyphen is [`HYPHEN_LABEL`]).
static DASH_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\p{L}[\p{L} ./'()]{1,40}?)\s+(?:[–—]|\.{3,}|…+)\s+(.*?)\s*$").expect("valid")
});
/// "recovery codes - lost w/ the phone": the same across a spaced hyphen, read only on a line
/// that starts fresh ([`starts_fresh`]), never inside wrapped prose ("… the one on the" /
/// "account - reaches me perfectly well.").
static HYPHEN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\p{L}[\p{L} ./'()]{1,40}?)\s+-\s+(\S.*?)\s*$").expect("valid")
});

/// Whether the line after `prev` starts anew rather than continuing a wrapped sentence: the
/// first line, or one after a blank line, a stop, or (`prev_gave_field`) a line that gave a
/// form field.
fn starts_fresh(prev: Option<&str>, prev_gave_field: bool) -> bool {
    prev_gave_field
        || prev.is_none_or(|p| {
            let p = p.trim();
            p.is_empty() || p.ends_with(['.', '!', '?', ':', ';'])
        })
}

/// Whether a label line's value ends on its line: a stop, or short enough not to be wrapped (a
/// long value without one may go on onto the next line, which then starts nothing fresh).
fn value_is_whole(value: &str) -> bool {
    value.ends_with(['.', '!', '?']) || value.split_whitespace().count() <= 10
}

/// A line giving one of the form's fields: `Label: value`, `Label – value`, a table row, or,
/// when the line starts `fresh` (see [`starts_fresh`]), `label - value`.
fn form_label(line: &str, fresh: bool) -> Option<(Field, &str)> {
    let (label, value) = label_value(line).or_else(|| {
        let c = HYPHEN_LABEL.captures(line).filter(|_| fresh)?;
        Some((c.get(1)?.as_str().trim(), c.get(2)?.as_str().trim()))
    })?;
    // "About the recovery codes: I do have them, … . But when I enter one PyPI says the code
    // is invalid.": a topic lead-in before prose opens the topic (read as prose); only a short
    // answer after it is a form answer ("As for recovery codes: none, I'm afraid.")
    let lead_in = label
        .split_whitespace()
        .next()
        .is_some_and(|w| LEAD_INS.contains(&w.to_lowercase().as_str()));
    let bare = value
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| LEAD_IN_ANSWERS.contains(&w.to_lowercase().as_str()));
    if lead_in
        && (!bare
            || value.split_whitespace().count() > 5
            || SENTENCE_END.is_match(value.trim_end()))
    {
        return None;
    }
    // a box as the value: "Code of Conduct | [ ] I agree" states nothing; "[x] I agree" is read
    // without its box
    let value = match BOX_VALUE.captures(value) {
        Some(c) if c.get(1).is_some_and(|m| m.as_str().is_empty()) || c.get(2).is_some() => {
            return None;
        }
        Some(c) => c.get(4).map_or("", |m| m.as_str()),
        None => value,
    };
    form_field(label).map(|f| (f, value))
}
/// A box opening a label's value: "[ ] I agree", "[x] I agree", "☐ …", "☑ …".
static BOX_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\[\s*([xX✓✔]?)\s*\]|(☐)|([☑☒✅]))\s*(.*)$").expect("valid")
});
/// The bare answers a topic lead-in takes as a form's value ("As for recovery codes: none").
const LEAD_IN_ANSWERS: &[&str] = &[
    "none",
    "no",
    "nope",
    "yes",
    "yep",
    "lost",
    "gone",
    "available",
    "nothing",
    "zero",
    "never",
    "missing",
    "rejected",
    "invalid",
    "agreed",
    "understood",
    "fine",
    "ok",
    "okay",
];
/// Words that lead into a topic rather than label a form field ("As for recovery codes: none").
const LEAD_INS: &[&str] = &["as", "about", "concerning"];
static TABLE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*(\p{L}[^|]{1,40}?)\s*\|\s*([^|]*?)\s*\|?\s*$").expect("valid")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(\[]?\s*(?:(?i:re|ad|zu|about|regarding|sobre|q|question|frage|answer|antwort|respuesta|réponse|item|point|punkt|punto|no\.?|nr\.?)\s*|#\s*)?(\d{1,2})\s*(?:[.):：、\]]|[-–]|/\s)\s*(\S.*?)\s*$").expect("valid")
});
/// "2 | The review may take … | Yes - understood.": a table of numbered questions and answers
/// (the answer is the last cell).
static NUMBERED_TABLE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*(\d{1,2})\s*\|[^|]*\|\s*([^|]*?\S)\s*\|?\s*$").expect("valid")
});
/// "1-3: yes": one answer to a run of questions.
static NUMBERED_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?i:re|ad|q)\s*)?(\d{1,2})\s*(?:-|–|(?i:to|through|thru|bis))\s*(\d{1,2})\s*[.):：]\s*(\S.*?)\s*$").expect("valid")
});
/// "First: yes", "2nd - lost": answers numbered in words.
static NUMBERED_ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:(first|second|third|fourth|fifth|sixth|seventh|1st|2nd|3rd|4th|5th|6th|7th))(?:\s+(?i:one|question|point|answer))?\s*[:.)\-–,]\s*(\S.*?)\s*$").expect("valid")
});

/// The number of an ordinal word ("third", "3rd").
fn ordinal(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
    ]
    .iter()
    .position(|o| *o == w)
    .map(|i| i as u32 + 1)
    .or_else(|| w.get(..1)?.parse().ok())
}
/// "3 yes": a number and an answer with no punctuation between (read only when the rest is a
/// yes/no or a recovery-code state, so "2 years ago …" is not an answer).
static NUMBERED_BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[qQ#]\s*)?(\d{1,2})\s+(\S.*?)\s*$").expect("valid"));

fn is_bare_answer(rest: &str) -> bool {
    let first = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    YES.is_match(rest)
        || NO.is_match(rest)
        || matches!(
            first.as_str(),
            "lost" | "gone" | "rejected" | "invalid" | "available" | "used" | "agree" | "agreed"
        )
}

static PROFILE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:test\.)?pypi\.(?:org|python\.org)/user/([A-Za-z0-9][A-Za-z0-9._-]*)")
        .expect("valid")
});
static USERNAME_IS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b((?:{W}\s+){0,2}?)(?:user\s?name|user\s?id|(?:test)?pypi\s+(?:id|name)|login\s+name|account(?:'s)?\s+name|handle|nick(?:\s?name)?)\b(?:\s+(?:(?:over\s+)?there|(?:over\s+)?here|on\s+(?:test[.\s]?)?pypi(?:\.org)?|at\s+(?:test[.\s]?)?pypi(?:\.org)?|in\s+(?:test[.\s]?)?pypi(?:\.org)?|on\s+the\s+site))?(?:\s*,\s*(?:in\s+case|if|as|by\s+the\s+way|btw|for\s+the\s+record)[^,.]{0,30},)?\s*(?:is|'s|was|has\s+(?:always\s+)?been|had\s+been|remains|=|:|-|–|—|,|would\s+be|should\s+be|hai\s*:)?\s*(?:actually\s+|probably\s+|just\s+|simply\s+|still\s+|definitely\s+|called\s+)*[`'"“‘(\[*]*([A-Za-z0-9@][A-Za-z0-9._@+-]*)"#,
    )
});
/// "user is X", "my user in PyPI is X", "mi usuario de PyPI es X", "Benutzername ist X".
static USER_IS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:user|usuario|usuário|benutzer(?:name)?|utilisateur|nom\s+d'utilisateur|identifiant|login)\b(?:\s+(?:on|in|at|for|de|en|bei|auf|sur|na|no|do)\s+(?:test[.\s]?)?pypi(?:\.org)?|\s+there)?\s*(?:is|=|:|es|ist|est|é|era|war|was|\s-|–|—)\s*[`'"“(\[*]*([A-Za-z0-9][A-Za-z0-9._-]*)"#,
    )
});
/// A line that ends with "user NAME".
static USER_BARE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:^|[^\w])(?:(?:my|the)\s+)?(?:pypi\s+)?user(?:name)?\s*:?\s+([a-z0-9][a-z0-9._-]*[a-z0-9])\s*[.!]?$"#,
    )
});
/// "… user npapad." at the end of a clause: a bare name after "user".
static USER_BARE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:^|[^\w])(?:(?:my|the)\s+)?(?:pypi\s+)?user\s+([a-z0-9][a-z0-9._-]*[a-z0-9])(?:\s*(?:[.,;!)]|$)|\s+(?:on|at)\s+(?:test\.)?pypi(?:\.org)?\b|\s+here\s*(?:[.,;!]|$))"#,
    )
});
static ACCOUNT_QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\baccount\s*(?:is\s+|named\s+|called\s+|name\s+)?[:,]?\s*[`'"“‘*]+([A-Za-z0-9][A-Za-z0-9._-]*)[`'"”’*]+"#,
    )
});
static PYPI_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:(?:test\.)?pypi(?:\.org)?|testpypi|test\s+pypi)\s+account\s*(,\s*|:\s*|\s+is\s+|\s+named\s+|\s+called\s+|\s+)([`'"“(\[]*)([A-Za-z0-9][A-Za-z0-9._-]*)(\s*(?:[.,;:!)(]|$|is\b|has\b|was\b|got\b|on\s+(?:test\.)?pypi)|\s+(?:any\s?more|again|since|because|due|after|for|anyway|either|now|today|and|but)\b)?"#,
    )
});
/// "my TestPyPI login, thabo_n.": a name set off by a comma that ends the clause.
static PYPI_LOGIN: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:(?:test\.)?pypi(?:\.org)?|testpypi|test\s+pypi)\s+login\s*[,:]\s*[`'"“]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”]?\s*(?:[.;!)]|$)"#,
    )
});
/// Where a subject names the account, most specific first: a name in brackets ("Locked out
/// overnight (lbyrne)"), "account NAME", "user NAME", "for NAME", and a name after a spaced dash
/// or a colon at the end ("2FA lost - NAME").
static SUBJECT_USER: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        compile(r#"\(\s*[`'"]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"]?\s*\)"#),
        compile(
            r#"\b(?:account|acct|user(?:\s?name)?)\s*[:\-]?\s*[`'"]?([A-Za-z0-9][A-Za-z0-9._-]*)"#,
        ),
        compile(r#"\bfor\s+[`'"]?([A-Za-z0-9][A-Za-z0-9._-]*)"#),
        compile(
            r#"(?:\s[-–—]|:)\s*[`'"]?([A-Za-z0-9][A-Za-z0-9._-]*)[`'"]?\s*$|\(\s*(?:test\s*)?pypi\s*:\s*[`'"]?([A-Za-z0-9][A-Za-z0-9._-]*)[`'"]?\s*\)\s*$"#,
        ),
    ]
});
/// "locked out of my account jdoe_42": an unquoted name after "my account", accepted only
/// when it looks like a username (a digit, `_`, `.` or `-` in it), not an English word.
static MY_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:\b(?:my|the|our)\s+(?:(?:test\.)?pypi(?:\.org)?\s+|testpypi\s+|test\s+pypi\s+)?|^\W*)account\s*:?\s+([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])(\s*(?:[.,;!)(]|$|is\b|has\b|was\b|got\b|remains\b|seems\b|on\s+(?:test\.)?pypi))?"#,
    )
});
/// A quoted or backticked name right after "account" or "user" (only "is", "named", "on PyPI"
/// and the like between, so "the account publishes \"pkg\"" names no account): "the PyPI
/// user 'hlarsen'", "my account in PyPI is \"rlima_br\"", "my account, which is `a.b_c`".
static QUOTED_AFTER_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:account|user(?:\s?name)?|login)(?:\s+(?:(?:in|on|at|for|of)\s+(?:test[.\s]?)?pypi(?:\.org)?|name|id))?\s*[,:]?\s*(?:(?:which|that)\s+)?(?:(?:is|was|=|named|called)\s+)?(?:(?:actually|simply|just|still)\s+)?(?:[`'"“‘]|\*\*`?)([A-Za-z0-9][A-Za-z0-9._-]*)(?:[`'"”’]|`?\*\*)"#,
    )
});
/// A name set off after "my account" by a dash or a bracket, or by a comma and "it's": "my PyPI
/// account – it's gthrelfall, all lower case", "my account (jdoe) is locked". Accepted only for a
/// word that is no common word (the dash also opens "my account – it's locked").
static ACCOUNT_ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:my|the|our)\s+(?:(?:test\.)?pypi(?:\.org)?\s+|testpypi\s+)?(?:account|user\s?name|login)(?:\s+(?:on|in|at)\s+(?:test[.\s]?)?pypi(?:\.org)?)?\s*(?:[-–—(]\s*(?:it's\s+|it\s+is\s+|that's\s+|namely\s+|(?:the\s+)?(?:user\s?)?name\s+is\s+|(?:the\s+)?(?:user\s?)?name\s*:\s*)?|,\s*(?:it's|it\s+is|that's|which\s+is|namely)\s+)[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*(?:[,;.)–—!]|\s-\s|$)"#,
    )
});
/// The writer's own question about keeping the codes: "Did I keep the recovery codes anywhere
/// else?", "Had I saved my backup codes?"
static SELF_ASKED_CODES: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:so\s+|and\s+)?(?:did|had|have)\s+i\s+(?:ever\s+)?(?:keep|kept|save|saved|print|printed|store|stored|write\s+down|written\s+down|back\s+up|backed\s+up|download|downloaded|copy|copied)\s+(?:the\s+|my\s+|any\s+)?{CODES}[^.?!]{0,40}\?\s*$",
    )
});
/// Another site named: "Did I keep the recovery codes for GitHub?"
static SITE_NAMED: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:{SITE}|google|microsoft|apple)\b"));
/// … and its plain no right after: "Sadly not.", "No.", "Of course not, …".
static SELF_ANSWER_NO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:no|nope|sadly\s+(?:not|no)|unfortunately\s+(?:not|no)|alas\s*,?\s+(?:not|no)|of\s+course\s+not|not\s+really|i\s+did(?:n't|\s+not)|i\s+had(?:n't|\s+not)|i\s+have(?:n't|\s+not)|never)\s*(?:[.,;!]|$)",
    )
});
/// A name after "my account" and a comma that ends the sentence: "I haven't been able to get
/// past the two-factor prompt on my account, cokafor." (no common word: "… on my account,
/// unfortunately.")
static ACCOUNT_LAST: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:my|our)\s+(?:own\s+)?(?:pypi\s+)?(?:account|own\s+one)\s*,\s*[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*[.!]?\s*$"#,
    )
});
/// "my account on PyPI is rlima_br": an unquoted name after "account … is", accepted only when
/// it looks like a username (quoted names are read by [`QUOTED_AFTER_ACCOUNT`]).
static ACCOUNT_IS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\baccount(?:\s+(?:in|on|at|for)\s+(?:test[.\s]?)?pypi(?:\.org)?|\s+(?:over\s+)?there)?(?:\s+in\s+question|\s+(?:i'?m|i\s+am)\s+(?:writing|asking)\s+about|\s+i\s+(?:need|want|would\s+like)\s+(?:back|to\s+recover|recovered|restored)|\s+concerned|\s+affected|\s+(?:that\s+)?(?:i'?m|i\s+am|i\s+was|i'?ve\s+been|i\s+have\s+been)\s+locked\s+out\s+of)?\s*,?\s*(?:which\s+|that\s+)?(?:(?:is|was|=)\s+|'s\s+)[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?(\s*(?:[.,;!(]|$)|\s+[-–—]\s|\s+on\s+(?:test\.)?pypi(?:\.org)?\b)?"#,
    )
});
/// "I'm gtremblay on PyPI", "… so I'm jmarquez-dev there", "I have been marmalade on PyPI since
/// 2016": a name said to be one's own on the site (a plain word only before "on PyPI"; before
/// "there" only a name-like one).
static I_AM_ON_PYPI: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:i'?m|i\s+am|i'?ve\s+been|i\s+have\s+been|i\s+was)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s+(?:(on|at)\s+(?:test\.)?pypi(?:\.org)?\b|there\b)"#,
    )
});
/// "I publish as bwisniewski.dev", "My ID is parksy-dev": names only when name-like (not "I
/// publish as a hobby", "my ID is attached").
static PUBLISH_AS_OR_ID: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:(?:publish(?:es|ed|ing)?|upload(?:s|ed|ing)?|releas(?:e|es|ed|ing))\s+(?:(?:my\s+)?(?:packages|projects|releases)\s+)?(?:on\s+(?:test\.)?pypi(?:\.org)?\s+)?as|my\s+(?:(?:test)?pypi\s+)?id\s*(?:is|:|=))\s*[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])"#,
    )
});
/// "On PyPI I am X", "PyPI knows me as X".
static ON_PYPI_I_AM: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:(?:on|at)\s+(?:test\.)?pypi(?:\.org)?\s*,?\s+(?:i'?m|i\s+am|it\s+is|it's|my\s+(?:user\s?name|name|login)\s+is)|(?:test\.)?pypi(?:\.org)?\s+knows\s+me\s+as)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*(?:[.,;!(]|$)"#,
    )
});
/// "I go by X on PyPI", "under the name X", "registered on test.pypi.org as X".
static GO_BY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:go(?:es)?\s+by(?:\s+the\s+(?:user\s?)?name)?|known\s+as|under\s+the\s+(?:user\s?)?name|(?:account|it)(?:'s|\s+is)\s+in\s+the\s+name\s+of|(?:has|have|had)\s+the\s+(?:user\s?)?name)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?(?:\s*(?:[.,;!()]|$)|\s+(?:on|at)\s+(?:test\.)?pypi(?:\.org)?\b|\s+(?:there|and|but|since|for)\b)"#,
    )
});
/// "sorry, typo in the username above, it's jsmyth-dev": a correction inside a sentence about
/// the username.
static CORRECTED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:typo|sorry|mistake|wrong|misspel\w*|meant|correction|correct\s+one)\b[^.]{0,60}?\b(?:user\s?name|account\s+name|name)\b[^.]{0,40}?\b(?:it'?s|it\s+is|should\s+be|is\s+actually|is\s+really)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])|\b(?:user\s?name|account\s+name)\b[^.]{0,40}?\b(?:typo|sorry|mistake|wrong|misspel\w*)\b[^.]{0,40}?\b(?:it'?s|it\s+is|should\s+be|is\s+actually)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])"#,
    )
});

/// A name corrected as it is written, and said how it is spelt: "… as aino.lehtinen -- sorry,
/// … it is aino_lehtinen, with an underscore", "account is q3-sandbox, no wait, Q3Sandbox
/// without the dash", "tmoreau — sorry, t-moreau with a hyphen".
static NAME_CORRECTED_IN_PASSING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:\b(?:sorry|correction|no\s*,?\s*wait|i\s+mean|make\s+that|or\s+rather)\b[^.:]{0,80}?\b(?:it'?s|it\s+is|should\s+be|is\s+actually|that\s+should\s+be)\s+|(?:[,;–—]|\s-|\.\.\.)\s*(?:no\s*,?\s*wait|sorry|i\s+mean|make\s+that|or\s+rather)\s*[,:]?\s*)[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*,?\s*(?:with(?:out)?\s+(?:the|a|an)\s+(?:dash|hyphen|underscore|dot|period|capital|space|digit|number)|all\s+(?:lower|upper)\s*-?case|in\s+(?:lower|upper)\s*-?case)"#,
    )
});

/// "*denizyld – typo in my username above": a chat-style correction, the right word after `*`.
static STAR_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"^\s*[*-]\s?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])\s*(?:[-–—:,]\s*)?(?:\(?\s*)?(?:typo|sorry|i\s+meant|correction|not\b)"#,
    )
});
/// "I registered on test.pypi.org as Bogdan_P a couple of years ago", "publishing to PyPI as
/// jbautista since 2019": the site and "as" say it.
static REGISTERED_AS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:registered|signed\s+up|known|an\s+account|publish(?:ing|ed)?|upload(?:ing|ed)?|releas(?:ing|ed)?)\s+(?:on|at|with|to)\s+(?:test\.)?pypi(?:\.org)?\s+as\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])"#,
    )
});
/// The writer corrects the account's name: "I gave you the wrong account name", "the account
/// name in my first mail was wrong".
static WRONG_ACCOUNT_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:wrong|incorrect|misspelt|misspelled|mistyped)\s+account\s+name\b|\baccount\s+name\b[^.]{0,40}?\b(?:was|is)\s+(?:wrong|incorrect|misspelt|misspelled|mistyped|a\s+typo)\b",
    )
});
/// Whether `text` (a subject) labels `name` where it says it: "… account hayashi", "user:
/// Tomoko", a profile link (not "recovery request (Hayashi)").
fn labelled_in(text: &str, name: &str) -> bool {
    let lower = text.to_lowercase();
    lower
        .find(&name.to_lowercase())
        .is_some_and(|at| LABEL_BEFORE_NAME.is_match(&lower[..at]))
}
static LABEL_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:\b(?:account|acct|user(?:\s?name)?|login|handle)\s*[:\-]?\s*[`'"“]?|pypi\.org/user/)$"#,
    )
});
/// "those are mine": proof only of what "those" are.
static PRONOUN_MINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:it|this|that|which|they|these|those|both)\s+(?:\w+\s+)?(?:is|are)\s+(?:all\s+)?mine$",
    )
});
/// "… is my login *on GitHub*": another site's name.
static ON_ANOTHER_SITE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^\s+(?:on|at|for|in)\s+(?:{SITE})\b"));
/// "dferreira-ml is my username", "`x` is my PyPI account".
static NAME_IS_MY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:^|[\s(:])[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s+is\s+my\s+(?:(?:test\s?)?pypi\s+)?(?:user\s?name|handle|login|account(?:\s+name)?|user)\b"#,
    )
});
/// "The account I upload under is called tahvonen", "my account on PyPI is named X", "the
/// account it sits under is mine and it's called X" (but not "my account, so I called …"), "I have
/// account on PyPI with name X".
static ACCOUNT_CALLED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\baccount\b(?:(?:[^.;]{0,45}?\s(?:is|was|it's|it\s+is|been))?\s+(?:called|named)|\s+(?:on\s+(?:test[.\s]?)?pypi(?:\.org)?\s+)?(?:with|under)\s+(?:the\s+)?name)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])"#,
    )
});
/// "I need the PyPI account registered as `hkowalczyk-dev`": a quoted name, ending the clause
/// (not "registered as co-maintainer", "registered as \"organization\" type"). Read as prose,
/// so an explicit "Username: x" wins, and never in a question.
static ACCOUNT_REGISTERED_AS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:my|the|our)\s+(?:(?:test\.)?pypi(?:\.org)?\s+)?account\s+(?:(?:that\s+|which\s+)?(?:is|was)\s+)?registered\s+(?:on\s+(?:test\.)?pypi(?:\.org)?\s+)?(?:as|under)\s+(?:the\s+(?:user\s?)?name\s+)?[`'"“‘]([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’](?:\s*(?:[.,;:!)]|$)|\s+(?:and|but|since|unlocked|back|restored)\b)"#,
    )
});
/// "My account name on PyPI is the same as my GitHub handle, dkowalska."
static SAME_AS_MY_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:account\s+name|user\s?name|login|handle)\s+(?:on\s+(?:test\.)?pypi(?:\.org)?\s+)?is\s+the\s+same\s+as\s+(?:on\s+)?my\s+(?:{W}\s+)?(?:handle|user\s?name|login|name|account)\s*[,:–—-]?\s*(?:which\s+is\s+|namely\s+|i\.e\.\s+)?[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*(?:[.,;!)]|$)"#,
    )
});
/// "the name on it is ndlamini-gis": the name of the account just named.
static NAME_ON_IT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:the\s+)?(?:user\s?)?name\s+(?:on|of|for)\s+(?:it|that\s+account|the\s+account|that\s+one)\s+is\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?"#,
    )
});
/// "the following account: akarimov", "(account: x)": a label inside a sentence.
static ACCOUNT_COLON: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:account|login)\s*:\s*[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?|\(\s*(?:pypi\s+)?(?:account|user(?:name)?|login)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*\)"#,
    )
});

/// A digit, `_`, `.` or `-` inside: written like a username, not like an English word.
fn looks_like_a_name(w: &str) -> bool {
    w.contains(|ch: char| ch.is_ascii_digit() || matches!(ch, '_' | '.' | '-'))
}

/// "dpickering", "jhetherington": two consonants no English word starts with, as an initial
/// glued to a surname makes (so "-ing" and "-ed" endings do not make them participles).
fn initial_and_surname(w: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kl", "kn",
        "kr", "ph", "pl", "pn", "pr", "ps", "rh", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "sq",
        "st", "sw", "th", "tr", "ts", "tw", "vl", "wh", "wr",
    ];
    let l = w.to_ascii_lowercase();
    let b = l.as_bytes();
    let consonant = |c: u8| c.is_ascii_lowercase() && !b"aeiouy".contains(&c);
    l.len() >= 5
        && b.iter().all(|c| c.is_ascii_lowercase())
        && consonant(b[0])
        && consonant(b[1])
        && !ONSETS.contains(&&l[..2])
}

/// A plain word that could be a name where a name ends the phrase ("the account is gnovak."):
/// not one of the words that describe an account, and not shaped like an adjective or a
/// participle ("locked", "inaccessible", "inactive").
fn plain_name(w: &str) -> bool {
    let l = w.to_lowercase();
    const SUFFIXES: &[&str] = &[
        "ed", "able", "ible", "ive", "ful", "ous", "ant", "ent", "ing", "ly", "less", "ish",
    ];
    !rules::NOT_USERNAMES.contains(&l.as_str())
        && !SUFFIXES
            .iter()
            .any(|s| l.len() > s.len() + 2 && l.ends_with(s))
}

/// After a sentence about the username, "It is actually X", "it's X", "the right one is X".
static IT_IS_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"^\W*(?:it\s+is|it's|that\s+is|that's|the\s+(?:right|correct|real|proper)\s+one\s+is|the\s+correct\s+(?:user\s?name|name)\s+is)\s+(?:actually\s+|really\s+|in\s+fact\s+)?[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*(?:[.,;!(]|$)"#,
    )
});
/// "I am the owner of the account": a claim, not other proof of it.
static OWNER_OF_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:owner|holder)\s+of\s+(?:the|this|my|that)\s+(?:(?:test[.\s]?)?pypi(?:\.org)?\s+|testpypi\s+|following\s+)?(?:account|user(?:\s?name)?|profile|login)\b|\b(?:account|user(?:\s?name)?|profile)(?:\s+[`'"]?[\w.-]+[`'"]?)?\s+(?:is|was)\s+(?:really\s+|truly\s+|definitely\s+|indeed\s+)?mine\b|\b(?:owner|holder)\s+of\s+(?:https?://)?(?:www\.)?(?:test\.)?pypi\.org/user/"#,
    )
});
/// What makes a sentence offer other proof even when it also claims the account.
static PROOF_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:packages?|projects?|librar(?:y|ies)|modules?|repos(?:itor(?:y|ies))?|releases?|github|gitlab|gpg|pgp|sign(?:ed|ature)|sign\s+(?:a|an|the|my|it|with|them|each|every|releases?|tags?|anything|something|whatever|any)|push|commit|maintain\w*|pypi\.org/project|(?:author(?:ed)?|creator)\s+(?:of\s+)?(?:[a-z0-9][a-z0-9.]*[-_.\d][a-z0-9._-]*|the\s+(?:package|project|library)|[a-z][a-z0-9-]*\s+on\s+pypi))\b"#,
    )
});

/// Before "I go by X": where, when that is another site ("On GitHub and most other places I
/// go by chiddy-o", "Everywhere else I go by …").
static GO_BY_ELSEWHERE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:on|at)\s+{SITE}\b[^.;]{0,40}$|\b(?:everywhere\s+else|elsewhere|other\s+(?:places|sites|services))\b[^.;]{0,20}$",
    )
});
/// Whether the rest of the sentence after a name names PyPI ("… chiddy-o, same on PyPI",
/// "… and that's also my PyPI username"): the name is PyPI's after all.
fn names_pypi_after(after: &str) -> bool {
    let near = &after[..after.floor_char_boundary(60)];
    let near = near.split(['.', ';', '!', '?']).next().unwrap_or(near);
    near.to_lowercase().contains("pypi")
}
/// Right before "sign in as X": another place ("At work I sign in as X", "On GitHub I log in as X").
static ELSEWHERE_LOGIN: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:at\s+work|on\s+{SITE})\s*,?\s*i\s+(?:usually\s+|normally\s+|always\s+)?$")
});
/// Right after "sign in as X": where ("… through Okta", "… via our SSO", "… on GitHub").
static ELSEWHERE_LOGIN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"^[`'"”]?\s+(?:(?:through|via|using)\s+(?:our\s+|the\s+|my\s+)?(?:okta|sso|single\s+sign|vpn|ldap|active\s+directory|azure\s+ad|entra)|on\s+{SITE})\b"#,
    )
});
/// Words after "log in as" that name a role or a manner, not an account.
const NOT_A_LOGIN: &[&str] = &[
    "root",
    "admin",
    "administrator",
    "myself",
    "me",
    "expected",
    "usual",
    "such",
    "well",
    "before",
    "normal",
    "always",
    "required",
    "planned",
    "intended",
    "needed",
    "guest",
    "anonymous",
    "owner",
    "maintainer",
    "someone",
    "somebody",
    "another",
    "them",
    "him",
    "her",
    "it",
    "yet",
];
/// "I cannot log in to PyPI as kmensah", "sign in as X".
static LOG_IN_AS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"\b(?:log(?:ged|ging)?|sign(?:ed|ing)?)(?:\s*(?:in|on)(?:\s+(?:to|into))?|\s+into)(?:\s+(?:(?:test\.)?pypi(?:\.org)?|the\s+account|my\s+account))?\s+as\s+[`'"“]?([A-Za-z0-9][A-Za-z0-9._-]*)"#,
    )
});
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?]+["')\]”’]*\s+"#).expect("valid"));
static BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[,;:()–—]|\s--?\s|\b(?:but|however|although|though|whereas|while|yet|except)\b",
    )
    .expect("valid")
});
/// Where a statement's clause ends for [`negated`]'s look at its tail: a clause boundary, or a
/// new subject after "and" ("My username is tkowal and I can no longer get past the 2FA step":
/// the tail's "no longer" belongs to the next clause).
static TAIL_BOUNDARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;:()–—]|\s--?\s|\b(?:but|however|although|though|whereas|while|yet|except)\b|\band\s+(?:i|i'm|i've|we|we're|he|she|they)\b")
        .expect("valid")
});
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\w'’]+").expect("valid"));
static YES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:yes|yep|yeah|yup|ya|y|yea|yeh|yess+|yepp?|k|kk|noted\s*(?:and|&|,)\s*(?:understood|agreed|accepted)|correct|true|sure|of course|i do|i can|i agree|agreed|i understand|understood|absolutely|definitely|certainly|affirmative|ok|okay|confirmed|right|agree|ja|jawohl|einverstanden|oui|d'accord|sí|si|sim|claro|de\s+acuerdo|entendido|da|да|конечно|tak|evet|tamam|sì|igen|ano|kyllä|có)\b|noted\W*$|同意|明白|是的?|对|好的?|可以|没问题|了解|はい|承知|分かりました|わかりました|네|예|✅|✔|☑|✓|👍)").expect("valid")
});
static NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:no|nope|nah|n|false|never|i don't|i do not|i can't|i cannot|not really|not any\s?more|no longer|no more|negative|nein|non|não|nao|нет|nie|hayır|hayir)\b|不|否|没有|いいえ)").expect("valid")
});
/// "Never mind!!", "Not needed any more": a withdrawal, no answer to the question.
static NEVER_MIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:never\s?mind|nvm|not\s+needed\s+any\s?more|no\s+need\s+(?:any\s?more|now))\b",
    )
    .expect("valid")
});
/// "No problem", "no objections", "no worries": a no that agrees.
static NO_BOTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*no\s+(?:problems?|objections?|worries|issues?|bother|need\s+to\s+(?:ask|remind\s+me|apologi[sz]e|worry))\b").expect("valid")
});
/// "No rush", "no hurry": no answer to a yes/no question …
static NO_RUSH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\W*no\s+(?:rush|hurry|pressure)\b").expect("valid"));
/// … but to the review time a whole answer that agrees: "Review time: no rush", "no hurry,
/// take the time you need" (not "no rush would be nice but …", "no rush?").
static NO_RUSH_AGREES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*no\s+(?:rush|hurry|pressure)(?:\s+(?:at\s+all|here|from\s+(?:me|my\s+side)|on\s+my\s+(?:side|end)))?(?:\s*[.!]*\s*$|\s*[,;–—-]\s*(?:take\s+(?:your|the|all\s+the)\s+time|i\s+(?:understand|can\s+wait|know)|whenever|at\s+your|i'm\s+(?:fine|ok|happy)))").expect("valid")
});
/// A run of bare yes/no words, one per question: "yes and yes", "yes, yes, no".
static YES_NO_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:yes|no|yep|nope|yeah|sure|ja|nein|sí|si|oui|non)(?:\W+(?:and|und|y|e|et)?\W*(?:yes|no|yep|nope|yeah|sure|ja|nein|sí|si|oui|non))+\W*$").expect("valid")
});
/// "Yes to all", "and yes for all the other questions", "all yes": every yes/no question asked
/// (and not answered otherwise in the same reply) is a yes.
static YES_TO_ALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w])(?:yes|yep|yeah|correct|agreed)\b[\s,!:]*(?:to|for|on)\s+(?:all|both|every(?:thing|one)?|each|the\s+rest)\b|(?:^|[^\w])(?:all|both)\s+(?:yes|correct|agreed)\b|^\W*(?:all|both)\s*[:,–—-]\s*(?:yes|correct|agreed)\b|^\W*(?:yes|yep|yeah|agreed)\W*(?:x\s?[2-4]|\(?\s*(?:to\s+)?(?:both|all(?:\s+of\s+them)?)\s*\)?)\W*$|^\W*(?:yes|yep|yeah|yup|sure)\W+(?:all|both)\s+(?:good|fine|ok|okay|correct|true)\W*$").expect("valid")
});

/// `<!-- … -->`: the instructions of a pasted issue template, invisible where it is rendered.
static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").expect("valid"));

/// Typographic variants folded to ASCII so one pattern fits all clients.
fn normalise(text: &str) -> String {
    // French typography puts a space inside guillemets: « blefevre » is "blefevre"
    let text = if text.contains(['«', '»']) {
        GUILLEMET_SPACE.replace_all(text, "$1«$2»")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let folded: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}'
            )
        })
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '\u{b4}' | '\u{2bc}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' | '«' | '»' | '‹' | '›' => '"',
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\t' => ' ',
            c => c,
        })
        .collect();
    // "email + password", "email & password" read as "email and password"
    let folded = folded.replace(" + ", " and ").replace(" & ", " and ");
    // "the recovery-codes box" is about the recovery codes (not "flask-recovery-codes")
    let folded = HYPHENED_CODES.replace_all(&folded, "$1$2 $3$4");
    // "dont", "cant", "didnt" typed without the apostrophe read as "don't" …
    let folded = APOSTROPHELESS.replace_all(&folded, "${1}'${2}");
    // … and "pasword", "recovry", "acct" as the words meant
    typos::fix(&folded).into_owned()
}

static HYPHENED_CODES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(^|[^\w-])(recovery|backup)-(codes?)(\.?(?:[^\w.-]|$))").expect("valid")
});

static GUILLEMET_SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(:])«[^\S\n]*([^\s«»]+)[^\S\n]*»").expect("valid"));

static APOSTROPHELESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(don|doesn|didn|can|couldn|won|wouldn|isn|aren|wasn|weren|haven|hasn|hadn|shouldn)(t)\b")
        .expect("valid")
});

/// A username as written, cleaned of quoting, or `None` when it is not one (an email address,
/// a phone number, a placeholder, an ordinary word).
pub fn clean_username(raw: &str) -> Result<String, Option<String>> {
    let t = raw
        .trim()
        .trim_matches(|c: char| "`'\"“”‘’()[]<>*_".contains(c))
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .trim_matches(|c: char| "`'\"“”‘’()[]<>*".contains(c));
    if t.contains('@') {
        let email = t.trim_start_matches('@');
        return Err(email.contains('@').then(|| email.to_lowercase()));
    }
    let lower = t.to_lowercase();
    let valid = !t.is_empty()
        && t.len() <= 50
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && t.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && t.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
    let phone = t.chars().filter(|c| c.is_ascii_digit()).count() >= 7
        && t.chars().all(|c| c.is_ascii_digit() || c == '-');
    // "my test pypi account (test.pypi.org)": the site, not a name
    let site = ["pypi.org", "python.org", "pypi.io"]
        .iter()
        .any(|d| lower == *d || lower.ends_with(&format!(".{d}")))
        || lower.starts_with("www.");
    if !valid || phone || site || rules::NOT_USERNAMES.contains(&lower.as_str()) {
        return Err(None);
    }
    Ok(t.to_string())
}

/// Words ending in a dot that do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "approx", "mr", "mrs", "ms", "dr", "prof", "no", "nr", "st", "jr",
    "sr", "inc", "ltd", "co", "cf", "resp", "z.b", "d.h", "bzw", "ca", "usw", "p.s", "ps", "a.m",
    "p.m",
];

/// A question the writer asks themselves and answers at once is one statement: "And the email
/// address on the account? That's this one." Such pairs are joined as written (provenance shows
/// both) and [`aside_reading`] reads them as "the email address on the account is this one".
/// Only a question without a question word (a noun phrase standing alone) is joined, so "Can
/// you help? It's urgent." stays two sentences.
fn answered_asides(sents: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(sents.len());
    let mut it = sents.into_iter().peekable();
    while let Some(s) = it.next() {
        // "Password? Got it." "Recovery codes? Never downloaded 'em.": a field's name asked as a
        // question, then answered, reads as a label and its value
        if let Some(label) = s.trim().strip_suffix('?')
            && form_field(label.trim()).is_some()
            && let Some(next) = it.next_if(|n| !n.trim_end().ends_with('?'))
        {
            out.push(format!("{}: {next}", label.trim()));
            continue;
        }
        let joined = it
            .peek()
            .map(|next| format!("{s} {next}"))
            .filter(|j| aside_reading(j).is_some());
        match joined {
            Some(j) => {
                it.next();
                out.push(j);
            }
            None => out.push(s),
        }
    }
    out
}

/// "X? That's Y." read as "X is Y"; "X? Still Y." as "X is still Y".
fn aside_reading(s: &str) -> Option<String> {
    let c = ASIDE.captures(s)?;
    let topic = c.get(1)?.as_str();
    let first = topic
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())?
        .to_lowercase();
    if rules::QUESTION_WORDS.contains(&first.as_str()) || topic.split_whitespace().count() > 8 {
        return None;
    }
    let verb = if c.get(2).is_some() { "is" } else { "is still" };
    Some(format!("{topic} {verb} {}", &s[c.get(0)?.end()..]))
}

/// "And the email address on the account? That's …", "As for the password? Still …".
static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:and|so|now|oh|right|well|as\s+for|as\s+to|regarding)\b[\s,]*)?([^?.!]*?[\w)])\s*\?\s+(?:(that's|that\s+is|it's|it\s+is|this\s+one\s+is)|still)\s+",
    )
});

/// Splits text into sentences (paragraph lines joined; list items and short lines stand alone).
fn sentences(lines: &[String]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<String> = None;
    let mut prev_gave_field = false;
    // the list item being read, which may go on onto the next lines
    let mut item_open = false;
    let breaks = deliberate_breaks(lines);
    for (i, line) in lines.iter().enumerate() {
        // a Markdown code fence ("```", "```text") only frames what is pasted between
        let t = match line.trim() {
            fence if fence.starts_with("```") => "",
            t => t,
        };
        if item_open && wraps_onto_item(prev.as_deref(), line) {
            cur.push(' ');
            cur.push_str(t);
            prev = Some(t.to_string());
            continue;
        }
        if item_open {
            paragraphs.push(std::mem::take(&mut cur));
            item_open = false;
        }
        // a list item, or a line giving one of the form's fields ("code of conduct - i agree"),
        // is a sentence of its own even without a stop at its end
        let gave_field = form_label(t, starts_fresh(prev.as_deref(), prev_gave_field))
            .is_some_and(|(_, v)| value_is_whole(v));
        let item = t.starts_with(['-', '*', '•']) || NUMBERED.is_match(t) || gave_field;
        prev = Some(t.to_string());
        prev_gave_field = gave_field;
        if t.is_empty() || item {
            if !cur.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut cur));
            }
            cur.clear();
            if item {
                cur = t.trim_start_matches(['-', '*', '•', ' ']).to_string();
                item_open = true;
            }
            continue;
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(t);
        if breaks[i] {
            paragraphs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        paragraphs.push(cur);
    }
    let mut out = Vec::new();
    for p in paragraphs {
        let mut start = 0;
        for m in SENTENCE_END.find_iter(&p) {
            // "pypi.org" and "1.2.3" have no space after the dot; "e.g. x" is an abbreviation.
            // Lowercase writers start sentences in lowercase, so the next letter's case is no
            // test.
            let word = p[..m.start()]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            if m.as_str().starts_with('.') && ABBREVIATIONS.contains(&word.to_lowercase().as_str())
            {
                continue;
            }
            out.push(p[start..m.end()].trim().to_string());
            start = m.end();
        }
        let rest = p[start..].trim();
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// For each line, whether the writer ended it on purpose, so that it ends a sentence even
/// without a stop ("now login wants a code i dont have" / "pw still works btw"), rather than
/// a client cutting it at a wrap width. Only a paragraph with two or more lines of prose longer
/// than 80 columns, one of them with room to spare for the next line's first word (or wider
/// than any client wraps), is read so (HTML `<div>` lines, clients that never wrap): elsewhere a
/// short line may be a hand wrap ("I do not" / "have the codes") or a phone's half-sentence
/// ("my phone" / "was stolen"), and the lines are joined as before. Even there, a line ending
/// on a comma, a negation, an article or a conjunction goes on; so does one ending on a verb
/// before a line opening with its object ("I still know" / "the password"), and one followed
/// by a line that cannot start a sentence ("with …", "is …").
fn deliberate_breaks(lines: &[String]) -> Vec<bool> {
    const WRAP_WIDTH: usize = 80;
    let mut out = vec![false; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let end = (start..lines.len())
            .find(|&j| lines[j].trim().is_empty())
            .unwrap_or(lines.len());
        let width = |l: &str| l.trim_end().chars().count();
        let widest = lines[start..end]
            .iter()
            .map(|l| width(l))
            .max()
            .unwrap_or(0);
        // a client wrapping at any width fills each line but the last up to the next word: a
        // line with room to spare for it was ended by the writer (or the width is beyond any
        // client's)
        let room_to_spare = (start..end.saturating_sub(1)).any(|j| {
            let next_word = lines[j + 1].split_whitespace().next().unwrap_or("");
            width(&lines[j]) + 1 + next_word.chars().count() + 10 <= widest
        });
        let unwrapped = lines[start..end]
            .iter()
            .filter(|l| width(l) > WRAP_WIDTH && l.split_whitespace().count() >= 8)
            .count()
            >= 2
            && (room_to_spare || widest > 150);
        if unwrapped {
            for j in start..end.saturating_sub(1) {
                let line = lines[j].trim();
                let next = lines[j + 1].trim();
                let Some(next_word) = next.split_whitespace().next() else {
                    continue;
                };
                let last_word = line
                    .rsplit(char::is_whitespace)
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let next_lower = next_word.to_lowercase();
                let goes_on = line.ends_with([',', ';', ':', '-', '(', '&', '/'])
                    || rules::CANNOT_END_A_SENTENCE.contains(&last_word.as_str())
                    || rules::CANNOT_START_A_SENTENCE.contains(&next_word)
                    || (rules::VERBS_BEFORE_AN_OBJECT.contains(&last_word.as_str())
                        && rules::OBJECT_OPENERS.contains(&next_lower.as_str()));
                out[j] = !goes_on;
            }
        }
        start = end + 1;
    }
    out
}

/// Whether `line` goes on with the list item above it (whose last line was `prev`): a
/// hard-wrapped item goes on onto a line indented under it, or onto a line in lowercase when
/// its own line was cut at a wrap width mid-sentence ("- Recovery codes: … We moved" then
/// "  buildings in December …").
fn wraps_onto_item(prev: Option<&str>, line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.starts_with(['-', '*', '•'])
        && !NUMBERED.is_match(t)
        && !LABEL_LINE.is_match(t)
        && (line.starts_with([' ', '\t'])
            || (prev.is_some_and(|p| {
                let p = p.trim_end();
                p.len() >= 60 && !p.ends_with(['.', '!', '?', ':'])
            }) && t.starts_with(char::is_lowercase)))
}

/// The text with each hard-wrapped list item joined onto one line (see [`wraps_onto_item`]),
/// so a `- Label: value` item is read whole.
fn join_wrapped_items(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::with_capacity(text.len());
    let mut item_open = false;
    let mut prev: Option<&str> = None;
    let mut joined = false;
    for line in text.lines() {
        if item_open && wraps_onto_item(prev, line) {
            out.push(' ');
            out.push_str(line.trim());
            joined = true;
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
            item_open = line.trim_start().starts_with(['-', '*', '•']);
        }
        prev = Some(line);
    }
    if joined {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The words of the clause before `at`, nearest last.
fn words_before(sentence: &str, at: usize) -> Vec<String> {
    let before = &sentence[..at];
    let clause_start = BOUNDARY
        .find_iter(before)
        .last()
        .map(|m| m.end())
        .unwrap_or(0);
    lower_words(&before[clause_start..])
}

/// The words of `text`, lowercased, with a typographic apostrophe as a plain one.
fn lower_words(text: &str) -> Vec<String> {
    WORD.find_iter(text)
        .map(|m| m.as_str().to_lowercase().replace('’', "'"))
        .collect()
}

fn is_negator(w: &str) -> bool {
    rules::NEGATORS.contains(&w) || w.ends_with("n't")
}

/// Whether a match starting at `start` is negated by words shortly before it in its clause,
/// or hedged ("I don't think …").
fn negated_before(sentence: &str, start: usize) -> bool {
    let before = words_before(sentence, start);
    // "It's not that I don't know my password", "not that I've lost access to it": a negation
    // denied is an affirmation
    if before.windows(4).any(|w| {
        ["not", "isn't", "wasn't"].contains(&w[0].as_str())
            && w[1] == "that"
            && ["i", "we", "i've", "we've", "i'd", "we'd"].contains(&w[2].as_str())
            && is_negator(&w[3])
    }) {
        return false;
    }
    // "It is not possible for me to receive mail there", "impossible for us to log in"
    let n = before.len();
    if n >= 4
        && before[n - 1] == "to"
        && ["me", "us", "him", "her", "them"].contains(&before[n - 2].as_str())
        && before[n - 3] == "for"
        && ((before[n - 4] == "impossible" && !(n >= 5 && is_negator(&before[n - 5])))
            || (before[n - 4] == "possible" && n >= 5 && is_negator(&before[n - 5])))
        // "… for a week, but now I can read it again": the contrast says how it is now
        && !CONTRAST_AFTER.is_match(&sentence[start..])
    {
        return true;
    }
    // "I have not lost access to the account's e-mail", "I didn't lose it": a loss denied is
    // no loss, so both words drop out of the window (not one denied until something ended
    // it: "I hadn't lost access until the domain expired", "… but now I have")
    let denied_loss = (before.len().saturating_sub(3)..before.len()).find(|&i| {
        let denial = |w: &str| {
            [
                "not", "never", "haven't", "hasn't", "didn't", "havent", "hasnt",
            ]
            .contains(&w)
        };
        i > 0
            && (before[i] == "lost"
                || (before[i] == "lose" && ["didn't", "not"].contains(&before[i - 1].as_str())))
            && denial(&before[i - 1])
            // "I have never lost or forgotten my password": a pair, the match is the second
            && !before.get(i + 1).is_some_and(|w| ["or", "and", "nor"].contains(&w.as_str()))
            && !before[..i - 1]
                .iter()
                .any(|w| ["had", "hadn't", "until", "before", "till"].contains(&w.as_str()))
            && !LOSS_CAME_LATER.is_match(&sentence[start..])
    });
    let window: Vec<&String> = before
        .iter()
        .enumerate()
        .filter(|&(i, _)| denied_loss.is_none_or(|l| i != l && i + 1 != l))
        .map(|(_, w)| w)
        .rev()
        .filter(|w| !rules::NEGATION_FILLERS.contains(&w.as_str()))
        .take(rules::NEGATION_WINDOW)
        .collect();
    // "no bother agreeing", "no problem following": a "no" that qualifies a noun of reluctance
    let no_reluctance = |i: usize| {
        window[i] == "no"
            && i > 0
            && [
                "bother",
                "problem",
                "issue",
                "issues",
                "objection",
                "trouble",
                "qualms",
                "hesitation",
            ]
            .contains(&window[i - 1].as_str())
    };
    if window
        .iter()
        .enumerate()
        .any(|(i, w)| is_negator(w) && !no_reluctance(i))
    {
        return true;
    }
    // "I used to know the password": a past habit, not a present state ("I am used to" is
    // being accustomed, and states it)
    let n = before.len();
    if (n.saturating_sub(6)..n.saturating_sub(1)).any(|i| {
        before[i] == "used"
            && before[i + 1] == "to"
            // "I used to use Authy and still know my password": the habit ended before "and"
            && !before[i + 2..]
                .iter()
                .any(|w| ["and", "but", "still", "now", "so"].contains(&w.as_str()))
            && !(i > 0
                && [
                    "am", "i'm", "is", "are", "was", "were", "be", "been", "get", "got",
                ]
                .contains(&before[i - 1].as_str()))
    }) {
        return true;
    }
    // "Nor do I still remember the password": an inverted negation opens the sentence
    if before.first().is_some_and(|w| w == "nor") {
        return true;
    }
    let clause = before.join(" ");
    rules::HEDGES.iter().any(|h| clause.contains(h))
}

/// After a denied loss, what says it came after all: "… until the domain expired", "… but now I
/// have", "… but I can't log in to it anymore", "… I never had it in the first place".
static LOSS_CAME_LATER: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"\b(?:until|till|but|since|anymore|any\s+more|no\s+longer|never\s+had|then)\b")
});

/// Whether a match at `start..end` of `sentence` is negated, before it or by a tail after it
/// ("… anymore").
fn negated(sentence: &str, start: usize, end: usize) -> bool {
    if negated_before(sentence, start) {
        return true;
    }
    let after = &sentence[end..];
    let clause_end = TAIL_BOUNDARY
        .find(after)
        .map(|m| m.start())
        .unwrap_or(after.len());
    let tail = after[..clause_end].to_lowercase();
    rules::NEGATING_TAILS.iter().any(|t| tail.contains(t)) || taken_back(&after[clause_end..])
}

/// Whether `rest` (the text after a statement's clause) is a clause that only takes the
/// statement back: ", but not anymore", "but it doesn't work now". Up to the end of the
/// sentence, every word must be one of [`rules::TAKE_BACK_WORDS`], the first a contrast and one
/// a negator, so "but not the phone" takes nothing back.
fn taken_back(rest: &str) -> bool {
    let clause = &rest[..rest.find(['.', '!', '?', ';', '(']).unwrap_or(rest.len())];
    let words = lower_words(clause);
    words
        .first()
        .is_some_and(|w| ["but", "though", "although", "however", "yet"].contains(&w.as_str()))
        && words
            .iter()
            .all(|w| rules::TAKE_BACK_WORDS.contains(&w.as_str()))
        && words.iter().any(|w| is_negator(w))
}

/// Applies one field's rules to a sentence already passed through [`mask_inner_dots`]; the
/// first rule that holds decides.
fn apply(compiled: &Compiled, sentence: &str) -> Option<FieldValue> {
    // a circumstantial "no" ("the account uses my old work address") only stands when no
    // other rule states something in the same sentence ("… which still forwards to me")
    let mut fallback = None;
    // only the email-access rules speak of mailboxes ("agree … after reading the link in your
    // mail" is about the Code of Conduct)
    let email_rules = std::ptr::eq(compiled, &*EMAIL);
    for (re, value) in &compiled.rules {
        for m in re.find_iter(sentence) {
            if modifies_a_noun(m.as_str(), &sentence[m.end()..])
                || (matches!(value, Value::No | Value::NoUnlessStated)
                    && PASSWORD_TOOL.is_match(m.as_str())
                    && m.as_str().ends_with("work"))
                || uncertain_before(sentence, m.start())
                || HEDGE_WITHIN.is_match(m.as_str())
                || (email_rules
                    && (NEVER_CLOSED.is_match(m.as_str())
                        || (matches!(value, Value::No)
                            && TURNS_TO_ANOTHER_THING.is_match(m.as_str()))))
                || someone_elses(sentence, m.start(), m.end())
            {
                continue;
            }
            // a fixed value carries its own polarity: only words before it can negate it
            let neg = match value {
                Value::Codes(_) | Value::No | Value::NoUnlessStated => {
                    negated_before(sentence, m.start())
                }
                _ => negated(sentence, m.start(), m.end()),
            };
            // "I use a new Gmail address now"; "I should not have sent the password" (the
            // negation is of the sending)
            if matches!(value, Value::Yes | Value::YesOnly)
                && ((!neg && email_rules && another_mailbox(sentence, m.as_str()))
                    || (neg && SENT_NOT_HELD.is_match(m.as_str())))
            {
                continue;
            }
            // "I saved them in an old KeePass file, but I haven't found it yet": not in hand;
            // "I located my recovery codes on the old phone, which is now broken": found lost
            if matches!(value, Value::Codes(RecoveryCodes::Available))
                && (NOT_FOUND_YET.is_match(&sentence[m.end()..])
                    || (FOUND.is_match(m.as_str()) && FOUND_UNDONE.is_match(&sentence[m.end()..])))
            {
                continue;
            }
            let v = match (value, neg) {
                (Value::Yes, n) => FieldValue::Bool(!n),
                (Value::No, false) => FieldValue::Bool(false),
                (Value::NoUnlessStated, false) => {
                    fallback = fallback.or(Some(FieldValue::Bool(false)));
                    continue;
                }
                (Value::YesOnly, false) => FieldValue::Bool(true),
                (Value::Against, n) => FieldValue::Bool(n),
                (Value::Nothing, _) => return fallback,
                (Value::Codes(c), false) => FieldValue::Codes(*c),
                (Value::No | Value::NoUnlessStated | Value::YesOnly | Value::Codes(_), true)
                | (Value::Sentence, _) => {
                    continue;
                }
            };
            return Some(v);
        }
    }
    fallback
}

/// A contrast later in the sentence: "…, but now I can read it again".
static CONTRAST_AFTER: LazyLock<Regex> =
    LazyLock::new(|| compile(r"[,;]\s*but\b|\s+but\s+(?:now|i|it|still)\b"));

/// A hedge inside a match that opens on its topic: "Backup codes: I'm not actually sure
/// they're lost", "can't remember whether I ever saved the backup codes", "my old company
/// domain, and I have to ask the hosting firm whether that mailbox still exists".
static HEDGE_WITHIN: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\bnot\s+(?:actually\s+|really\s+|entirely\s+|quite\s+|totally\s+|completely\s+|100%\s+)?(?:sure|certain)\b|\b(?:remember|recall|know|sure|certain|idea|wonder|tell|say)\s+(?:if|whether)\b|\b(?:ask|check|find\s+out|see|verify|confirm)\s+(?:{W}\s+){0,3}?(?:if|whether)\b",
    )
});

/// A mailbox's end denied inside the match: "the old mailbox was never closed", "the domain
/// has not expired".
static NEVER_CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:\bnever|\bnot|n't)\s+(?:been\s+|got\s+|gotten\s+|actually\s+|really\s+)?(?:expired|deleted|deactivated|closed|shut\s+down|disabled|removed|suspended|decommissioned|deprovisioned|retired|discontinued|terminated)$",
    )
});

/// A mailbox's loss whose words turn to another thing on the way: "I still have access to the
/// email *but my recovery codes* are gone".
static TURNS_TO_ANOTHER_THING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:but|and|while|whereas)\s+(?:my|the|our|all\s+(?:my|the))\s+(?:{W}\s+)?(?:recovery\s+codes|backup\s+codes|codes|phone|device|authenticator|app|key|yubikey|laptop|password|tablet)\b",
    )
});

/// Codes found or got back …
static FOUND: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^(?:found|located|retrieved|recovered|dug|discovered|rediscovered|got)\b")
});
/// … where the rest of the sentence undoes it.
static FOUND_UNDONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:but|which|no\s+longer|stolen|broken|lost|invalid|rejected|refused|(?:do|does|did)(?:n't|\s+not)\s+work)\b",
    )
});

/// A match that opens with a password tool, not the password: "password manager, but they do
/// not work" is about the codes kept in it (while "my password manager still has it" keeps it).
static PASSWORD_TOOL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^(?:password|passphrase)\s+(?:manager|vault|app|safe|keeper|store|database|file)s?\b")
});

/// "I should not have *sent* the password", "I have *shared* the codes with you": sending a
/// thing says nothing about still having it.
static SENT_NOT_HELD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:have|i've|got)\s+(?:\w+\s+)?(?:sent|shared|pasted|included|attached|mailed|e-?mailed|forwarded|posted|leaked|exposed|mentioned|given\s+you)\b",
    )
});

static NOT_FOUND_YET: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^[^.]{0,80}?\b(?:but|though|although|yet|only)\s+(?:i\s+)?(?:still\s+)?(?:haven't|have\s+not|can't|cannot|couldn't|could\s+not|didn't|did\s+not)\s+(?:yet\s+)?(?:been\s+able\s+to\s+)?(?:find|found|locate|located)\b",
    )
});

/// Whether the clause before a match says the writer does not know it: "I'm not sure whether I
/// can still read that address", "I don't know if I ever saved the codes", "I might still have
/// them somewhere". Such a sentence states nothing, neither yes nor no.
fn uncertain_before(sentence: &str, start: usize) -> bool {
    let words = words_before(sentence, start);
    // the last few words only: "the phone might be in the lake and I never saved the codes"
    let before = &words[words.len().saturating_sub(6)..];
    let has = |w: &str| before.iter().any(|b| b == w);
    // "not actually sure", "not 100% sure": the adverb between says nothing
    let before: Vec<&String> = before
        .iter()
        .filter(|w| {
            ![
                "actually",
                "really",
                "entirely",
                "quite",
                "totally",
                "completely",
                "100",
                "honestly",
                "so",
            ]
            .contains(&w.as_str())
        })
        .collect();
    rules::UNCERTAIN.iter().any(|w| has(w))
        || before.windows(2).any(|p| {
            (p[0] == "not" && p[1] == "sure")
                // a belief of the past: "I was sure they were in my password manager, but …"
                || (["was", "were"].contains(&p[0].as_str()) && ["sure", "certain", "convinced"].contains(&p[1].as_str()))
                || (p[0] == "i" && ["thought", "believed", "hope"].contains(&p[1].as_str()))
                || ([
                    "know", "remember", "recall", "idea", "wonder", "sure", "certain", "tell",
                    "check", "see", "ask",
                ]
                .contains(&p[0].as_str())
                    && ["if", "whether"].contains(&p[1].as_str()))
                // "I can't say whether I ever saved them" (but "I can't say if … or …, both are
                // gone" is said either way)
                || (p[0] == "say" && p[1] == "whether")
        })
}

/// Whether a match names a mailbox other than the account's: "Now I use only this Yandex mail"
/// (after "that mailbox was deleted"), "I use a new Gmail address now". Reading some other
/// mailbox says nothing about the registered one (fields.md: merely writing from some address
/// is not a statement), unless the sentence ties it to the account ("… the new address that is
/// on the account", "the registered address forwards to the new inbox I use").
fn another_mailbox(sentence: &str, matched: &str) -> bool {
    let here = lower_words(matched);
    let has = |ws: &[String], list: &[&str]| ws.iter().any(|w| list.contains(&w.as_str()));
    let names_a_mailbox = here.iter().any(|w| w.contains("mail"))
        || has(
            &here,
            &[
                "address", "inbox", "outlook", "yahoo", "hotmail", "icloud", "yandex", "proton",
            ],
        );
    // "I still get new mails here": new mail, not a new mailbox
    let another = here.iter().enumerate().any(|(i, w)| {
        rules::ANOTHER_MAILBOX.contains(&w.as_str())
            && !here.iter().skip(i + 1).take(3).any(|n| {
                ["mail", "mails", "email", "emails", "e", "message", "messages", "notification", "notifications"]
                    .contains(&n.as_str())
            })
    }) || here.windows(2).any(|p| p[0] == "only" && p[1] == "this")
        // "I see now in your mail that …": our message, not a mailbox
        || here
            .windows(3)
            .any(|p| ["in", "from"].contains(&p[0].as_str()) && p[1] == "your" && p[2].contains("mail"));
    names_a_mailbox
        && another
        && !has(&here, rules::THE_ACCOUNTS_MAILBOX)
        && !has(&lower_words(sentence), rules::TIED_TO_THE_ACCOUNT)
}

/// Whether a match is about another person's things: "he still has all ten of *his* recovery
/// codes", "*her own* recovery codes, which are safe in a drawer", "the mail at *his* registered
/// address", "had *his* PyPI account hacked". Only a possessive on a field's noun near the match
/// counts, so "my son lost his phone, and I never saved the codes" still states the codes.
fn someone_elses(sentence: &str, start: usize, end: usize) -> bool {
    THIRD_PARTY_THINGS.is_match(near(sentence, start, end))
}

/// The first "I got back in" of a sentence that is not into another site.
fn own_withdrawal(s: &str) -> Option<regex::Match<'_>> {
    WITHDRAWN
        .find_iter(s)
        .find(|m| !in_to_another_site(s, m.start(), m.end()))
}

/// The first takeover of a sentence that is not of another site, nor a denial that explains a
/// fault ("I didn't make any changes to my 2FA settings, it just stopped working").
fn own_takeover(s: &str) -> Option<regex::Match<'_>> {
    // "PyPI send me email "Two factor method added" but I never turn on 2FA": told of a second
    // factor the writer never added (not "2FA was enabled by me", "… by our org policy", "my
    // GitHub got 2FA added")
    if let Some(m) = TWO_FA_ADDED_NOT_BY_ME.find(s)
        && TOLD_OF_IT.is_match(s)
        && !ADDED_KNOWINGLY.is_match(&s[..m.end()])
    {
        return Some(m);
    }
    COMPROMISE.find_iter(s).find(|m| {
        !another_sites_takeover(s, m.start())
            && !explains_a_fault(s, m)
            && !DOMAIN_BOUGHT.find(&s[m.end()..]).is_some_and(|d| {
                s.to_lowercase().contains("domain")
                    && !ACCOUNT_TAKEN_TOO.is_match(&s[m.end() + d.end()..])
            })
    })
}

/// … unless the sentence goes on to the account: "… bought it since and now logs into my
/// account with it".
static ACCOUNT_TAKEN_TOO: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:account|password|2fa|two[- ]factor|mfa|log(?:s|ged)?\s+in(?:to)?|sign(?:s|ed)?\s+in(?:to)?|took\s+over|take\s+over|taken\s+over|enabled|changed|reset|pypi|releases?|uploads?|which\s+i\s+(?:never|did(?:n't|\s+not)))\b",
    )
});
/// "I let that domain expire …, and someone else has bought it since": a lapsed domain
/// bought by another is the mailbox lost, no one acting on the account.
static DOMAIN_BOUGHT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:(?:since|now|already|probably|apparently|just)\s+)?(?:bought|registered|re-?registered|purchased|acquired|grabbed|snapped\s+up|picked\s+up|taken\s+over|owns)\s+(?:it|that|the\s+(?:old\s+)?domain|that\s+domain|my\s+(?:old\s+)?domain)\b",
    )
});

/// "I didn't make any changes to my 2FA settings, it just stopped working": a denial followed
/// by what the thing did by itself, with no sign of a third party in the sentence.
fn explains_a_fault(s: &str, m: &regex::Match<'_>) -> bool {
    m.as_str()
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("i did"))
        && JUST_STOPPED.is_match(&s[m.end()..])
        && !TAKEOVER_HINT.is_match(s)
}

static TWO_FA_ADDED_NOT_BY_ME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:2fa|two[- ]factor|mfa|totp)\s+(?:{W}\s+)?(?:was\s+|has\s+been\s+|got\s+)?(?:added|enabled|activated|turned\s+on)\b[^.]{0,80}?\bi\s+(?:have\s+)?(?:never|did(?:n't|\s+not))\s+(?:turn(?:ed)?\s+(?:it\s+)?on|enabled?|add(?:ed)?|activated?|set\s+(?:it\s+)?up)(?:\s+(?:it|that|this|2fa|two[- ]factor(?:\s+auth[a-z]*)?|mfa|one|any(?:thing)?))?\s*(?:[.,;!)]|$|\s+(?:in\s+my\s+life|ever|at\s+all|myself|on\s+(?:my|the|this)\s+(?:pypi\s+)?account|and|but|so)\b)",
    )
});
/// A notice that a second factor was added, a sentence of its own …
static TWO_FA_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:e-?mail|notification|notice|message|alert|warning)s?\b[^.]{0,60}?\b(?:2fa|two[- ]factor(?:\s+auth[a-z]*)?|mfa|totp|security\s+key|authenticator)\s+(?:{W}\s+)?(?:was\s+|has\s+been\s+|had\s+been\s+|got\s+)?(?:added|enabled|activated|turned\s+on)\b",
    )
});
/// … and the next sentence denying it: "I never turned it on.", "i never enable it."
static NEVER_TURNED_IT_ON: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:but\s+)?i\s+(?:have\s+|had\s+)?(?:never|did(?:n't|\s+not))\s+(?:turn(?:ed)?\s+(?:it|that|this)\s+on|enabled?\s+(?:it|that|this|2fa|any)|add(?:ed)?\s+(?:it|that|this|one|any)|activated?\s+(?:it|that|this)|set\s+(?:it|that|this|one)\s+up|do\s+(?:it|that|this))\b",
    )
});
/// … of which a mail or notice told the writer.
static TOLD_OF_IT: LazyLock<Regex> = LazyLock::new(|| {
    compile(r#"\b(?:e-?mails?|notifications?|notices?|messages?|alerts?|warnings?)\b|["“]"#)
});
/// … and not by the writer's own hand or policy, nor on another site.
static ADDED_KNOWINGLY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:by\s+me|by\s+(?:our|the|my|pypi)\b|mandate|polic(?:y|ies)|when\s+i|i\s+set|github|gitlab|npm|org(?:anisation|anization)?\b)",
    )
});

/// Another sign of a third party in the same sentence, which keeps the denial a takeover: "I
/// didn't make any changes, it just stopped working, and then I got an email saying my recovery
/// codes were reset", "… and my projects have new releases I did not publish".
static TAKEOVER_HINT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:attacker|hacker|someone|somebody|unknown|unfamiliar|recogni[sz]e|(?:was|were|been|got)\s+(?:changed|reset|added|removed|replaced)|registered|releases?|uploads?|published|notification|log-?in\s+from|sign-?in\s+from|another\s+country|ip\s+address|which\s+i\s+did(?:n't|\s+not))\b",
    )
});

/// What a thing did by itself after "I didn't change anything": "… it just stopped working",
/// "… the app simply quit generating codes".
static JUST_STOPPED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:it|that|the\s+(?:app|application|authenticator|phone|device|token|key|codes?))\s+(?:just\s+|simply\s+|suddenly\s+|then\s+)?(?:stopped\s+(?:working|accepting|generating|showing|syncing)|quit|broke|died|failed|went\s+(?:dead|blank))\b",
    )
});

/// Whether a getting back in is into another site: "I could log back in to GitHub", "I got
/// into my Gmail again". A site named otherwise is how they got back in ("Solved it with the
/// GitHub backup of my dotfiles"); "… but that is another story and it is resolved" closes a
/// story about something else.
fn in_to_another_site(sentence: &str, start: usize, end: usize) -> bool {
    // "… but this is another story and it is resolved"
    let closes_a_story = ANOTHER_MATTER
        .find(&sentence[..start])
        .is_some_and(|t| AND_IT.is_match(&sentence[t.end()..start]));
    let site = |w: Option<&str>| {
        w.is_some_and(|w| {
            let w = w.to_lowercase();
            rules::UNRELATED_SITES.contains(&w.as_str())
                || rules::SITES_TO_GET_INTO.contains(&w.as_str())
        })
    };
    let after = &sentence[end..];
    // "I was able to sign in to npm and PyPI again": PyPI too
    let pypi_too = WORD
        .find_iter(after)
        .take(5)
        .any(|w| w.as_str().eq_ignore_ascii_case("pypi"));
    let lower = sentence[start..end].trim_end().to_lowercase();
    let match_ends_into = lower.ends_with("into") || lower.ends_with("in to");
    closes_a_story
        || (!pypi_too
            && (site(
                INTO_SITE
                    .captures(after)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str()),
            ) || (match_ends_into && site(WORD.find(after).map(|m| m.as_str())))))
}

/// What joins a closed story to what follows it: "… another story *and* it is resolved".
static AND_IT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^\W*and(?:\s+(?:it|that|this)\b|\s*$)"));

/// "… back in to GitHub", "… into my Gmail": where someone got back in.
static INTO_SITE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:(?:back|again)\s+)?(?:in\s*to|into|on\s*to|onto)\s+(?:my\s+|the\s+|our\s+)?(\w+)",
    )
});

/// Whether a takeover is of another site: "My Facebook was also hacked last year", "my bank
/// account was hacked". A site named as the way in ("hacked through a fake Facebook login page",
/// "a Discord token grabber compromised my laptop") leaves the takeover the requester's.
fn another_sites_takeover(sentence: &str, start: usize) -> bool {
    let before = &sentence[..start];
    let words: Vec<(usize, String)> = WORD
        .find_iter(before)
        .map(|w| (w.end(), w.as_str().to_lowercase()))
        .collect();
    let mentions_pypi = WORD
        .find_iter(sentence)
        .any(|w| w.as_str().to_lowercase().starts_with("pypi"));
    // the site and its own noun or verb, at most three words before the match, in one clause
    // without a mailbox between ("my bank account and email got hacked" names a mailbox too)
    let n = words.len();
    let site_right_before = (n.saturating_sub(5)..n.saturating_sub(1)).any(|i| {
        rules::UNRELATED_SITES.contains(&words[i].1.as_str())
            && rules::A_SITES_OWN.contains(&words[i + 1].1.as_str())
            && {
                let between = before[words[i + 1].0..].to_lowercase();
                !between.contains([',', ';', ':'])
                    && !between.contains("mail")
                    && !between.contains("inbox")
            }
    });
    !mentions_pypi && site_right_before
}

/// "… but that is another story": what the sentence says before it is not about the request.
/// Another account's or site's story, told aside: "TestPyPI is another story: …", "GitHub was
/// a different matter".
static OTHER_ACCOUNTS_STORY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:test\.pypi\.org|test[\s-]?pypi|github|gitlab|npm|google|gmail)\b[^.;:]{0,20}?(?:\s+(?:is|was)|'s)\s+(?:(?:a|an)\s+)?(?:another|different|separate|other)\s+(?:story|matter|thing)\b",
    )
});
/// A second account of the writer's that works: "I have my own PyPI account as well (hbrandt),
/// that one works and I have my recovery codes for it" (its codes are not the locked one's).
static OTHER_ACCOUNT_FINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:my\s+own|another|a\s+second|my\s+other|a\s+separate)\s+(?:pypi\s+)?account\b[^.;]{0,60}?\b(?:that|this|which)\s+(?:one\s+)?(?:works|is\s+(?:fine|ok|okay|working|unaffected))\b",
    )
});
static ANOTHER_MATTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:this|that|it)(?:'s|\s+is|\s+was)\s+(?:(?:a|an)\s+)?(?:another|different|separate|unrelated|other)\s+(?:story|matter)\b",
    )
});

/// Whether a takeover is of another person's account ("had *his* PyPI account hacked"); "put *his*
/// own email address on my account" is still one of the requester's.
fn someone_elses_account(sentence: &str, start: usize, end: usize) -> bool {
    THIRD_PARTY_ACCOUNT.is_match(near(sentence, start, end))
}

static THIRD_PARTY_ACCOUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:his|her|their\s+own)\s+(?:own\s+)?(?:(?:pypi|github|gitlab|old|new)\s+)?(?:account|login)\b",
    )
});

/// A match with up to three words before it and four after it: where a possessive that makes it
/// another person's would stand ("his recovery codes", "read the mail at his address").
fn near(sentence: &str, start: usize, end: usize) -> &str {
    let from = sentence[..start]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(3)
        .map_or(0, |(i, _)| i);
    // … and up to four words after it ("read the mail at his registered address")
    let to = sentence[end..]
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(4)
        .map_or(sentence.len(), |(i, _)| end + i);
    &sentence[from..to]
}

static THIRD_PARTY_THINGS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:his|her|their\s+own)\s+(?:own\s+)?(?:(?:pypi|registered|work|old|new|personal|e-?mail|\w+'s)\s+)?(?:recovery\s+codes?|backup\s+codes?|codes|e-?mail|mail\s?box|inbox|address|password|account|login)\b",
    )
});

/// Whether a match ending on "password" is only the modifier of the noun after it ("a password
/// manager").
fn modifies_a_noun(matched: &str, after: &str) -> bool {
    let last = matched
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if !["password", "passphrase", "pw", "pwd"].contains(&last.to_lowercase().as_str()) {
        return false;
    }
    let next = WORD
        .find(after)
        .filter(|w| after[..w.start()].trim().is_empty());
    next.is_some_and(|w| rules::PASSWORD_COMPOUNDS.contains(&w.as_str().to_lowercase().as_str()))
        || OF_ANOTHER_THING.is_match(after)
}

/// After "password": the thing it belongs to, when that is no account ("the passphrase I put on
/// the export", "the password of the backup file", "the passphrase for my GPG key").
static OF_ANOTHER_THING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:(?:that|which)\s+)?(?:i(?:'ve|\s+have|\s+had)?\s+(?:put|set|used|chose|gave\s+it|added)\s+(?:on|for|to)|of|for|on)\s+(?:the|my|that|this|an?|its)\s+(?:[a-z]+\s+)?(?:export|backup|backups|file|archive|vault|zip|database|disk|drive|keyring|keyfile|key\s?file|gpg\s+key|ssh\s+key|private\s+key|wallet|laptop|computer|phone|wifi|router|encrypted)\b",
    )
});

/// A sentence that lists three facts or more as clauses of their own, each with "I" as its
/// subject: "I have the codes, I don't have the password, and I can't read the address". Each
/// clause is read alone, so a rule cannot join the codes of the first to the "don't have" of
/// the second. (Two clauses are read together: "I have read the Code of Conduct, and I agree
/// to follow it" needs the first to understand the second.)
fn own_clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in OWN_CLAUSE.find_iter(sentence) {
        out.push(&sentence[start..m.start()]);
        start = m.start() + 1; // keep "I …" (and the "and") with the next clause
    }
    out.push(&sentence[start..]);
    if out.len() < 3 {
        return vec![sentence];
    }
    out
}

static OWN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| compile(r"[,;]\s+(?:and\s+)?i\s"));

/// A pronoun that refers back to what the sentence before was about.
static BACK_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:they|them|those|these|none)\b"));

/// A sentence the writer corrects as they write reads from the correction on: "First I thought I
/// had no recovery codes either – no wait, I do: they are in my KeePass file".
fn self_corrected(sentence: &str) -> Option<String> {
    let c = SELF_CORRECTION.captures_iter(sentence).last()?;
    let rest = sentence[c.get(0)?.end()..].trim_start_matches([',', ' ', ':']);
    Some(match c.get(1) {
        Some(_) => format!("I {rest}"),
        None => rest.to_string(),
    })
}

static SELF_CORRECTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:[–—,;]|\s-|\.\.\.|…)\s*(?:no\s*,?\s*wait|wait\s*,?\s*no|scratch\s+that|strike\s+that|no\s*,\s*sorry|sorry\s*,\s*no|(?:no|ne|nee|nein|non)\s*,?\s*pardon|sorry\s*,?\s*i\s+mean)\b\s*,?\s*(i\s+)?",
    )
});

/// A sentence that opens with a negative and inverts its verb ("Not once, in six years, did I
/// download the codes"; "Nor, to be honest, do I remember the password"; "At no point have I
/// shared it"), read as the plain negation it means: "I did not download the codes". The
/// rules then apply as to any negation, however far the opener is from the verb. Provenance
/// keeps the sentence as written.
fn uninverted(sentence: &str) -> Option<String> {
    let c = INVERTED_NEGATION.captures(sentence)?;
    let aux = c.get(1)?.as_str().to_lowercase();
    let rest = &sentence[c.get(0)?.end()..];
    Some(format!("I {aux} not{rest}"))
}

static INVERTED_NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:nor|neither|not\s+(?:once|a\s+single\s+time|one\s+time|ever)|never(?:\s+once|\s+ever)?|at\s+no\s+(?:point|time|stage)|in\s+no\s+way|under\s+no\s+circumstances)\b[^.;:!?]*?\b(do|does|did|have|has|had|can|could|am|was|were|will|would)\s+i\b",
    )
});

/// `sentence` with each dot between two letters or digits turned into '_': dots inside
/// addresses and names ("x@uni.edu.in", "0.9.1") are no sentence stops for the `[^.]` windows
/// of the rules, and every offset stays in place.
fn mask_inner_dots(sentence: &str) -> std::borrow::Cow<'_, str> {
    let b = sentence.as_bytes();
    let inner = |i: usize| {
        b[i] == b'.' && b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_alphanumeric()
    };
    let dots: Vec<usize> = (1..b.len().saturating_sub(1))
        .filter(|&i| inner(i))
        .collect();
    if dots.is_empty() {
        return std::borrow::Cow::Borrowed(sentence);
    }
    let mut out = b.to_vec();
    for i in dots {
        out[i] = b'_';
    }
    // only ASCII '.' became ASCII '_', so the bytes are still UTF-8
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| sentence.to_string()))
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 500;
    let s = s.trim();
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX - 3).collect();
    // at the last word boundary, so no word is cut in two ("on the same ke...")
    let at = cut
        .rfind(char::is_whitespace)
        .filter(|i| *i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}...", cut[..at].trim_end())
}

/// The text of a form section: its lines until the next heading.
struct Section {
    field: Field,
    label: String,
    lines: Vec<String>,
}

impl Section {
    /// The section's first paragraph, its lines joined by spaces.
    fn first_paragraph(&self) -> String {
        let para: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim())
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect();
        para.join(" ")
    }
}

/// Reads what one message states.
pub fn extract(subject: &str, text: &str) -> Extraction {
    let text = join_label_pairs(&normalise(&HTML_COMMENT.replace_all(text, "")));
    let subject = normalise(subject);
    let mut out = Extraction::default();
    let mut best: BTreeMap<Field, (u8, usize)> = BTreeMap::new();
    let mut pos = 0usize;

    // 1. Form structure; prose lines are kept for step 2.
    let mut prose: Vec<String> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut in_section: Option<usize> = None;
    // the text of each ticked box: its word on the codes is a default the text may override
    let mut ticked: Vec<String> = Vec::new();
    for line in text.lines() {
        // a table row of a form, its label before the box: "Acknowledgement [ ] I understand …"
        let labelled_box = LABELLED_BOX
            .captures(line)
            .filter(|c| form_field(&c[1]).is_some());
        if let Some(c) = labelled_box.as_ref().or(CHECKBOX.captures(line).as_ref()) {
            let (tick, rest) = (c.get(c.len() - 2), c.get(c.len() - 1));
            let (tick, rest) = (
                tick.map_or("", |m| m.as_str()),
                rest.map_or("", |m| m.as_str()),
            );
            if tick.is_empty() {
                continue; // an unticked box states nothing
            }
            ticked.push(rest.trim().to_string());
            // a table row's label goes with its ticked box ("Code of Conduct [x] I agree")
            match &labelled_box {
                Some(l) => prose.push(format!("- {} {rest}", &l[1])),
                None => prose.push(format!("- {rest}")),
            }
            if let Some(i) = in_section {
                sections[i].lines.push(rest.to_string());
            }
            continue;
        }
        if let Some(c) = HEADING.captures(line) {
            let label = c
                .get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map(|m| m.as_str())
                .unwrap_or("");
            let label = label.trim().trim_end_matches(':').to_lowercase();
            in_section = form_field(&label).map(|field| {
                sections.push(Section {
                    field,
                    label: label.clone(),
                    lines: Vec::new(),
                });
                sections.len() - 1
            });
            if in_section.is_some() {
                prose.push(String::new());
                continue;
            }
        }
        if let Some(i) = in_section {
            // a username is one line: the paragraph after it is prose again ("**PyPI
            // Username**" / "`username`" / "" / "The address I write from is the one on the
            // account …")
            // (the template's instructions above the name are no name: "Enter your PyPI
            // `username` wrapped with single backticks" / "" / "`ahonkanen`")
            let username_given = matches!(sections[i].field, Field::Username)
                && line.trim().is_empty()
                && sections[i].lines.iter().any(|l| {
                    let n = l.split_whitespace().count();
                    (1..=2).contains(&n)
                });
            if username_given {
                in_section = None;
            } else {
                sections[i].lines.push(line.to_string());
                if matches!(sections[i].field, Field::Username) {
                    continue; // a username section is not prose
                }
            }
        }
        prose.push(line.to_string());
    }

    for sec in &sections {
        let content: Vec<&str> = sec
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let Some(mut first) = content.first().copied() else {
            continue;
        };
        if matches!(sec.field, Field::Username) && first.split_whitespace().count() > 2 {
            // a template's instructions left above the answer ("Enter your PyPI `username`
            // wrapped with single backticks"): the answer is the first short line below
            if let Some(short) = content[1..]
                .iter()
                .find(|l| l.split_whitespace().count() <= 2 && clean_username(l).is_ok())
            {
                first = short;
            }
        }
        pos += 1;
        match sec.field {
            Field::Username => match clean_username(first) {
                Ok(u) => out.offer(
                    Statement {
                        field: Field::Username,
                        value: FieldValue::Text(u),
                        excerpt: excerpt(first),
                        strength: strength::FORM,
                    },
                    pos,
                    &mut best,
                ),
                Err(email) => out.claimed_email = out.claimed_email.take().or(email),
            },
            Field::Reason => {
                // the first paragraph of the section; an old-form "Reason:" prefix dropped
                let value = sec.first_paragraph();
                let value = strip_label(&value, "reason");
                if value.split_whitespace().count() >= 2
                    && !is_placeholder(value)
                    && names_a_cause(value)
                {
                    out.offer(
                        Statement {
                            field: Field::Reason,
                            value: FieldValue::Text(excerpt(value)),
                            excerpt: excerpt(value),
                            strength: strength::FORM,
                        },
                        pos,
                        &mut best,
                    );
                }
            }
            Field::CodeOfConduct
            | Field::Acknowledgement
            | Field::EmailAccess
            | Field::PasswordAccess => {
                if let Some(b) = yes_no(first) {
                    out.offer(
                        Statement {
                            field: sec.field,
                            value: FieldValue::Bool(b),
                            excerpt: excerpt(&format!("{}: {first}", sec.label)),
                            strength: strength::FORM,
                        },
                        pos,
                        &mut best,
                    );
                }
            }
            Field::RecoveryCodes => {
                // "## Recovery codes" then "Never generated them. Yes, I know.": the first
                // sentence below the heading answers it
                let para = sec.first_paragraph();
                let first_sentence = SENTENCE_END
                    .find(&para)
                    .map_or(para.as_str(), |m| &para[..m.start() + 1]);
                if let Some(value) = answer_value(Field::RecoveryCodes, first_sentence) {
                    let boxed = ticked.iter().any(|t| t.starts_with(first_sentence.trim()));
                    out.offer(
                        Statement {
                            field: sec.field,
                            value,
                            excerpt: excerpt(&format!("{}: {first_sentence}", sec.label)),
                            // as strong as prose: a later sentence may correct it ("One
                            // correction to the box above: I do have the codes, …"); a
                            // ticked box, weaker: the text may override it (see `aside`)
                            strength: if boxed {
                                strength::ASIDE
                            } else {
                                strength::PROSE
                            },
                        },
                        pos,
                        &mut best,
                    );
                }
            }
            Field::OwnershipProof => {}
        }
    }

    // `Key: value` lines and `| Key | Value |` table rows outside headings.
    label_lines(
        &join_wrapped_items(&text),
        true,
        &mut out,
        &mut best,
        &mut pos,
    );
    // "Q: Password?" / "A: I know it.": the question names the field the answer gives
    question_answer_pairs(&text, &mut out, &mut best, &mut pos);
    // … and a `Key: value` sentence inside a line of prose ("… was only there. Usuario: lf.")
    let whole_lines: std::collections::HashSet<&str> = text.lines().map(str::trim).collect();
    let sents = answered_asides(sentences(&prose));
    let inline_labels: Vec<&str> = sents
        .iter()
        .flat_map(|s| s.split(';'))
        .map(str::trim)
        .filter(|s| !whole_lines.contains(s) && label_value(s).is_some())
        .collect();
    label_lines(
        &inline_labels.join("\n"),
        false,
        &mut out,
        &mut best,
        &mut pos,
    );

    // 2. Prose, sentence by sentence.
    // each reason sentence, and whether it states where the codes went (kept or lost)
    let mut reason: Vec<(&str, bool)> = Vec::new();
    let mut proof: Vec<&str> = Vec::new();
    let mut prev_codes_topic = false;
    let mut codes_seen = false;
    let mut prev_mail_topic = false;
    let mut prev_username_topic = false;
    // the previous sentence named a means of getting in ("… decided my phone needed a bath")
    let mut prev_reason_topic = false;
    // the previous sentence named the Code of Conduct ("We read the Code of Conduct together")
    let mut prev_conduct_topic = false;
    // … or the password ("I changed my PyPI password last year")
    let mut prev_password_topic = false;
    let codes_box = ticked.iter().any(|t| CODES_TOPIC.is_match(t));
    // the previous sentence asked the writer's own question about the codes ("Did I keep the
    // recovery codes anywhere else?")
    let mut prev_codes_question: Option<&str> = None;
    // … or corrected the account's name ("I gave you the wrong account name.")
    let mut prev_account_name_topic = false;
    // … or told of a notice that 2FA was added ("I got an email saying two factor
    // authentication was added to my account.")
    let mut prev_two_fa_notice: Option<&str> = None;
    for s in &sents {
        pos += 1;
        let s = cap(s);
        let boxed = {
            let core = s.trim_start_matches(['-', '*', ' ']).trim();
            core.len() > 3 && ticked.iter().any(|t| t.contains(core))
        };
        let lower = s.to_lowercase();
        let found = KEYWORDS.found(&lower);
        let has = |words: &[&str]| {
            KEYWORDS.bit(words).map_or_else(
                || words.iter().any(|w| lower.contains(w)),
                |b| found & b != 0,
            )
        };
        // "Does it matter that I never generated any codes?" asks about a fact it states
        let question = is_question(s) && !ASKS_ABOUT_A_FACT.is_match(s);
        // once the recovery codes were named, a bare "codes" later in the mail means them
        // … and so do codes said to be unused ("the other seven codes are still unused")
        let counted =
            has(rules::keywords::CODES) && LEFTOVER_CODES.is_match(s) && !APP_CODES.is_match(s);
        let codes_topic = has(rules::keywords::CODES)
            && (CODES_TOPIC.is_match(s)
                || counted
                || ((codes_seen || OPENS_WITH_CODES.is_match(s)) && BARE_CODES.is_match(s)));
        let mail_topic = has(rules::keywords::EMAIL) && MAIL_TOPIC.is_match(s);
        // "I tried the forgot password option": the name of a feature, not a forgotten password
        let named_feature = has(&["forgot"]) && FORGOT_FEATURE.is_match(s);
        let feature_free = named_feature.then(|| FORGOT_FEATURE.replace_all(s, "password-help"));
        let mut codes_whereabouts = false;
        // the sentence after one naming the Code of Conduct may agree to "it"
        let conduct_reading = (prev_conduct_topic && !has(rules::keywords::CODE_OF_CONDUCT))
            .then(|| FOLLOW_IT.replace_all(s, "$1 the code of conduct"))
            .filter(|r| matches!(r, std::borrow::Cow::Owned(_)))
            .map(|r| r.into_owned());
        prev_conduct_topic = CONDUCT.is_match(s);
        // "… The new one was saved only on the old laptop, so I do not know it any more": the
        // sentence after one naming the password may say it is known or forgotten
        let password_named = has(rules::keywords::PASSWORD) && names_the_password(s).is_some();
        let password_reading = (prev_password_topic && !password_named && !codes_topic)
            .then(|| it_as_password(s))
            .flatten();
        prev_password_topic = password_named;
        // "I need to check first and will get back to you": nothing stated yet
        if !question && !DEFERRAL.is_match(s) {
            let checks: [(Field, &Compiled, bool); 5] = [
                (
                    Field::EmailAccess,
                    &EMAIL,
                    (mail_topic || prev_mail_topic) && has(rules::keywords::EMAIL),
                ),
                (
                    Field::PasswordAccess,
                    &PASSWORD,
                    has(rules::keywords::PASSWORD) || password_reading.is_some(),
                ),
                (
                    Field::CodeOfConduct,
                    &COC,
                    has(rules::keywords::CODE_OF_CONDUCT) || conduct_reading.is_some(),
                ),
                (
                    Field::Acknowledgement,
                    &ACK,
                    has(rules::keywords::ACKNOWLEDGEMENT),
                ),
                (
                    Field::RecoveryCodes,
                    &CODES,
                    // the sentence after one about the codes may go on about them ("They were
                    // on the phone"), unless it turned to the mailbox ("it was on a domain
                    // that expired")
                    // … but not when it tries other secrets ("I tried all my old passwords and
                    // none of them gets accepted"), unless it names the recovery codes
                    if has(&["tried", "entered", "typed"]) && TRIED_OTHER_SECRETS.is_match(s) {
                        CODES_TOPIC.is_match(s)
                    } else {
                        codes_topic || (prev_codes_topic && !mail_topic)
                    },
                ),
            ];
            let base = feature_free.as_deref().unwrap_or(s);
            let mut reading = self_corrected(base)
                .or_else(|| uninverted(base))
                .or_else(|| aside_reading(base))
                .or_else(|| feature_free.as_deref().map(str::to_string));
            // once the recovery codes were named, "So I have no codes." means them
            if codes_topic && (codes_seen || counted) && !CODES_TOPIC.is_match(s) {
                let base = reading.as_deref().unwrap_or(s);
                reading = Some(BARE_CODES.replace(base, "recovery codes").into_owned());
            } else if (codes_topic || prev_codes_topic) && codes_seen && PYPI_ONES.is_match(s) {
                // "… holds GitHub's codes, not PyPI's. I never saved the PyPI ones."
                let base = reading.as_deref().unwrap_or(s);
                reading = Some(
                    PYPI_ONES
                        .replace_all(base, "the recovery codes")
                        .into_owned(),
                );
            } else if codes_topic {
                // … and so does "the codes" later in the sentence that named them ("The
                // recovery codes were in that notebook; … so I don't have the codes any more")
                let base = reading.as_deref().unwrap_or(s);
                if let Some(first) = CODES_TOPIC.find(base) {
                    let (head, tail) = base.split_at(first.end());
                    if DETERMINED_CODES.is_match(tail) {
                        let tail = DETERMINED_CODES.replace_all(tail, "$1 recovery codes");
                        reading = Some(format!("{head}{tail}"));
                    }
                }
            }
            // "… had the PyPI password saved, and I realised I don't remember it": "it" is the
            // password named earlier in the sentence (not a "password manager")
            if let Some(r) = password_for_it(reading.as_deref().unwrap_or(s)) {
                reading = Some(r);
            }
            let masked = mask_inner_dots(reading.as_deref().unwrap_or(s));
            let clauses = own_clauses(&masked);
            for (field, compiled, gate) in checks {
                // "My GitHub recovery codes are safe in my password manager": another site's
                // codes say nothing of PyPI's
                // "My old work mailbox, which is still the address on my GitHub account, was
                // closed": another site's mailbox says nothing of PyPI's
                if !gate
                    // "(TestPyPI is another story: that account still points at my old
                    // university address, which was switched off …)"
                    || (field != Field::CodeOfConduct
                        && field != Field::Acknowledgement
                        && (OTHER_ACCOUNTS_STORY
                            .find(s)
                            .is_some_and(|t| !CONTRAST_AFTER.is_match(&s[t.end()..]))
                            || OTHER_ACCOUNT_FINE.is_match(s)))
                    || (field == Field::EmailAccess
                        && !lower.contains("pypi")
                        && !lower.contains("registered")
                        && ANOTHER_SITES_MAILBOX.is_match(s))
                    || (field == Field::RecoveryCodes
                        && !lower.contains("pypi")
                        && ANOTHER_SITES_CODES.is_match(s)
                        && !THIS_SITES_TOO.is_match(s))
                {
                    continue;
                }
                // "… Maya agrees to follow it, and so do I": "it" is the Code of Conduct; "so I
                // do not know it any more": the password
                let pronoun_reading = match field {
                    Field::CodeOfConduct => &conduct_reading,
                    Field::PasswordAccess => &password_reading,
                    _ => &None,
                };
                if let Some(r) = pronoun_reading {
                    if let Some(value) = apply(compiled, r) {
                        out.offer(
                            Statement {
                                field,
                                value,
                                excerpt: excerpt(s),
                                strength: strength::PROSE,
                            },
                            pos,
                            &mut best,
                        );
                    }
                    continue;
                }
                // a list of facts, each in a clause of its own: the last clause that states
                // the field decides; the whole sentence when none does alone ("I'm fine with
                // the Code of Conduct, I agree to it, and …")
                let stated = clauses
                    .iter()
                    .rev()
                    .find_map(|c| apply(compiled, c))
                    .or_else(|| {
                        (clauses.len() > 1)
                            .then(|| apply(compiled, &masked))
                            .flatten()
                    });
                if let Some(value) = stated {
                    codes_whereabouts |= matches!(
                        value,
                        FieldValue::Codes(RecoveryCodes::Lost | RecoveryCodes::Available)
                    );
                    // the box yields to codes refused or used up; a word of having them (so
                    // often a misreading of where they were kept) only when it comes later
                    let aside = field == Field::RecoveryCodes
                        && (boxed
                            || (codes_box && value == FieldValue::Codes(RecoveryCodes::Available)));
                    out.offer(
                        Statement {
                            field,
                            value,
                            excerpt: excerpt(s),
                            strength: if aside {
                                strength::ASIDE
                            } else {
                                strength::PROSE
                            },
                        },
                        pos,
                        &mut best,
                    );
                }
            }
            if out.withdrawn.is_none()
                && has(rules::keywords::WITHDRAWN)
                && let Some(m) = own_withdrawal(s)
                && !negated(s, m.start(), m.end())
                && !yet_to_come(s, m.start(), m.as_str())
                // "got back in with a recovery code, and now I'm locked out again"
                && !LOCKED_OUT_AGAIN.is_match(&s[m.end()..])
                // "Replying from my phone since the OOO is on, please ignore that."
                && !(IGNORE_OR_DISREGARD.is_match(m.as_str())
                    && !NAMES_THE_REQUEST.is_match(m.as_str())
                    && NOT_THE_REQUEST.is_match(&s[..m.start()]))
            {
                out.withdrawn = Some(excerpt(s));
            }
        }
        // a question still names things ("how do I get my account foo back?"), but it states
        // no yes/no answer and no withdrawal
        let username_before = best.get(&Field::Username).copied();
        if has(rules::keywords::USERNAME) {
            // "my PyPI name is jnovak - ne, pardon, jnovak is my login on GitHub; on PyPI I am
            // jnovak-cz": the name from the correction on
            // (a correction of something else leaves the name before it: "My username is
            // jdoe42 and the codes are lost - no wait, I have them")
            let before = username_before;
            if let Some(r) = self_corrected(s) {
                username_in_prose(&r, pos, &mut out, &mut best);
            }
            if best.get(&Field::Username).copied() == before {
                username_in_prose(s, pos, &mut out, &mut best);
            }
        }
        if prev_username_topic
            && let Some(c) = IT_IS_NAME.captures(s)
            && let Ok(u) = clean_username(&c[1])
            && (!prev_account_name_topic || looks_like_a_name(&c[1]))
            && best.get(&Field::Username).copied() == username_before
        {
            out.offer(
                Statement {
                    field: Field::Username,
                    value: FieldValue::Text(u),
                    excerpt: excerpt(s),
                    strength: strength::EXPLICIT,
                },
                pos,
                &mut best,
            );
        }
        // "Did I keep the recovery codes anywhere else? Sadly not."
        if let Some(q) = prev_codes_question
            && SELF_ANSWER_NO.is_match(s)
        {
            out.offer(
                Statement {
                    field: Field::RecoveryCodes,
                    value: FieldValue::Codes(RecoveryCodes::Lost),
                    excerpt: excerpt(&format!("{q} {s}")),
                    strength: strength::PROSE,
                },
                pos,
                &mut best,
            );
        }
        prev_codes_question =
            (SELF_ASKED_CODES.is_match(s) && !SITE_NAMED.is_match(s)).then_some(s);
        // "I gave you the wrong account name." (then "It's r-pritchard, with a hyphen")
        prev_account_name_topic = !lower.contains("username")
            && !lower.contains("user name")
            && WRONG_ACCOUNT_NAME.is_match(s);
        prev_username_topic =
            lower.contains("username") || lower.contains("user name") || prev_account_name_topic;
        let reason_text = feature_free.as_deref().unwrap_or(s);
        // "It's been dead since Saturday": the cause, its subject named the sentence before
        let continues_topic = prev_reason_topic
            && PRONOUN_SUBJECT.is_match(reason_text)
            && DEVICE_FAILURE.is_match(reason_text);
        prev_reason_topic = REASON_TOPIC.is_match(s);
        if has(rules::keywords::REASON) && is_reason_in(reason_text, continues_topic) {
            // "Recovery codes: the download went to the laptop IT reimaged" is about the codes;
            // "My phone was stolen, and the codes were on it" is about the phone
            reason.push((s, codes_whereabouts && OPENS_ON_CODES.is_match(s)));
        }
        if let Some(m) = OWNERSHIP
            .find(s)
            .filter(|_| proof.len() < 3 && has(rules::keywords::OWNERSHIP))
            && !negated(s, m.start(), m.end())
            // "I am the owner of the account" claims it; only a sentence that also names
            // something else of theirs offers proof
            && (!OWNER_OF_ACCOUNT.is_match(s) || PROOF_OBJECT.is_match(s))
            // "About the recovery codes in your list: those are mine, for my account hbrandt"
            && !(CODES_TOPIC.is_match(s) && PRONOUN_MINE.is_match(m.as_str()))
            // "This is one of them, so you can check it on your side: [redacted 16-hex code]": a
            // secret shown is no proof of ownership
            && !s.contains("[redacted")
        {
            proof.push(s);
        }
        if out.suspected_compromise.is_none()
            && has(rules::keywords::COMPROMISE)
            && let Some(m) = own_takeover(s)
            && !negated(s, m.start(), m.end())
            && !someone_elses_account(s, m.start(), m.end())
        {
            out.suspected_compromise = Some(excerpt(s));
        }
        // "I got an email saying two factor authentication was added to my account. I never
        // turned it on."
        if out.suspected_compromise.is_none()
            && let Some(notice) = prev_two_fa_notice
            && NEVER_TURNED_IT_ON.is_match(s)
        {
            out.suspected_compromise = Some(excerpt(&format!("{notice} {s}")));
        }
        prev_two_fa_notice =
            (TWO_FA_NOTICE.is_match(s) && !ADDED_KNOWINGLY.is_match(s)).then_some(s);
        if out.testpypi.is_none()
            && lower.contains("test")
            && let Some(m) = TESTPYPI.find(s)
            // "it is not about TestPyPI", "I don't have a TestPyPI account" (but "I cannot log in
            // to test.pypi.org" is about it: the negation is the trouble, not the account)
            && !(NOT_TESTPYPI.is_match(&s[..m.start()])
                // "I don't have a TestPyPI account" denies the account; "I have no TestPyPI
                // recovery codes" speaks of its codes
                && (!NOT_HAVING.is_match(&s[..m.start()]) || JUST_THE_ACCOUNT.is_match(&s[m.end()..])))
            // "my account on test.pypi.org is no problem, only the real one is"
            && !NO_PROBLEM_THERE.is_match(&s[m.end()..])
        {
            out.testpypi = Some(excerpt(s));
        }
        // the codes stay the topic while the next sentences go on about "them"
        prev_codes_topic =
            codes_topic || (prev_codes_topic && !mail_topic && BACK_REFERENCE.is_match(s));
        codes_seen |= codes_topic;
        prev_mail_topic = mail_topic;
    }
    // A sentence on where the codes went ("the download went to the laptop IT reimaged") is
    // the codes field; it is the reason only when no sentence tells the cause otherwise.
    let cause_told = reason.iter().any(|(_, codes)| !codes);
    // "Could you reset the 2FA on the account?" asks; it tells a cause only when nothing else does
    let asks = |s: &str| s.trim_end().ends_with('?') && ASKS_US.is_match(s);
    let told_not_asked = reason.iter().any(|(s, _)| !asks(s));
    let reason: Vec<&str> = reason
        .into_iter()
        .filter(|(_, codes)| !cause_told || !codes)
        .map(|(s, _)| s)
        .filter(|s| !told_not_asked || !asks(s))
        .take(3)
        .collect();
    if !reason.is_empty() && out.withdrawn.is_none() {
        let joined = reason.join(" ");
        // "hi, my 4 year old reset my phone": the greeting is no part of the cause
        let value = excerpt(
            LEADING_GREETING
                .find(&joined)
                .map_or(&joined, |g| &joined[g.end()..]),
        );
        pos += 1;
        out.offer(
            Statement {
                field: Field::Reason,
                value: FieldValue::Text(value.clone()),
                excerpt: value,
                strength: strength::PROSE,
            },
            pos,
            &mut best,
        );
    }
    if !proof.is_empty() {
        let value = excerpt(&proof.join(" "));
        pos += 1;
        out.offer(
            Statement {
                field: Field::OwnershipProof,
                value: FieldValue::Text(value.clone()),
                excerpt: value,
                strength: strength::PROSE,
            },
            pos,
            &mut best,
        );
    }

    // A bare "user NAME" line ("…anymore.\nuser npapad\nNikos"), and a chat-style correction
    // ("*denizyld – typo in my username above"): read line by line too.
    for line in &prose {
        let line = line.trim();
        let found = [
            (
                &*STAR_CORRECTION,
                strength::EXPLICIT,
                line.to_lowercase().contains("name"),
            ),
            (&*USER_BARE_LINE, strength::PROSE, true),
        ];
        for (re, strength, applies) in found {
            if applies
                && let Some(c) = re.captures(line)
                && let Ok(u) = clean_username(&c[1])
            {
                pos += 1;
                out.offer(
                    Statement {
                        field: Field::Username,
                        value: FieldValue::Text(u),
                        excerpt: excerpt(line),
                        strength,
                    },
                    pos,
                    &mut best,
                );
            }
        }
    }

    // 3. The subject.
    if !best.contains_key(&Field::Username) {
        let found = std::iter::once(&*PROFILE_LINK)
            .chain(SUBJECT_USER.iter())
            .find_map(|re| {
                re.captures_iter(&subject)
                    .filter_map(|c| c.get(1).or(c.get(2)))
                    .find_map(|m| clean_username(m.as_str()).ok())
            });
        if let Some(u) = found {
            out.offer(
                Statement {
                    field: Field::Username,
                    value: FieldValue::Text(u),
                    excerpt: excerpt(&format!("Subject: {subject}")),
                    strength: strength::SUBJECT,
                },
                0,
                &mut best,
            );
        }
    }
    if out.testpypi.is_none() && TESTPYPI.is_match(&subject) {
        out.testpypi = Some(excerpt(&format!("Subject: {subject}")));
    }
    // "… a separate account on test.pypi.org …, so please leave TestPyPI out of this"
    if out.testpypi.is_some()
        && (sents.iter().any(|s| TESTPYPI_LEFT_OUT.is_match(s))
            || TESTPYPI_LEFT_OUT.is_match(&subject))
    {
        out.testpypi = None;
    }

    out.numbered = numbered_with_wrapped_lines(&text);
    out.statements.sort_by_key(|s| s.field);
    out
}

/// A sentence that asks rather than states. "… comes back as invalid??" is an exclamation: a
/// doubled mark counts as a question only after a question word.
fn is_question(s: &str) -> bool {
    let t = s.trim_end();
    if !t.ends_with('?') {
        return false;
    }
    // "I still know my password if that is what you need?": a statement with a tag asking
    // whether it is what we wanted
    if let Some(tag) = TAG_QUESTION.find(t) {
        let head = t[..tag.start()].trim();
        // the clause the tag hangs on: "I'm not sure what you mean - *I still know my password*"
        let clause = head
            .rsplit([',', ';', ':', '–', '—'])
            .next()
            .unwrap_or(head);
        let clause = clause.rsplit(" - ").next().unwrap_or(clause);
        let words = lower_words(clause);
        // "Do I need my password, is that what you mean?", "If I still know it, is that
        // enough?", "So you're asking whether …", "I should still know it, is that what you need?"
        let first = words
            .iter()
            .find(|w| !rules::FILLER_OPENERS.contains(&w.as_str()))
            .map_or("", |w| w.as_str());
        // "Agreeing to it, is that what you need?", "Couldn't I just agree, would that help?"
        let asks = rules::ASKING_OPENERS.contains(&first)
            || first.ends_with("ing")
            || first.ends_with("n't")
            || words
                .iter()
                .any(|w| ["should", "supposed", "whether"].contains(&w.as_str()));
        if !head.is_empty() && !head.contains('?') && !asks {
            return false;
        }
    }
    if states_before_asking(t) {
        return false;
    }
    if !(t.ends_with("??") || t.ends_with("?!?")) {
        return true;
    }
    let first = t
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    rules::QUESTION_WORDS.contains(&first.as_str())
}

/// A sentence that states something in its first clause and only then hedges about what the
/// writer would rather do: "I've got my recovery codes in Bitwarden, all unused, but I'd rather
/// not burn one if this is something on your side?". The first clause is a statement whatever
/// the question mark at the end says; "I lost my phone, but if I still know my password, does
/// that help?" stays a question.
fn states_before_asking(t: &str) -> bool {
    let Some((first, rest)) = t.split_once(',') else {
        return false;
    };
    let words = lower_words(first);
    words.len() >= 4
        && ["i", "i've", "i'm", "my", "we", "we've"].contains(&words[0].as_str())
        && !words
            .iter()
            .take(3)
            .any(|w| rules::ASKING_OPENERS.contains(&w.as_str()))
        && RATHER_NOT.is_match(rest)
}

/// A hedge about what the writer would rather do: "…, but I'd rather not burn one if …?"
static RATHER_NOT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^[^?]{0,40}?\bbut\s+i(?:'d|\s+would)\s+(?:rather|prefer|like)\b|^[^?]{0,40}?\bbut\s+i\s+(?:don't|do\s+not)\s+want\s+to\b",
    )
});

/// The numbered answers of a text, each with the lines its sentence was wrapped onto: "1. The
/// codes: I thought I got in with one of them" / "this morning - … On PyPI itself every code
/// is refused." is one answer. A line that ends a sentence ends the answer.
fn numbered_with_wrapped_lines(text: &str) -> Vec<Numbered> {
    let mut out: Vec<Numbered> = Vec::new();
    let mut open = false; // the last answer's sentence goes on onto the next line
    let lines: Vec<&str> = text.lines().collect();
    let bare_lines = bare_numbered_lines(&lines);
    for (line, bare) in lines.iter().zip(&bare_lines) {
        let mut found = numbered_answers(line);
        if found.is_empty() {
            found.extend(bare.clone());
        }
        let t = line.trim();
        if !found.is_empty() {
            out.extend(found);
        } else if open
            && !t.is_empty()
            && !t.starts_with(['-', '*', '•', '>'])
            && !STARTS_NUMBERED.is_match(t)
            && let Some(last) = out.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(t);
        } else {
            open = false;
            continue;
        }
        open = !t.is_empty() && !t.ends_with(['.', '!', '?']);
    }
    out
}

/// Lines that each open with a bare number, from 1 on and in turn, one under the other, each a
/// short answer and most of them a yes or no: "1 yes I still get the pypi emails" /
/// "2 I never saved them" / "3 yes I agree". Alone, "2 I never saved them" could be anything;
/// in such a run it answers question 2.
fn bare_numbered_lines(lines: &[&str]) -> Vec<Option<Numbered>> {
    let mut out = vec![None; lines.len()];
    let numbered = |l: &str| {
        let c = NUMBERED_BARE.captures(l)?;
        let n: u32 = c[1].parse().ok()?;
        (c[2].split_whitespace().count() <= 12).then(|| Numbered {
            n,
            text: c[2].trim().to_string(),
        })
    };
    let mut i = 0;
    while i < lines.len() {
        let mut run: Vec<Numbered> = Vec::new();
        while let Some(n) = lines.get(i + run.len()).and_then(|l| numbered(l)) {
            if n.n != run.len() as u32 + 1 {
                break;
            }
            run.push(n);
        }
        // (most of them a yes or a no: "1 I opened the login page" / … / "4 no luck" is a list
        // of steps)
        let yes_no = run.iter().filter(|n| is_bare_answer(&n.text)).count();
        if run.len() >= 2 && yes_no * 2 > run.len() {
            for (k, n) in run.iter().enumerate() {
                out[i + k] = Some(n.clone());
            }
        }
        i += run.len().max(1);
    }
    out
}

/// A line opening with a number of its own ("#2 I'll get back to you"), even one not read as an
/// answer: no continuation of the answer before.
static STARTS_NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:#|(?i:q|no\.?)\s*)?[(\[]?\d{1,2}\b").expect("valid"));

/// The numbered answers one line gives: "2. lost", "(2) lost", "re 2: lost", "3 yes",
/// "1-3: yes" (one answer to each), "Second: lost".
fn numbered_answers(line: &str) -> Vec<Numbered> {
    // "1) yes 2) no, never saved them 3) yes": several answers on one line, numbered in turn
    let marks: Vec<(usize, u32)> = RUN_MARK
        .captures_iter(line)
        .filter_map(|c| Some((c.get(1)?.start(), c[2].parse().ok()?)))
        .collect();
    // short pieces only: "1. I lost my phone on the bus on May 2. Then …" is one answer
    let words = |a: usize, b: usize| line[a..b].split_whitespace().count();
    let after_month = |at: usize| {
        let word = line[..at]
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        MONTHS.iter().any(|m| word.starts_with(m))
    };
    let run = marks.len() >= 2
        && line[..marks[0].0].trim().is_empty()
        && !marks.iter().skip(1).any(|m| after_month(m.0))
        && marks.windows(2).all(|w| w[1].1 == w[0].1 + 1)
        && marks.windows(2).all(|w| words(w[0].0, w[1].0) <= 12)
        && (marks.len() > 2 || words(marks[0].0, marks[1].0) <= 6);
    if run {
        let mut out = Vec::new();
        for (i, (start, _)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(line.len(), |m| m.0);
            out.extend(numbered_answers_one(&line[*start..end]));
        }
        return out;
    }
    // "1 yes same addr 2 nah never saved em 3 ok 4 yep": bare numbers from 1 on, in turn, each
    // before a short answer
    let bare: Vec<(usize, usize, u32)> = BARE_RUN_MARK
        .captures_iter(line)
        .filter_map(|c| {
            let m = c.get(1)?;
            Some((m.start(), m.end(), c[2].parse().ok()?))
        })
        .collect();
    if bare.len() >= 3
        && bare[0].2 == 1
        && line[..bare[0].0].trim().is_empty()
        && bare.windows(2).all(|w| w[1].2 == w[0].2 + 1)
        // (with four numbers or more in turn, a longer answer between: "1 yes 2 finished, i
        // used all of them before 3 yes 4 yes")
        && bare
            .windows(2)
            .all(|w| words(w[0].1, w[1].0) <= if bare.len() >= 4 { 12 } else { 6 })
        && words(bare[bare.len() - 1].1, line.len()) <= if bare.len() >= 4 { 12 } else { 6 }
    {
        return bare
            .iter()
            .enumerate()
            .map(|(i, (_, text_start, n))| Numbered {
                n: *n,
                text: line[*text_start..bare.get(i + 1).map_or(line.len(), |m| m.0)]
                    .trim()
                    .to_string(),
            })
            .collect();
    }
    // "codes - never made any lol. 2 yes": a bare number and a short yes or no after the
    // line's last sentence
    if let Some(c) = TAIL_BARE.captures(line)
        && (YES.is_match(&c[2]) || TAIL_NO.is_match(&c[2]))
        && c[2].split_whitespace().count() <= 6
        && let (Some(at), Ok(n)) = (c.get(1), c[1].parse())
    {
        let mut out = numbered_answers_one(&line[..at.start()]);
        out.push(Numbered {
            n,
            text: c[2].trim().to_string(),
        });
        return out;
    }
    numbered_answers_one(line)
}

/// A plain no after a bare number (not "no luck", "no idea").
static TAIL_NO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:no|nope|nah|not\s+really)\s*[.!,]?\s*$").expect("valid"));
/// A bare answer number after a sentence's end, closing the line: "… lol. 2 yes".
static TAIL_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?]\s+([1-9])\s+([A-Za-z][^.!?]*?)\s*[.!]*\s*$").expect("valid")
});

/// A bare answer number inside a line: "2" before a word ("… 2 nah never saved em").
static BARE_RUN_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(([1-9])\s+)[A-Za-z]").expect("valid"));

/// Month names (their first three letters), before which a number is a date.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Where a numbered answer starts inside a line: "2)" or "2." after a space.
static RUN_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\(?(\d{1,2})[.)]\s)").expect("valid"));

fn numbered_answers_one(line: &str) -> Vec<Numbered> {
    let one = |n: Option<u32>, text: &str| {
        n.map(|n| Numbered {
            n,
            text: text.trim().to_string(),
        })
    };
    if let Some(c) = NUMBERED_RANGE.captures(line) {
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        if (1..=b).contains(&a) && b - a < 10 {
            return (a..=b).filter_map(|n| one(Some(n), &c[3])).collect();
        }
    }
    if let Some(c) = NUMBERED_NAMED.captures(line) {
        return one(c[1].parse().ok(), &c[2]).into_iter().collect();
    }
    if let Some(c) = NUMBERED_TABLE_ROW.captures(line) {
        return one(c[1].parse().ok(), &c[2]).into_iter().collect();
    }
    if let Some(c) = NUMBERED.captures(line) {
        return one(c[1].parse().ok(), &c[2]).into_iter().collect();
    }
    if let Some(c) = NUMBERED_BARE
        .captures(line)
        .filter(|c| is_bare_answer(&c[2]))
    {
        return one(c[1].parse().ok(), &c[2]).into_iter().collect();
    }
    if let Some(c) = NUMBERED_ORDINAL.captures(line) {
        return one(ordinal(&c[1]), &c[2]).into_iter().collect();
    }
    Vec::new()
}

/// At most [`rules::MAX_SENTENCE`] bytes of a sentence, cut at a character boundary.
fn cap(s: &str) -> &str {
    if s.len() <= rules::MAX_SENTENCE {
        return s;
    }
    let mut end = rules::MAX_SENTENCE;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A form value that says nothing ("_No response_", "n/a").
fn is_placeholder(value: &str) -> bool {
    let v = value
        .trim()
        .trim_matches(|c: char| c == '*' || c == '`')
        .to_lowercase();
    rules::FORM_PLACEHOLDERS.contains(&v.as_str())
}

/// A form pasted as lines of "Label" then "value" (an HTML table turned into text) becomes
/// "Label: value" lines, so it reads like any other `Key: value` form. Boxes under a label give
/// it the ticked one's text; an unticked box is no value ("Acknowledgement" / "[ ] I understand
/// …" states nothing).
fn join_label_pairs(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if !lines.iter().any(|l| form_field(l.trim()).is_some()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let field = (!line.is_empty() && line.len() <= 40 && !line.contains(':'))
            .then(|| form_field(line))
            .flatten();
        let is_label = field.is_some();
        // "Email access" / "[ ] Yes" / "[x] No": the ticked box answers the label; with none
        // ticked, the writer's own line after the boxes does ("Code of Conduct" / "[ ] I agree
        // …" / "" / "I do agree, the box just didn't get ticked")
        if is_label && CHECKBOX.is_match(next) {
            let boxes_end = (i + 1..lines.len())
                .find(|&j| !CHECKBOX.is_match(lines[j]))
                .unwrap_or(lines.len());
            let ticked = lines[i + 1..boxes_end]
                .iter()
                .filter_map(|l| CHECKBOX.captures(l))
                .find(|c| !c[1].is_empty())
                .map(|c| c[2].trim().to_string());
            let after =
                (boxes_end..lines.len().min(boxes_end + 2)).find(|&k| !lines[k].trim().is_empty());
            let own_line = after.map(|k| lines[k].trim()).filter(|l| {
                field.is_some_and(|f| speaks_of(f, l))
                    && l.len() <= 160
                    && form_field(l).is_none()
                    && !l.contains("###")
                    && !CHECKBOX.is_match(l)
                    && !HEADING.is_match(l)
            });
            match (ticked, own_line) {
                (Some(t), _) => {
                    out.push_str(&format!("{line}: {t}\n"));
                    i = boxes_end;
                }
                (None, Some(own)) => {
                    out.push_str(&format!("{line}: {own}\n"));
                    i = after.map_or(boxes_end, |k| k + 1);
                }
                // a bare label over unticked boxes states nothing (and must not run into the
                // next line's sentence)
                (None, None) => i = boxes_end,
            }
            continue;
        }
        if is_label
            && !next.is_empty()
            && next.len() <= 160
            && form_field(next).is_none()
            && !next.contains("###")
        {
            out.push_str(line);
            out.push_str(": ");
            out.push_str(next);
            out.push('\n');
            i += 2;
            continue;
        }
        out.push_str(lines[i]);
        out.push('\n');
        i += 1;
    }
    out
}

/// Whether a line speaks of a field's topic (a writer's own answer under a label's unticked
/// boxes: "I do agree, the box just didn't get ticked"; not "My phone was stolen.").
fn speaks_of(field: Field, line: &str) -> bool {
    let l = line.to_lowercase();
    let words: &[&str] = match field {
        Field::CodeOfConduct => &["conduct", "coc", "agree", "follow"],
        Field::Acknowledgement => &["time", "wait", "understand", "while", "patien"],
        Field::RecoveryCodes => &["code", "them", "never saved", "lost"],
        Field::EmailAccess => &["mail", "inbox", "address"],
        Field::PasswordAccess => &["pass", "pw", "credential"],
        _ => &[],
    };
    words.iter().any(|w| l.contains(w))
}

/// The field a form label names. Possessives, prepositions and the site's name are dropped
/// first, so "Mi usuario de PyPI", "PyPI username" and "Username" all name `username`.
fn form_field(label: &str) -> Option<Field> {
    let label = label.to_lowercase();
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty() && !rules::LABEL_NOISE.contains(w))
        .collect();
    let key = words.join(" ");
    rules::FORM_LABELS
        .iter()
        .find(|(l, _)| *l == key)
        .map(|(_, f)| *f)
}

/// `Key: value` lines and `| Key | Value |` table rows: the value answers the labelled field.
/// With `hyphens`, `key - value` on a line that starts fresh too (not for sentences taken out
/// of prose).
fn label_lines(
    text: &str,
    hyphens: bool,
    out: &mut Extraction,
    best: &mut BTreeMap<Field, (u8, usize)>,
    pos: &mut usize,
) {
    let mut prev: Option<&str> = None;
    let mut prev_gave_field = false;
    let mut prev_was_label = false;
    for line in text.lines() {
        // a run of `label - value` lines: each starts fresh, wrapped or not ("reason - 2fa was
        // on company phone … so cant get otp" / "recovery codes - dont have")
        let fresh = hyphens && (starts_fresh(prev, prev_gave_field) || prev_was_label);
        let found = form_label(line, fresh);
        prev = Some(line);
        prev_gave_field = found.is_some_and(|(_, v)| value_is_whole(v));
        prev_was_label = found.is_some();
        let Some((field, value)) = found else {
            continue;
        };
        if value.is_empty()
            || (is_placeholder(value)
                && matches!(
                    field,
                    Field::Username | Field::Reason | Field::OwnershipProof
                ))
        {
            continue;
        }
        *pos += 1;
        let value = match field {
            Field::Username => {
                match clean_username(value.split_whitespace().next().unwrap_or("")) {
                    Ok(u) => FieldValue::Text(u),
                    Err(email) => {
                        out.claimed_email = out.claimed_email.take().or(email);
                        continue;
                    }
                }
            }
            Field::Reason if value.split_whitespace().count() >= 2 && names_a_cause(value) => {
                FieldValue::Text(excerpt(value))
            }
            Field::OwnershipProof if value.split_whitespace().count() >= 2 => {
                FieldValue::Text(excerpt(value))
            }
            Field::Reason | Field::OwnershipProof => continue,
            _ => match answer_value(field, value) {
                Some(v) => v,
                None => continue,
            },
        };
        out.offer(
            Statement {
                field,
                value,
                excerpt: excerpt(line.trim()),
                strength: strength::EXPLICIT,
            },
            *pos,
            best,
        );
    }
}

/// Pairs of a question and its answer the writer laid out themselves ("Q: Recovery codes?" then
/// "A: never saved them"; "S2 / Q2 - Code of Conduct:" then "C / A - Evet. Yes, I agree"): the
/// question's words say which field the answer gives, read as an answer to that field.
fn question_answer_pairs(
    text: &str,
    out: &mut Extraction,
    best: &mut BTreeMap<Field, (u8, usize)>,
    pos: &mut usize,
) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for pair in lines.windows(2) {
        let (Some(q), Some(a)) = (
            QUESTION_LINE.captures(pair[0]),
            ANSWER_LINE.captures(pair[1]),
        ) else {
            continue;
        };
        let Some(field) = question_topic(&q[1]) else {
            continue;
        };
        let answer = a[1].trim();
        let value = match field {
            Field::Username => match answer.split_whitespace().collect::<Vec<_>>()[..] {
                [one] => clean_username(one).ok().map(FieldValue::Text),
                _ => None,
            },
            Field::Reason if names_a_cause(answer) => Some(FieldValue::Text(excerpt(answer))),
            Field::OwnershipProof if answer.split_whitespace().count() >= 2 => {
                Some(FieldValue::Text(excerpt(answer)))
            }
            Field::Reason | Field::OwnershipProof => None,
            _ => answer_value(field, answer),
        };
        if let Some(value) = value {
            *pos += 1;
            out.offer(
                Statement {
                    field,
                    value,
                    excerpt: excerpt(&format!("{} {}", pair[0].trim(), pair[1].trim())),
                    strength: strength::ANSWER,
                },
                *pos,
                best,
            );
        }
    }
}

static QUESTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:q|s|question|frage|pregunta|soru)\s*\d{0,2}(?:\s*/\s*q\s*\d{0,2})?\s*[:.)\-–]\s*(.+?)\s*$",
    )
});
static ANSWER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?:a|c|r|answer|antwort|respuesta|cevap)\s*\d{0,2}(?:\s*/\s*a\s*\d{0,2})?\s*[:.)\-–]\s*(.+?)\s*$",
    )
});

/// Splits a `Key: value` line or a `| Key | Value |` table row.
fn label_value(line: &str) -> Option<(&str, &str)> {
    if let Some(c) = TABLE_ROW.captures(line) {
        let (k, v) = (c.get(1)?.as_str().trim(), c.get(2)?.as_str().trim());
        return (!k.starts_with('-') && !v.starts_with("---")).then_some((k, v));
    }
    let c = LABEL_LINE
        .captures(line)
        .or_else(|| DASH_LABEL.captures(line))?;
    Some((c.get(1)?.as_str().trim(), c.get(2)?.as_str().trim()))
}

fn strip_label<'a>(value: &'a str, label: &str) -> &'a str {
    let v = value.trim();
    if v.len() > label.len()
        && v[..label.len()].eq_ignore_ascii_case(label)
        && v[label.len()..].trim_start().starts_with(':')
    {
        v[label.len()..].trim_start()[1..].trim()
    } else {
        v
    }
}

fn yes_no(text: &str) -> Option<bool> {
    if NEVER_MIND.is_match(text) {
        None
    } else if NO_BOTHER.is_match(text) {
        Some(true)
    } else if NO_RUSH.is_match(text) {
        None // agrees only to the review time (see `answer_value`)
    } else if NO.is_match(text) {
        Some(false)
    } else if YES.is_match(text) {
        Some(true)
    } else {
        None
    }
}

/// A form's reason answer states a cause or names the means of getting in ("I lost my phone",
/// "the authenticator was only on that laptop"), not only a plea ("I cannot log in, please
/// help"): fields.md wants null then.
fn names_a_cause(value: &str) -> bool {
    is_reason(value) || REASON_CAUSE.is_match(value) || REASON_TOPIC.is_match(value)
}

fn is_reason(s: &str) -> bool {
    is_reason_in(s, false)
}

/// "It's been dead since Saturday", "They were wiped too": a sentence whose subject stands for
/// what the sentence before named.
static PRONOUN_SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^\W*(?:it|it's|its|they|they're|the\s+thing|the\s+poor\s+thing)\b"));

/// What befalls a device, said of "it" in the sentence after the device was named.
static DEVICE_FAILURE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:dead|died|broke|broken|smashed|shattered|cracked|drowned|stolen|lost|wiped|bricked|fried|won'?t\s+(?:turn\s+on|charge|boot|start)|(?:doesn'?t|does\s+not)\s+(?:turn\s+on|charge|boot|start))\b",
    )
});

/// [`is_reason`], with the means of getting in already named (`topic_given`) by the sentence
/// before.
fn is_reason_in(s: &str, topic_given: bool) -> bool {
    // a suspected takeover is a cause (fields.md, `reason`)
    if let Some(m) = own_takeover(s)
        && !negated(s, m.start(), m.end())
    {
        return true;
    }
    // "I got back in" is no cause; "the key has not been recovered" is no getting back in
    if let Some(m) = own_withdrawal(s)
        && !LOCKED_OUT_AGAIN.is_match(&s[m.end()..])
        && !negated(s, m.start(), m.end())
        && !yet_to_come(s, m.start(), m.as_str())
    {
        return false;
    }
    // The means of getting in must be named, other than the recovery codes themselves: a
    // sentence only about the codes ("I never generated or have lost access to the recovery
    // codes") states the codes field; about the codes only their being refused is a cause.
    let codes: Vec<(usize, usize)> = CODES_TOPIC
        .find_iter(s)
        .map(|m| (m.start(), m.end()))
        .collect();
    // "the Code of Conduct" names no means of getting in either
    let conduct: Vec<(usize, usize)> = CONDUCT.find_iter(s).map(|m| (m.start(), m.end())).collect();
    let other_topic = REASON_TOPIC.find_iter(s).any(|t| {
        !codes
            .iter()
            .chain(&conduct)
            .any(|(a, b)| t.start() >= *a && t.end() <= *b)
    });
    if !other_topic && !topic_given && (codes.is_empty() || !CODES_REFUSED.is_match(s)) {
        return false;
    }
    // "I never lost anything" is no cause; a negated cause word alone does not make a reason,
    // unless the negation is the cause itself ("did not migrate", "no longer have"). Words after
    // a cause do not negate it ("my phone broke and I have no 2FA anymore").
    REASON_CAUSE.find_iter(s).any(|cause| {
        !negated_before(s, cause.start()) || cause.as_str().to_lowercase().starts_with(['d', 'n'])
    })
}

/// Recovery codes refused by the site: a cause of its own (fields.md lists "codes rejected").
static CODES_REFUSED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:reject(?:s|ed)?|refus(?:es|ed)|invalid|(?:do|does|did)(?:n't|\s+not)\s+work|not\s+work(?:ing)?|not\s+accepted|(?:not|no\s+longer)\s+valid|(?:aren't|weren't|isn't|wasn't)\s+(?:working|accepted|valid))\b",
    )
});

fn username_in_prose(
    s: &str,
    pos: usize,
    out: &mut Extraction,
    best: &mut BTreeMap<Field, (u8, usize)>,
) {
    let mut offer =
        |m: regex::Match, strength: u8, out: &mut Extraction| match clean_username(m.as_str()) {
            // "account is jihoon.kim@naver.example": the name stops at the `@` of an address
            Ok(_) if s[m.end()..].starts_with('@') => {}
            // "my account: https://pypi.org/user/x/": a link's scheme is no name (the link is
            // read by PROFILE_LINK)
            Ok(_) if s[m.end()..].starts_with("://") => {}
            Ok(u) => out.offer(
                Statement {
                    field: Field::Username,
                    value: FieldValue::Text(u),
                    excerpt: excerpt(s),
                    strength,
                },
                pos,
                best,
            ),
            Err(email) => out.claimed_email = out.claimed_email.take().or(email),
        };
    for c in USERNAME_IS.captures_iter(s) {
        let qualifier = c
            .get(1)
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        if qualifier.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
            rules::OTHER_SERVICES.contains(&w)
                || rules::OTHER_PEOPLE.contains(&w)
                || ((w.ends_with("'s") || w.ends_with("s'")) && w != "it's")
        }) {
            continue;
        }
        let m = c.get(2).expect("group 2 exists");
        if negated(s, m.start(), m.end()) && !s[..m.start()].to_lowercase().contains("actually") {
            continue;
        }
        offer(m, strength::EXPLICIT, out);
    }
    for c in USER_IS.captures_iter(s) {
        offer(c.get(1).expect("group 1 exists"), strength::EXPLICIT, out);
    }
    for c in USER_BARE.captures_iter(s) {
        offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
    }
    for c in PROFILE_LINK.captures_iter(s) {
        // "he still has the password for our shared lab account (https://pypi.org/user/x/)":
        // a link to another person's or a shared account yields to one to the writer's own
        let strength = if anothers_account(s, c.get(0).expect("group 0 exists").start()) {
            strength::PROSE
        } else {
            strength::EXPLICIT
        };
        offer(c.get(1).expect("group 1 exists"), strength, out);
    }
    // "… a shared CI account, `hoysala-ci`, and that one is fine", "My test account "kd-test"
    // works": an account said to be fine is not the one the request is about
    let prose = |c: &regex::Captures| {
        if NAMED_AS_FINE.is_match(&s[c.get(0).expect("group 0 exists").end()..]) {
            strength::ASIDE
        } else {
            strength::PROSE
        }
    };
    for c in ACCOUNT_QUOTED.captures_iter(s) {
        // "My colleague's account, "ferrand-lab", is a separate organisation account"
        if possessed_by_another(s, c.get(0).expect("group 0 exists").start())
            && NOT_THE_ONE.is_match(&s[c.get(1).expect("group 1 exists").end()..])
        {
            continue;
        }
        offer(c.get(1).expect("group 1 exists"), prose(&c), out);
    }
    for c in PYPI_ACCOUNT.captures_iter(s) {
        // "PyPI account: x", "PyPI account 'x'" name it; after a bare space only a name-like
        // word or one that ends the phrase does ("my PyPI account lock ho gaya" does not)
        let introduced = !c[1].trim().is_empty() || !c[2].is_empty();
        if introduced || looks_like_a_name(&c[3]) || (c.get(4).is_some() && plain_name(&c[3])) {
            offer(c.get(3).expect("group 3 exists"), prose(&c), out);
        }
    }
    for c in PYPI_LOGIN.captures_iter(s) {
        if looks_like_a_name(&c[1]) {
            offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
        }
    }
    for c in ACCOUNT_ASIDE
        .captures_iter(s)
        .chain(ACCOUNT_LAST.captures_iter(s))
    {
        // "my account (pypi.org)" names the site
        if plain_name(&c[1]) && !c[1].to_lowercase().contains("pypi") {
            offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
        }
    }
    for c in MY_ACCOUNT.captures_iter(s) {
        // "my account jdoe_42" looks like a name; a plain word only where a name would end the
        // phrase ("my account mfrost.", "my account mfrost is locked"), and never a common word
        if looks_like_a_name(&c[1]) || (c.get(2).is_some() && plain_name(&c[1])) {
            offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
        }
    }
    for c in I_AM_ON_PYPI.captures_iter(s) {
        let on_pypi = c.get(2).is_some();
        if looks_like_a_name(&c[1]) || (on_pypi && plain_name(&c[1])) {
            offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
        }
    }
    for c in LOG_IN_AS.captures_iter(s) {
        // "at work I sign in as twierzb2 through Okta": another site's login
        let m = c.get(0).expect("group 0 exists");
        if ELSEWHERE_LOGIN.is_match(&s[..m.start()])
            || ELSEWHERE_LOGIN_AFTER.is_match(&s[m.end()..])
        {
            continue;
        }
        // a name, not a word of the sentence going on ("log into PyPI as soon as possible", "as
        // myself on the laptop", "as expected."): name-like, or a plain word ending the clause
        let name = c.get(1).expect("group 1 exists");
        let ends_clause = s[name.end()..]
            .trim_start()
            .starts_with(|ch: char| ".,;:!?)".contains(ch))
            || s[name.end()..].trim().is_empty();
        let word = name.as_str().trim_end_matches('.').to_lowercase();
        let next = s[name.end()..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let ends_clause = ends_clause
            || name.as_str().ends_with('.')
            || [
                "since", "anymore", "because", "after", "with", "and", "but", "due", "now",
                "today", "either", "anyway", "again", "without", "from", "for", "until", "any",
            ]
            .contains(&next.as_str());
        if !looks_like_a_name(&word) && (!ends_clause || NOT_A_LOGIN.contains(&word.as_str())) {
            continue;
        }
        offer(name, strength::EXPLICIT, out);
    }
    for c in PUBLISH_AS_OR_ID.captures_iter(s) {
        // a name, not a document number ("My ID is X1234567")
        if looks_like_a_name(&c[1]) && c[1].chars().filter(|ch| ch.is_alphabetic()).count() >= 2 {
            offer(c.get(1).expect("group 1 exists"), strength::PROSE, out);
        }
    }
    for c in QUOTED_AFTER_ACCOUNT.captures_iter(s) {
        // "My colleague's account, "ferrand-lab", is a separate organisation account"
        if possessed_by_another(s, c.get(0).expect("group 0 exists").start())
            && NOT_THE_ONE.is_match(&s[c.get(1).expect("group 1 exists").end()..])
        {
            continue;
        }
        offer(c.get(1).expect("group 1 exists"), prose(&c), out);
    }
    for c in ACCOUNT_IS.captures_iter(s) {
        // "the account is gnovak." names it; "the account is locked." does not; "dpickering."
        // is no participle
        if looks_like_a_name(&c[1])
            || (c.get(2).is_some() && (plain_name(&c[1]) || initial_and_surname(&c[1])))
        {
            offer(c.get(1).expect("group 1 exists"), prose(&c), out);
        }
    }
    if let Some(m) = CORRECTED_NAME
        .captures(s)
        .and_then(|c| c.get(1).or(c.get(2)))
    {
        offer(m, strength::EXPLICIT, out);
    }
    if let Some(m) = NAME_CORRECTED_IN_PASSING.captures(s).and_then(|c| c.get(1)) {
        offer(m, strength::EXPLICIT, out);
    }
    for re in [
        &*GO_BY,
        &*ON_PYPI_I_AM,
        &*REGISTERED_AS,
        &*NAME_IS_MY,
        &*ACCOUNT_COLON,
        &*ACCOUNT_CALLED,
        &*NAME_ON_IT,
    ] {
        for c in re.captures_iter(s) {
            let Some(m) = c.get(1).or(c.get(2)) else {
                continue;
            };
            // a name cut short by a letter the pattern does not take ("José") is no name
            if s[m.end()..].starts_with(|ch: char| ch.is_alphanumeric()) {
                continue;
            }
            // "On GitHub and most other places I go by chiddy-o": another site's name
            let before = &s[..c.get(0).map_or(0, |g| g.start())];
            if std::ptr::eq(re, &*GO_BY)
                && GO_BY_ELSEWHERE
                    .find(before)
                    .is_some_and(|w| !before[w.start()..].to_lowercase().contains("pypi"))
                && !names_pypi_after(&s[m.end()..])
            {
                continue;
            }
            // "jnovak is my login on GitHub"
            // (unless PyPI's is said the same after it: "…, and my PyPI one is the same")
            if std::ptr::eq(re, &*NAME_IS_MY)
                && c.get(0).is_some_and(|g| {
                    ON_ANOTHER_SITE.is_match(&s[g.end()..])
                        && (!names_pypi_after(&s[g.end()..]) || ON_PYPI_I_AM.is_match(s))
                })
            {
                continue;
            }
            offer(m, strength::EXPLICIT, out);
        }
    }
    // "… the same as my GitHub handle, dkowalska" (not "…, mostly", "…, btw", "github.com/x")
    for c in SAME_AS_MY_HANDLE.captures_iter(s) {
        let m = c.get(1).expect("group 1 exists");
        let w = m.as_str().to_lowercase();
        let after = &s[m.end()..];
        // (the words that are no name at all are refused by `clean_username`)
        if w.ends_with("ly")
            || after.starts_with('/')
            || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_alphanumeric()))
        {
            continue;
        }
        offer(m, strength::EXPLICIT, out);
    }
    if !is_question(s) {
        for c in ACCOUNT_REGISTERED_AS.captures_iter(s) {
            let m = c.get(1).expect("group 1 exists");
            let before = &s[..c.get(0).expect("group 0 exists").start()];
            // another's account: "my colleague's account registered as …"
            if before.ends_with("'s ") || negated(s, m.start(), m.end()) {
                continue;
            }
            offer(m, strength::PROSE, out);
        }
    }
}

/// Right after a name: the account is fine ("`hoysala-ci`, and that one is fine", "\"kd-test\"
/// works fine").
static NAMED_AS_FINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"^[`'"”’)\]*]*\s*,?\s*(?:and\s+|but\s+)?(?:that\s+one\s+|this\s+one\s+|that\s+|it\s+|which\s+)?(?:(?:is|was)\s+(?:still\s+|totally\s+|perfectly\s+|completely\s+)?(?:fine|ok|okay|unaffected|not\s+affected|not\s+locked|accessible)|(?:still\s+)?works(?:\s+fine|\s+perfectly|\s+normally)?|(?:is\s+)?(?:still\s+)?working(?:\s+fine)?)\s*(?:[.,;!)]|$|(?:and|but)\b)"#,
    )
});

/// Right after another person's account's name: it is not the one locked ("…, "ferrand-lab", is
/// a separate organisation account and isn't affected").
static NOT_THE_ONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"^[`'"”’)\]*]*\s*,?\s*(?:(?:is|was)\s+(?:a\s+|an\s+)?(?:separate|different|unrelated|another)\b|(?:is|was)(?:n't|\s+not)\s+(?:affected|locked)|(?:is|was)\s+(?:still\s+)?(?:fine|ok|okay|unaffected))"#,
    )
});

/// Whether the account named at `start` is another person's by the word or two right before it:
/// "my colleague's account", "her PyPI account" (not "our project's account", "after last
/// week's phone reset my main account").
fn possessed_by_another(s: &str, start: usize) -> bool {
    let before = lower_words(&s[..start]);
    before[before.len().saturating_sub(2)..].iter().any(|w| {
        let owner = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .or_else(|| w.strip_suffix('\''))
            .unwrap_or(w);
        rules::OTHER_PEOPLE.contains(&owner)
    })
}

/// Whether the account named at `start` is a shared one or another person's: "our shared lab
/// account", "my colleague's account", "another account" (within six words before it).
fn anothers_account(s: &str, start: usize) -> bool {
    let before = lower_words(&s[..start]);
    before[before.len().saturating_sub(6)..].iter().any(|w| {
        rules::OTHER_PEOPLE.contains(&w.as_str())
            || ["shared", "our", "other", "another"].contains(&w.as_str())
            || (w.ends_with("'s")
                && ![
                    "it's", "here's", "there's", "that's", "what's", "who's", "let's",
                ]
                .contains(&w.as_str()))
    })
}

/// Maps numbered answers (and "yes to all") onto the questions an automated mail asked.
/// `visible` is the reply's whole visible text; `interleaved` holds answers written under a
/// quoted question (`> 2. What is…?` then the answer), already numbered.
pub fn answer(
    extraction: &Extraction,
    visible: &str,
    asked: &[Field],
    interleaved: &[Numbered],
) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    if asked.is_empty() {
        return out;
    }
    let in_range = |a: &&Numbered| a.n >= 1 && (a.n as usize) <= asked.len();
    let mut pairs: Vec<(Field, String)> = interleaved
        .iter()
        .chain(extraction.numbered.iter())
        .filter(in_range)
        .map(|a| match ANSWER_NAMES_ITS_FIELD.captures(&a.text) {
            // "1 (the codes): never saved any": the words say which question it answers,
            // whatever the number
            Some(c) if form_field(&c[1]).is_some() => {
                (form_field(&c[1]).expect("checked"), c[2].to_string())
            }
            _ => (asked[a.n as usize - 1], a.text.clone()),
        })
        .collect();
    let visible = normalise(visible);
    let lines: Vec<&str> = visible
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let blocks = answer_blocks(&visible);
    if pairs.is_empty() && blocks.first().is_some_and(|core| core.len() <= 2) {
        // "Yes and yes", "yes, yes, no": one bare answer per question, in order
        if let Some(run) = lines.iter().find(|l| YES_NO_RUN.is_match(l)) {
            let words: Vec<String> = run
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| YES.is_match(w) || NO.is_match(w))
                .map(str::to_string)
                .collect();
            let yes_no_fields: Vec<Field> =
                asked.iter().copied().filter(|f| is_yes_no(*f)).collect();
            if words.len() == asked.len() {
                pairs = asked.iter().copied().zip(words).collect();
            } else if words.len() == yes_no_fields.len() {
                pairs = yes_no_fields.into_iter().zip(words).collect();
            }
        }
    }
    if pairs.is_empty()
        && asked.len() >= 2
        && let Some(parts) = lines.iter().find_map(|l| {
            // "yes, lost, yes, yes": one short answer per question, in order, on one line
            let parts: Vec<&str> = l
                .split([',', ';', '/'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            (parts.len() == asked.len() && parts.iter().all(|p| p.split_whitespace().count() <= 4))
                .then_some(parts)
        })
    {
        pairs = in_question_order(asked, &parts).unwrap_or_default();
    }
    if pairs.is_empty() {
        // one short answer per line, in question order, each clearly an answer: the whole
        // reply ("No / Yes / Yes" above the name) or one paragraph of it ("- Yes / - Yes",
        // then a paragraph that adds something)
        // (one question asked: only a reply of one line; the sentences of a longer one are
        // weighed below)
        let by_position = asked.len() > 1;
        let whole = [lines.clone()];
        let candidates: &[Vec<&str>] = if by_position { &blocks } else { &whole };
        pairs = candidates
            .iter()
            .filter(|b| {
                b.len() == asked.len()
                    && b.iter()
                        .zip(asked)
                        .all(|(l, f)| l.len() <= 60 && (!by_position || bare_answer(*f, l)))
            })
            .find_map(|b| in_question_order(asked, b))
            .unwrap_or_default();
    }
    if pairs.is_empty()
        && let [only] = asked
        && is_yes_no(*only)
        && !extraction.statements.iter().any(|st| st.field == *only)
    {
        // one question asked and answered without a number: "Sorry, missed that one. Yes, I
        // understand." A sentence that starts with yes or no answers it when it is short or
        // speaks of what was asked ("Yes, I still have my phone" does not agree to anything).
        let words_of = |f: Field| {
            rules::ANSWER_WORDS
                .iter()
                .find(|(g, _)| *g == f)
                .map(|(_, w)| *w)
                .unwrap_or(&[])
        };
        let found = sentences(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
            .into_iter()
            .find(|sent| {
                let lower = sent.to_lowercase();
                (YES.is_match(sent) || NO.is_match(sent))
                    && !sent.trim_end().ends_with('?')
                    && (sent.split_whitespace().count() <= 4
                        || words_of(*only).iter().any(|w| lower.contains(w))
                        || (*only == Field::Acknowledgement && TAKES_A_WHILE.is_match(&lower)))
            });
        if let Some(sent) = found {
            pairs.push((*only, sent));
        }
    }
    if pairs.is_empty()
        && let [Field::RecoveryCodes] = asked
        && !extraction
            .statements
            .iter()
            .any(|st| st.field == Field::RecoveryCodes)
    {
        let short_line = lines.first().filter(|l| {
            lines.len() <= 2 // the line and perhaps a name under it
                && l.split_whitespace().count() <= 8
                && !l.trim_end().ends_with('?')
        });
        let found = match short_line {
            // the codes alone asked, and a short line back: "never had them", "gone with the
            // phone"
            Some(l) => Some(l.to_string()),
            // … or a longer reply whose sentence about codes tells their state in plain words:
            // "ok so i checked the work laptop last night. there is a txt file with 8 codes in
            // it, i tried three of them and pypi says invalid code every single time"
            None => sentences(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
                .into_iter()
                .find(|sent| {
                    sent.to_lowercase().contains("code")
                        && sent.split_whitespace().count() <= 40
                        && !sent.trim_end().ends_with('?')
                        && answer_value(Field::RecoveryCodes, sent).is_some()
                }),
        };
        if let Some(text) = found {
            pairs.push((Field::RecoveryCodes, text));
        }
    }
    // an answer whose words belong to another question asked ("2. Yes, I agree." when 2 asked
    // about the mailbox) answers that one: requesters count from their own list, not ours
    let pairs: Vec<(Field, String)> = pairs
        .into_iter()
        .map(|(field, text)| {
            let lower = text.to_lowercase();
            let fits = |f: Field| {
                rules::ANSWER_WORDS
                    .iter()
                    .any(|(g, words)| *g == f && words.iter().any(|w| lower.contains(w)))
            };
            if fits(field) {
                return (field, text);
            }
            match asked.iter().copied().find(|g| *g != field && fits(*g)) {
                Some(other) => (other, text),
                None => (field, text),
            }
        })
        .collect();
    for (field, text) in pairs {
        if out.iter().any(|s| s.field == field) {
            continue; // the first answer to a question counts
        }
        if let Some(value) = answer_value(field, &text) {
            out.push(Statement {
                field,
                value,
                excerpt: excerpt(&text),
                strength: strength::ANSWER,
            });
        }
    }
    if let Some(said) = lines
        .iter()
        .find(|l| YES_TO_ALL.is_match(l) && !l.trim_end().ends_with('?'))
    {
        for f in asked.iter().filter(|f| is_yes_no(**f)) {
            let stated = stated(&out, extraction, *f);
            if !stated {
                out.push(Statement {
                    field: *f,
                    value: FieldValue::Bool(true),
                    excerpt: excerpt(said),
                    strength: strength::ANSWER,
                });
            }
        }
    }
    // "Yes to 2 and 3", "yes for 1, 3 & 4": yes to the questions of those numbers
    if let Some((line, c)) = lines
        .iter()
        .find_map(|l| YES_TO_NUMBERS.captures(l).map(|c| (*l, c)))
    {
        let numbers = c
            .get(1)
            .or(c.get(2))
            .map_or("", |m| m.as_str())
            .split(|ch: char| !ch.is_ascii_digit())
            .filter_map(|d| d.parse::<usize>().ok());
        for n in numbers {
            let Some(f) = n.checked_sub(1).and_then(|i| asked.get(i)) else {
                continue;
            };
            let stated = stated(&out, extraction, *f);
            if is_yes_no(*f) && !stated {
                out.push(Statement {
                    field: *f,
                    value: FieldValue::Bool(true),
                    excerpt: excerpt(line),
                    strength: strength::ANSWER,
                });
            }
        }
    }
    // "Yes to the last two", "Sim pros dois últimos": yes to the last questions asked
    if let Some((line, c)) = lines
        .iter()
        .find_map(|l| YES_TO_THE_LAST.captures(l).map(|c| (*l, c)))
    {
        let n = match c.get(1).or(c.get(2)).map(|m| m.as_str().to_lowercase()) {
            Some(w)
                if ["two", "dois", "duas", "dos", "deux", "zwei", "2"].contains(&w.as_str()) =>
            {
                2
            }
            _ => 3,
        };
        for f in &asked[asked.len().saturating_sub(n)..] {
            if is_yes_no(*f) && !stated(&out, extraction, *f) {
                out.push(Statement {
                    field: *f,
                    value: FieldValue::Bool(true),
                    excerpt: excerpt(line),
                    strength: strength::ANSWER,
                });
            }
        }
    }
    // the username asked for and given as "Ah, sorry - it's ktamm."
    if asked.contains(&Field::Username) && !stated(&out, extraction, Field::Username) {
        let given = sentences(&lines.iter().map(|l| l.to_string()).collect::<Vec<_>>())
            .into_iter()
            .find_map(|sent| {
                let c = IT_IS_NAME_IN_REPLY.captures(&sent)?;
                let name = clean_username(&c[1]).ok()?;
                (looks_like_a_name(&name) || plain_name(&name)).then(|| (name, sent.clone()))
            });
        if let Some((name, sent)) = given {
            out.push(Statement {
                field: Field::Username,
                value: FieldValue::Text(name),
                excerpt: excerpt(&sent),
                strength: strength::ANSWER,
            });
        }
    }
    if let Some((line, c)) = lines
        .iter()
        .find_map(|l| ALL_EXCEPT.captures(l).map(|c| (*l, c)))
        && let Ok(n) = c[1].parse::<usize>()
        && (1..=asked.len()).contains(&n)
    {
        let rest = c.get(2).map_or("", |m| m.as_str()).trim();
        for (i, f) in asked.iter().enumerate() {
            let stated = stated(&out, extraction, *f);
            let value = if i + 1 == n {
                answer_value(*f, rest)
            } else if is_yes_no(*f) {
                Some(FieldValue::Bool(true))
            } else {
                None
            };
            if let (false, Some(value)) = (stated, value) {
                out.push(Statement {
                    field: *f,
                    value,
                    excerpt: excerpt(line),
                    strength: strength::ANSWER,
                });
            }
        }
    }
    let short: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.split(['.', '!']))
        .map(str::trim)
        .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 5)
        .collect();
    for line in short {
        for (field, said) in [
            (Field::CodeOfConduct, SHORT_AGREE.is_match(line)),
            (Field::Acknowledgement, SHORT_UNDERSTOOD.is_match(line)),
        ] {
            let stated = stated(&out, extraction, field);
            if said && asked.contains(&field) && !stated {
                out.push(Statement {
                    field,
                    value: FieldValue::Bool(true),
                    excerpt: excerpt(line),
                    strength: strength::ANSWER,
                });
            }
        }
    }
    out
}

/// "Yes to all except 2: I never saved the codes", "sì a tutto tranne la 2: …": every yes/no
/// question but N is a yes; the words after the colon answer N.
/// The "forgot password" feature named ("I tried forgot password option", "the 'Forgot your
/// password?' link"): no statement that the password is forgotten.
static FORGOT_FEATURE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"['"“]?\bforgot(?:ten)?\s+(?:your\s+|my\s+)?password\??['"”]?(?:\s+(?:option|link|button|page|feature|function(?:ality)?|flow|form|process|procedure|e-?mail|mail|route))|['"“]forgot(?:ten)?\s+(?:your\s+)?password\??['"”]|\b(?:tried|used|clicked|click|use|try|via|through)\s+(?:the\s+|on\s+)?forgot(?:ten)?\s+(?:your\s+)?password\b"#,
    )
});
/// An answer put off: "I need to check first", "I will get back to you on this one".
static DEFERRAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\bi(?:'ll|\s+will|'d|\s+would)?\s+(?:first\s+|still\s+)?(?:need|have|got)\s+to\s+(?:check|look|verify|confirm|find\s+out)\b|\b(?:i'll|i\s+will|let\s+me)\s+(?:double-?\s*)?(?:check|look\s+(?:for|into)|verify|confirm|find\s+out|get\s+back|let\s+you\s+know)\b|\b(?:i'll|i\s+will|we'll|we\s+will)\s+(?:\w+\s+)?get\s+back\s+to\s+you\b|\bbefore\s+i\s+(?:answer|agree|confirm|say\s+yes|reply\s+to)\b[^.,;]{0,30}?[:?]|\b(?:want|need|would\s+like|'d\s+like)\s+to\s+read\s+(?:[a-z']+\s+){0,5}?(?:properly|first|carefully|fully)\s+before\s+i\b|\b(?:i'd|i\s+would)\s+like\s+to\s+(?:check|confirm|verify|ask|consult|discuss|talk)\b[^.]{0,80}?\bbefore\s+i\s+(?:answer|agree|confirm|reply)\b|\bi\s+(?:can|could)\s+only\s+(?:check|look)\b|\bi\s+(?:can|could)\s+(?:check|look)\s+(?:for\s+)?(?:it|them|there)?\s*only\s+(?:next|tomorrow|later|after|when|once|this|at|on|in)\b",
    )
});
/// An answer that opens on not knowing: "I'm honestly not sure.", "Not 100% sure, …".
static HEDGE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:(?:i'm|i\s+am)\s+)?(?:honestly\s+|really\s+|just\s+)?not\s+(?:actually\s+|really\s+|entirely\s+|quite\s+|totally\s+|completely\s+|100%\s+)?(?:sure|certain)|(?:i\s+)?(?:honestly\s+|really\s+|just\s+)?(?:don't|do\s+not|can't|cannot)\s+(?:really\s+)?(?:remember|recall|know)|no\s+(?:clue|idea))(?:\s+(?:about\s+(?:this|that|it|them)(?:\s+(?:one|question|part|point))?|yet|right\s+now|at\s+the\s+moment|now)){0,2}(?:\s*[.,;!:-]|\s*$|\s+(?:if|whether|that|they|it|i|we|where)\b)",
    )
});
/// … with a promise to find out, or a "might have": "… I'll come back to you on this one",
/// "I might have printed them … will look at home tonight".
static FOLLOW_UP_LATER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:get|come)\s+back\s+to\s+you\b|\blet\s+you\s+know\b|\b(?:will|i'll|going\s+to|have\s+to|need\s+to)\s+(?:look|check|go\s+through|search|ask|find\s+out)\b|\b(?:might|may)\s+(?:still\s+)?(?:have|be)\b|\bwrite\s+again\b",
    )
});
/// More deferrals, read only where a whole answer is one (in prose they may close a sentence
/// that states something: "I never saved the codes; I'll write again with the project list"):
/// "I want to go through it carefully first", "I'll write again later".
static ANSWER_DEFERRAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:i'd|i\s+would|i\s+want\s+to|i\s+need\s+to|let\s+me)\s+(?:like\s+to\s+)?(?:read|look\s+at|go\s+through|review|see)\s+(?:it|them|this|that|the\s+\w+)\s+(?:\w+\s+)?first\b|\b(?:i'll|i\s+will)\s+(?:write|reply|answer|come\s+back)\s+(?:to\s+you\s+)?(?:again|later|back)\b",
    )
});
/// Whether `field` is already stated: by an answer found so far, or by the message's prose.
fn stated(answers: &[Statement], extraction: &Extraction, field: Field) -> bool {
    answers.iter().any(|s| s.field == field)
        || extraction.statements.iter().any(|s| s.field == field)
}

/// "Yes to 2 and 3", "yes for questions 1, 3 & 4", "2 and 4: yes".
static YES_TO_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:(?:yes|yep|yeah|agreed?|correct)\b[\s,!:]*(?:to|for|on)\s+(?:questions?\s+|points?\s+|numbers?\s+|nos?\.?\s*|#)?(\d{1,2}(?:\s*(?:,|and|&|\+)\s*#?\d{1,2})+)\b|(\d{1,2}(?:\s*(?:,|and|&|\+)\s*\d{1,2})+)\s*[:=-]?\s*(?:yes|yep|agreed?)\b)",
    )
});
/// "1 (the codes): never saved any": a number, then the field named in brackets (kept in the
/// answer's text for [`ANSWER_NAMES_ITS_FIELD`]).
static NUMBERED_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{1,2})\s*[.)]?\s+(\([^()]{2,30}\)\s*[:\-–—]?\s*\S.*?)\s*$").expect("valid")
});
/// A numbered answer that names its field in brackets first: "(the codes): never saved any".
static ANSWER_NAMES_ITS_FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\(\s*([^()]{2,30}?)\s*\)\s*[:\-–—]?\s*(\S.*)$").expect("valid"));
/// "Yes to the last two", "yes for the final three", "Sim pros dois últimos", "oui aux deux
/// derniers": the count of the last questions a yes answers.
static YES_TO_THE_LAST: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:yes|yep|yeah|agreed?|sim|s[ií]|oui|ja)\b[\s,!:]*(?:to|for|on|pros?|para\s+(?:os|as)|a\s+(?:los|las)|aux|zu\s+den|f[üu]r\s+die)\s+(?:the\s+|os\s+|as\s+|los\s+|las\s+|die\s+)?(?:(?:last|final|[úu]ltim[oa]s|derni[eè]re?s|letzten)\s+(two|three|dois|duas|tr[êe]s|dos|deux|trois|zwei|drei|2|3)|(two|three|dois|duas|tr[êe]s|dos|deux|trois|zwei|drei|2|3)\s+(?:last|final|[úu]ltim[oa]s|derni[eè]re?s|letzten))\b",
    )
});
/// The username given in a reply that was asked for it: "Ah, sorry - it's ktamm.", "It's
/// kpapadakis, sorry." A clause-initial "it's X" where X is written like a name.
static IT_IS_NAME_IN_REPLY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r#"(?:^|[,;:!\-–—]\s*)(?:it\s+is|it's|that's|that\s+is)\s+[`'"“‘]?([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])[`'"”’]?\s*(?:[.,;!(]|$)"#,
    )
});
static ALL_EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:yes|yep|sì|si|sí|sim|oui|ja|tak)\s+(?:to\s+|a\s+|para\s+|pra\s+|à\s+|zu\s+)?(?:all|everything|tutto|tutte|todo|todas?|tout|alles?|wszystko)\s+(?:except|but|apart\s+from|tranne|eccetto|menos|excepto|salvo|sauf|außer|ausser|oprócz|opr[oó]cz)\s+(?:for\s+)?(?:the\s+|la\s+|il\s+|el\s+|a\s+|o\s+|le\s+|la\s+)?(?:question\s+|domanda\s+|pregunta\s+|pergunta\s+|frage\s+|nr\.?\s*|no\.?\s*|number\s+|#\s*)?(\d{1,2})\b\s*[:,.;-]?\s*(.*)$",
    )
});

/// "agree + understood", "Agreed, and understood.": in a short reply, "agree" answers the Code of
/// Conduct question and "understood" the one about the time a review takes.
static SHORT_AGREE: LazyLock<Regex> = LazyLock::new(|| compile(r"^\W*(?:i\s+)?agree[ds]?\b"));
static SHORT_UNDERSTOOD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:i\s+)?(?:understood|understand|noted)\b|(?:\band\s+|[,;+&]\s*)(?:i\s+)?(?:understood|understand|noted)\b\W*$",
    )
});

/// `answers` paired with the questions in the order they were asked, when there is one per
/// question and each clearly answers its own.
/// The lines of a reply that may be its answers, one per line: first the whole reply, then
/// each of its paragraphs, each without a greeting before it and thanks or a name after it,
/// and without list bullets ("- Yes"). A line that looks like a name ends two blocks, one
/// with it and one without, since "Lost" may be an answer as well.
fn answer_blocks(visible: &str) -> Vec<Vec<&str>> {
    let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
    for line in visible.lines().map(str::trim) {
        if line.is_empty() {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            continue;
        }
        let line = BULLET
            .find(line)
            .map_or(line, |m| line[m.end()..].trim_start());
        if let Some(p) = paragraphs.last_mut() {
            p.push(line);
        }
    }
    paragraphs.retain(|p| !p.is_empty());
    let whole: Vec<&str> = paragraphs.concat();
    let mut out = Vec::new();
    for block in std::iter::once(whole).chain(paragraphs) {
        let mut b = block.as_slice();
        while let [first, rest @ ..] = b
            && GREETING.is_match(first)
        {
            b = rest;
        }
        while let [rest @ .., last] = b
            && (CLOSING.is_match(last) || crate::visible::rules::is_sign_off(last))
        {
            b = rest;
        }
        if let [rest @ .., last] = b
            && NAME_LINE.is_match(last)
            && !YES.is_match(last)
            && !NO.is_match(last)
        {
            if rest.is_empty() {
                continue; // a name alone answers nothing
            }
            out.push(rest.to_vec());
        }
        out.push(b.to_vec());
    }
    out
}
/// Whether a line reads as a bare answer to `field` when answers go by position: a yes or
/// no (or three words at most) for a yes/no question, six words at most for another. "The
/// phone is gone." answers no Code of Conduct question.
fn bare_answer(field: Field, line: &str) -> bool {
    let words = line.split_whitespace().count();
    if is_yes_no(field) {
        yes_no(line).is_some() || words <= 3
    } else {
        // "lost, they were only saved in a note on the phone": the state of the codes, then why
        // (not "lost, but I found them again")
        words <= 6
            || (field == Field::RecoveryCodes
                && line
                    .split_once([',', ';', '-', '–', '—', ':'])
                    .is_some_and(|(head, why)| {
                        head.split_whitespace().count() <= 3
                            && answer_value(field, head).is_some()
                            // "never lost, all ten are printed": a head denied
                            && !lower_words(head)
                                .iter()
                                .any(|w| ["not", "never", "no"].contains(&w.as_str()) || w.ends_with("n't"))
                            && !TURNS_AROUND.is_match(why)
                    }))
    }
}

/// "… these take a while", "it takes time": said of the review, in a yes to that question.
static TAKES_A_WHILE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\btakes?\s+(?:a\s+(?:good\s+|long\s+|little\s+)?while|ages|weeks|long|(?:some\s+)?time)\b",
    )
});

/// An answer that breaks off on a conjunction: "2. I thought they were lost but" (and the mail
/// goes on to say otherwise).
static BROKEN_OFF: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:but|and|or|because|though|although)\s*$"));
/// Words that turn an answer around after its first word: "lost, but I found them again",
/// "lost - actually no wait, I have them".
static TURNS_AROUND: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b(?:but|actually|though|however|wait|found|except|unless)\b"));

/// A list bullet before an answer: "- Yes", "• No", "* yes".
static BULLET: LazyLock<Regex> = LazyLock::new(|| compile(r"^[-*•·–]\s+"));
/// A greeting line: "Hello,", "Hi team,", "Dear PyPI support,".
/// A greeting that opens the sentence a reason is in: "Hi, my phone …", "Hello PyPI team, …".
static LEADING_GREETING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\W*(?:hi|hello|hey|dear(?:\s+[\w.'-]+){1,3}|good\s+(?:morning|afternoon|evening|day)|greetings|hallo|hola|bonjour|ciao|hej|ol[áa]|salut)(?:\s+(?:there|all|everyone|team|folks|admins?|support|pypi(?:\s+(?:support|team|admins?|folks))?))?\s*[,!:]\s+",
    )
});
static GREETING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening|day)|greetings|hallo|hola|bonjour|ciao|hej|ol[áa]|salut)\b[^.!?]{0,40}[,!:.]?$",
    )
});
/// A closing line: "Thanks!", "Thank you very much", "Cheers".
static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:thanks?|thank\s+you|thx|many\s+thanks|cheers|(?:kind\s+|best\s+|warm\s+)?regards|best|br)\b[^.?]{0,40}[.!,]?$",
    )
});
/// A line that is only a name: "Pedro", "Oskar L.", "Ana María Ruiz".
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}$").expect("valid")
});

fn in_question_order(asked: &[Field], answers: &[&str]) -> Option<Vec<(Field, String)>> {
    let pairs: Vec<(Field, String)> = asked
        .iter()
        .copied()
        .zip(answers.iter().map(|a| a.to_string()))
        .collect();
    (pairs.len() == asked.len() && pairs.iter().all(|(f, t)| answer_value(*f, t).is_some()))
        .then_some(pairs)
}

/// A numbered question line, possibly quoted: `> 2. What is the state of your recovery codes?`
static QUOTED_QUESTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s>]*(\d{1,2})\s*[.)]\s+\S.*\?\s*$").expect("valid"));

/// The field a question is about, by its words ("Do you agree to follow the PSF Code of
/// Conduct?" → the Code of Conduct).
fn question_topic(question: &str) -> Option<Field> {
    let question = question.to_lowercase();
    rules::QUESTION_TOPICS
        .iter()
        .find(|(_, words)| {
            words
                .iter()
                .any(|w| WORD.find_iter(&question).any(|m| m.as_str().starts_with(w)))
        })
        .map(|(f, _)| *f)
}

/// A quoted question without its number (the writer deleted "1." when answering under it).
static QUOTED_BARE_QUESTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s>]*([A-Za-z][^?]{14,}\?)\s*$").expect("valid"));

/// Answers written under quoted questions (interleaved replies): each run of new text that
/// follows a quote ending in a numbered question answers that question. A quoted question
/// whose number was deleted is numbered by its topic's place among the questions `asked` by our
/// mail `asking` ("> Do you agree to follow the PSF Code of Conduct?" then "I've read it now,
/// and yes, I will follow it."), when our mail holds that question word for word. Text is
/// redacted.
pub fn interleaved_answers(
    segments: &[crate::visible::Segment],
    asked: &[Field],
    asking: &str,
) -> Vec<Numbered> {
    use crate::visible::SegmentKind;
    let mut out = Vec::new();
    let mut pending: Option<(u32, bool)> = None;
    let number = |l: &str| -> Option<u32> {
        let l = crate::visible::unquoted(l);
        if let Some(c) = QUOTED_QUESTION.captures(l) {
            return c[1].parse().ok();
        }
        let q = QUOTED_BARE_QUESTION.captures(l)?;
        if !asking.contains(q[1].trim()) {
            return None;
        }
        let field = question_topic(&q[1])?;
        let at = asked.iter().position(|f| *f == field)?;
        u32::try_from(at + 1).ok()
    };
    for seg in segments {
        match seg.kind {
            SegmentKind::Quote => {
                let questions: Vec<u32> = seg.text.lines().filter_map(number).collect();
                pending = questions.last().map(|n| (*n, questions.len() > 1));
            }
            SegmentKind::New => {
                let text = secrets::redact(seg.text.trim()).0;
                // under the whole list of questions quoted at once, a paragraph is a
                // bottom-posted reply to all of them, not the answer to the last one
                if let (Some((n, whole_list)), false) = (pending.take(), text.is_empty())
                    && (!whole_list || text.split_whitespace().count() <= 8)
                {
                    out.push(Numbered { n, text });
                }
            }
            SegmentKind::Signature => pending = None,
        }
    }
    out
}

/// An answer that says yes or no without the words: "I know it", "I have access", "it works"
/// (yes); "forgot it", "no access" (no, as does a negated yes).
fn generic_yes_no(t: &str) -> Option<bool> {
    static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
        compile(
            r"\b(?:i\s+(?:still\s+)?(?:do|can|know|have|agree|understand|accept|remember)|it\s+(?:still\s+)?works|(?:have|got)\s+(?:it|access)|still\s+(?:have|know|known|works?|fine|accepted|valid|correct|good|the\s+same|unchanged)|fine|works|working|(?:happy|glad|willing)\s+to|no\s+problem|fine\s+by\s+me|too\s+right|of\s+course)\b",
        )
    });
    static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
        compile(r"\b(?:forgot|forgotten|lost|gone|no\s+access|expired|deleted|none|unknown)\b")
    });
    if let Some(m) = NEGATIVE.find(t)
        && !negated_before(t, m.start())
    {
        return Some(false);
    }
    // "I have a paper deadline, so I want to know": having something else says nothing
    POSITIVE
        .find_iter(t)
        .find(|m| {
            !(m.as_str().to_lowercase().ends_with("have")
                && HAVE_SOMETHING_ELSE.is_match(&t[m.end()..]))
        })
        .map(|m| !negated(t, m.start(), m.end()))
}

/// What follows "I have" when it is not the thing asked about: "a paper deadline", "one
/// question", "to check first".
static HAVE_SOMETHING_ELSE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s+(?:(?:a|an|one|two|some|another|my)\s+(?:\w+\s+)?(?:deadlines?|questions?|concerns?|doubts?|meetings?|exams?|releases?)|(?:questions?|concerns?|doubts?)|to\s+(?:think|check|ask|look|find\s+out|see|confirm|talk|consult|read))\b",
    )
});

fn is_yes_no(f: Field) -> bool {
    matches!(
        f,
        Field::EmailAccess | Field::PasswordAccess | Field::CodeOfConduct | Field::Acknowledgement
    )
}

/// An answer without the questions it asks back ("Is that required?"), unless the question
/// is itself the answer's yes or no ("Yes, of course?"). An answer that is only a question
/// stays as it is: the caller reads it as no answer.
fn without_questions_back(t: &str) -> String {
    let mut kept = String::new();
    let mut rest = t;
    while let Some(q) = rest.find('?') {
        let (piece, after) = rest.split_at(q + 1);
        if YES.is_match(piece) || NO.is_match(piece) {
            kept.push_str(piece);
        }
        rest = after;
    }
    kept.push_str(rest);
    if kept.trim().is_empty() {
        t.to_string()
    } else {
        kept
    }
}

/// The value an answer gives to the field it answers.
/// An answer that closes on its verdict: "…, so yes." / "…, so no".
static CLOSING_SO_YES_NO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[,;]\s*(?:so|hence|therefore|thus)\s*,?\s+(yes|no)\s*[.!]*\s*$")
        .expect("valid")
});

fn answer_value(field: Field, text: &str) -> Option<FieldValue> {
    let text = normalise(text);
    // "3. Never mind!!": a withdrawal answers no question, whatever its words
    if NEVER_MIND.is_match(&text) {
        return None;
    }
    // "I'm not sure, I need to check first … I will get back to you on this one": no answer yet
    if DEFERRAL.is_match(&text) || ANSWER_DEFERRAL.is_match(&text) {
        return None;
    }
    // "2. I thought they were lost but" (and then the mail says otherwise): an answer broken
    // off states nothing
    if BROKEN_OFF.is_match(&text) {
        return None;
    }
    // "[Thandiwe Nkosi] Yes.": the marker some people put before inline answers
    let t = ANSWER_MARKER.replace(text.trim(), "");
    // "I'm not actually sure they're lost, I might have saved them …": a hedged answer states
    // nothing
    if HEDGE_OPENING.is_match(&t) && FOLLOW_UP_LATER.is_match(&t) {
        return None;
    }
    // "Recovery codes: I honestly don't remember." and no more: not knowing is no state (of the
    // password it is: "Password: I don't remember")
    if field != Field::PasswordAccess
        && HEDGE_OPENING.find(&t).is_some_and(|m| {
            t[m.end()..]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
        })
    {
        return None;
    }
    // "Is agreeing to the CoC required? I'd like to read it first.": a question back answers
    // nothing, and what follows it is read alone
    let t = without_questions_back(t.trim());
    let t = t.trim();
    match field {
        // "Before agreeing, may I know what it is?": a question back answers nothing
        f if is_yes_no(f) && t.trim_end().ends_with('?') && !YES.is_match(t) && !NO.is_match(t) => {
            None
        }
        Field::Acknowledgement if NO_RUSH_AGREES.is_match(t) => Some(FieldValue::Bool(true)),
        f if is_yes_no(f) => {
            let compiled = match f {
                Field::EmailAccess => &*EMAIL,
                Field::PasswordAccess => &*PASSWORD,
                Field::CodeOfConduct => &*COC,
                _ => &*ACK,
            };
            // "I've read it now, and yes, I will follow it": "it" is what was asked about
            let t_read = match f {
                Field::CodeOfConduct => FOLLOW_IT.replace_all(t, "$1 the code of conduct"),
                _ => std::borrow::Cow::Borrowed(t),
            };
            yes_no(t)
                .or_else(|| {
                    // "As I said, the warnings came to this address, so yes."
                    let c = CLOSING_SO_YES_NO.captures(t)?;
                    Some(c[1].eq_ignore_ascii_case("yes"))
                })
                .or_else(|| {
                    apply(compiled, &mask_inner_dots(&t_read)).and_then(|v| {
                        if let FieldValue::Bool(b) = v {
                            Some(b)
                        } else {
                            None
                        }
                    })
                })
                .or_else(|| generic_yes_no(t))
                .map(FieldValue::Bool)
        }
        Field::RecoveryCodes => {
            let lower = t.to_lowercase();
            apply(&CODES, &mask_inner_dots(&format!("recovery codes: {t}"))).or_else(|| {
                let has = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
                // "I do have them, never used a single one": unused, not used up
                let unused = has(&[
                    "never used",
                    "not used",
                    "unused",
                    "haven't used",
                    "have not used",
                    "none used",
                    "never touched",
                ]);
                if unused
                    && !has(&[
                        "lost",
                        "gone",
                        "don't have",
                        "do not have",
                        "no longer",
                        "never set",
                        "not set up",
                        "never saved",
                        "never generated",
                        "feature",
                        "didn't know",
                        "did not know",
                    ])
                {
                    Some(FieldValue::Codes(RecoveryCodes::Available))
                } else if !unused
                    && has(&[
                        "reject",
                        "not work",
                        "don't work",
                        "doesn't work",
                        "do not work",
                        "invalid",
                        "used",
                        "refused",
                        "fail",
                    ])
                {
                    Some(FieldValue::Codes(RecoveryCodes::NotWorking))
                } else if has(&[
                    "lost",
                    "never",
                    "don't remember",
                    "do not remember",
                    "no idea",
                    "not sure",
                    "don't have",
                    "do not have",
                    "no codes",
                    "none",
                    "gone",
                    "can't find",
                    "cannot find",
                    "hilang",
                    "jamais",
                    "nunca",
                    "nie mam",
                    "non li ho",
                    "não tenho",
                    "nao tenho",
                    "no los tengo",
                    "mai salvat",
                    "mai scaricat",
                    "nunca baixei",
                    "nunca salvei",
                    "nunca guardé",
                    "no tengo",
                    "keine",
                    "yok",
                    "tidak pernah",
                    "tidak punya",
                    "perdido",
                    "perdidos",
                    "verloren",
                    "perdu",
                ]) || NO.is_match(t)
                {
                    Some(FieldValue::Codes(RecoveryCodes::Lost))
                } else if (has(&["have them", "available", "still have", "unused"])
                    || I_HAVE_THEM.is_match(&lower))
                    // "I may have the codes somewhere - I'll look": not in hand yet
                    && !MAYBE_HAVE.is_match(&lower)
                {
                    Some(FieldValue::Codes(RecoveryCodes::Available))
                } else {
                    None
                }
            })
        }
        Field::Username => {
            // "ivang - sorry, thought it was in my signature": the name comes first
            if let Some(first) = t.split_whitespace().next()
                && let Ok(u) = clean_username(first)
            {
                let rest = t[first.len()..].trim_start();
                if (rest.is_empty() || rest.starts_with(['-', '–', '—', ',', '(', ';']))
                    && (looks_like_a_name(&u) || plain_name(&u))
                {
                    return Some(FieldValue::Text(u));
                }
            }
            let token = t
                .split_whitespace()
                .rev()
                .find(|w| clean_username(w).is_ok())?;
            if t.split_whitespace().count() > 3 {
                let e = extract("", t);
                // "Sorry, I forgot to replace it in the template. It is okovalenko": in an
                // answer to the username question, a closing "it is NAME" names it
                return e.fields().username.map(FieldValue::Text).or_else(|| {
                    let body = t.trim_end_matches(['.', '!', ' ']);
                    let start = [". ", "! ", "? ", "\n"]
                        .iter()
                        .filter_map(|b| body.rfind(b).map(|i| i + b.len()))
                        .max()
                        .unwrap_or(0);
                    let c = IT_IS_NAME_IN_REPLY.captures(body[start..].trim())?;
                    let name = clean_username(&c[1]).ok()?;
                    (looks_like_a_name(&name) || plain_name(&name))
                        .then_some(FieldValue::Text(name))
                });
            }
            clean_username(token).ok().map(FieldValue::Text)
        }
        Field::Reason | Field::OwnershipProof => (t.split_whitespace().count() >= 3
            && !NO.is_match(t))
        .then(|| FieldValue::Text(excerpt(t))),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

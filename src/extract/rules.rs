//! The extraction rules as data: form labels, phrases and patterns per field, in one place.
//!
//! Patterns are matched case-insensitively against one sentence (or one clause) of the
//! visible text at a time. Words in braces are shared pieces substituted before compiling:
//! `{MAIL}` a mailbox noun, `{W}` one word, `{CODES}` the recovery-code topic. Polarity
//! comes from the pattern (a `negative` list) and from [`NEGATORS`] shortly before a positive
//! match ("I *no longer* have access to that inbox").

use crate::domain::{Field, RecoveryCodes};

/// Headings and `Key:` labels of the issue forms (current `### PyPI Username` form, the old 2020
/// `## PyPI Username` / `Reason:` template, and plain `Username:` lines), lowercased, without
/// `#`, `*` or a trailing colon.
pub const FORM_LABELS: &[(&str, Field)] = &[
    ("pypi username", Field::Username),
    ("testpypi username", Field::Username),
    ("test pypi username", Field::Username),
    ("username", Field::Username),
    ("user name", Field::Username),
    ("pypi user", Field::Username),
    ("pypi account", Field::Username),
    ("account name", Field::Username),
    ("account username", Field::Username),
    ("account", Field::Username),
    ("acct", Field::Username),
    ("pypi acct", Field::Username),
    ("user", Field::Username),
    ("login", Field::Username), ("uname", Field::Username),
    ("usuario", Field::Username),
    ("compte", Field::Username),
    ("cuenta", Field::Username),
    ("conta", Field::Username),
    ("konto", Field::Username),
    ("hesap", Field::Username),
    ("kullanıcı adı", Field::Username),
    ("kullanıcı adım", Field::Username),
    ("nome de usuário", Field::Username),
    ("nome de usuario", Field::Username),
    ("nombre de usuario", Field::Username),
    ("nom d'utilisateur", Field::Username),
    ("identifiant", Field::Username),
    ("benutzername", Field::Username),
    ("nome utente", Field::Username),
    ("nazwa użytkownika", Field::Username),
    ("ім'я користувача", Field::Username),
    ("имя пользователя", Field::Username),
    ("логин", Field::Username),
    ("ユーザー名", Field::Username),
    ("아이디", Field::Username),
    ("사용자 이름", Field::Username),
    ("使用者名稱", Field::Username),
    ("用户名", Field::Username),
    ("códigos recuperación", Field::RecoveryCodes),
    ("codigos recuperacion", Field::RecoveryCodes),
    ("códigos recuperação", Field::RecoveryCodes),
    ("codes récupération", Field::RecoveryCodes),
    ("codes de récupération", Field::RecoveryCodes),
    ("codici di recupero", Field::RecoveryCodes),
    ("codici recupero", Field::RecoveryCodes),
    ("kody odzyskiwania", Field::RecoveryCodes),
    ("wiederherstellungscodes", Field::RecoveryCodes),
    ("usuário", Field::Username),
    ("nombre usuario", Field::Username),
    ("benutzername", Field::Username),
    ("benutzer", Field::Username),
    ("utilisateur", Field::Username),
    ("nom d'utilisateur", Field::Username),
    ("identifiant", Field::Username),
    ("reason request", Field::Reason),
    ("reason the request", Field::Reason),
    ("reason for request", Field::Reason),
    ("reason for the request", Field::Reason),
    ("reason", Field::Reason),
    ("recovery codes", Field::RecoveryCodes),
    ("recovery code", Field::RecoveryCodes),
    ("code of conduct", Field::CodeOfConduct),
    ("code conduct", Field::CodeOfConduct),
    ("coc", Field::CodeOfConduct),
    ("conduct", Field::CodeOfConduct),
    ("review time", Field::Acknowledgement),
    ("long review", Field::Acknowledgement),
    ("slow review", Field::Acknowledgement),
    ("review period", Field::Acknowledgement),
    ("codes", Field::RecoveryCodes),
    ("backup codes", Field::RecoveryCodes),
    ("email account", Field::EmailAccess),
    ("account email", Field::EmailAccess),
    ("email", Field::EmailAccess),
    ("e-mail", Field::EmailAccess),
    ("acknowledgement", Field::Acknowledgement),
    ("acknowledgment", Field::Acknowledgement),
    ("email access", Field::EmailAccess),
    ("access to email", Field::EmailAccess),
    ("password access", Field::PasswordAccess),
    ("password", Field::PasswordAccess),
    ("pw", Field::PasswordAccess),
    ("pwd", Field::PasswordAccess),
    ("mail", Field::EmailAccess),
    ("proof", Field::OwnershipProof),
    ("2fa", Field::Reason),
    ("what happened", Field::Reason),
    ("proof of ownership", Field::OwnershipProof),
    ("ownership proof", Field::OwnershipProof),
    ("other proof", Field::OwnershipProof),
    ("projects", Field::OwnershipProof),
];

/// The words of a question the writer asks themselves ("Q: Password?") and the field it is
/// about, in the order they are tried (a question about "the account's e-mail address" is about
/// the mail, not the username). Each word matches the start of a word of the question.
pub const QUESTION_TOPICS: &[(Field, &[&str])] = &[
    (Field::CodeOfConduct, &["conduct", "coc"]),
    (Field::Acknowledgement, &["review", "slow", "wait", "süre"]),
    (Field::RecoveryCodes, &["code", "backup"]),
    (Field::PasswordAccess, &["password", "pw", "passwort", "contraseña", "senha", "şifre"]),
    (Field::EmailAccess, &["mail", "address", "inbox"]),
    (Field::OwnershipProof, &["proof", "own", "maintain", "project", "package"]),
    (Field::Reason, &["happen", "reason", "why", "wrong", "problem", "cause"]),
    (Field::Username, &["account", "user", "login", "name", "kullanıcı"]),
];

/// Words that show which question an answer answers.
pub const ANSWER_WORDS: &[(Field, &[&str])] = &[
    (Field::EmailAccess, &["mail", "inbox", "address"]),
    (Field::PasswordAccess, &["password", "passwort", "contraseña", "senha"]),
    (Field::RecoveryCodes, &["code", "lost", "never", "saved", "reject", "invalid", "download"]),
    (Field::CodeOfConduct, &["agree", "conduct", "coc", "abide"]),
    (Field::Acknowledgement, &["understand", "understood", "time", "wait", "patien", "aware", "delay"]),
];

/// Values of a pasted form that say nothing ("_No response_" is what GitHub's issue forms put
/// in an empty field).
pub const FORM_PLACEHOLDERS: &[&str] = &[
    "_no response_", "no response", "n/a", "na", "none", "-", "—", "tbd", "todo", "...", "…", "?", "unknown",
];

/// Words a form label may carry that do not change what it names ("Mi usuario de PyPI").
pub const LABEL_NOISE: &[&str] = &[
    "my", "mi", "mein", "meine", "mon", "ma", "meu", "minha", "the", "your", "pypi", "testpypi", "test", "de", "del",
    "da", "do", "in", "on", "at", "for", "of", "im", "en", "sur", "bei", "auf", "na", "no", "a", "an", "pypi.org",
    "test.pypi.org", "test.pypi", "current", "registered", "hai", "hain", "hoon", "there", "re", "regarding",
    // a lead-in to the topic: "As for recovery codes: none", "About the codes: none"
    "as", "about", "concerning",
];

/// Cheap prefilters: a rule family only runs on a sentence whose lowercase text contains one
/// of its keywords (most sentences touch one or two fields, so most regex scans are skipped).
pub mod keywords {
    pub static EMAIL: &[&str] = &["mail", "inbox", "address", " it", "@", "domain", "there", "deliver"];
    pub static PASSWORD: &[&str] = &["pass", "pw", "credential"];
    pub static CODES: &[&str] = &["code", "códig", "codig", "codici", "key"];
    pub static CODE_OF_CONDUCT: &[&str] = &[
        "conduct", "coc", "código de condu", "codigo de condu", "code de conduite", "verhaltenskodex",
        "codice di condotta", "kodeks", "кодекс", "gedragscode", "davranış", "行動規範", "行为准则",
        "行為準則", "행동",
    ];
    pub static ACKNOWLEDGEMENT: &[&str] = &[
        "take", "time", "while", "wait", "rush", "hurry", "delay", "patien", "tard", "tiemp", "dauer", "zeit", "temps",
        "demor", "tempo", "duren", "tijd", "taking", "prendre", "richied", "protracted", "lengthy",
        "prolonged", "weeks", "months", "days", "conscious", "mindful", "cogni", "long", "slow",
    ];
    pub static USERNAME: &[&str] = &["user", "account", "handle", "login", "pypi", "name", " as ", " by ", " id "];
    pub static OWNERSHIP: &[&str] = &[
    "verify", "check", "confirm", "of ", "been ", "happy", "able", "willing", "ready", "glad", "my package", "my project", "my librar", "/project/",
    "maintain", "author", "owner", "own ", "creat", "wrote", "publish", "releas", "upload", "push", "commit",
    "tag", "prove", "show", "verif", "demonstrat", "sign", "proof", "mine", "homepage", "gpg", "pgp", "linked",
    "github", "gitlab", "add", "change", "by me", "built", "develop", "started", "own", "evidence", "ship", "history", "cut a",
    ];
    pub static COMPROMISE: &[&str] = &[
    "hack", "compromis", "hijack", "take", "taken", "stolen", "someone", "somebody", "without my",
    "not with my", "did", "me", "unknown", "suspicious", "unauthori", "changed", "ich", "jemand",
    "mir", "alguien", "fui", "moi", "quelqu", "eu", "algu", "neither", "none of", "never been", "foreign",
    "unfamiliar", "strange", "never ",
    ];
    pub static WITHDRAWN: &[&str] = &[
    "solved", "figured", "erledigt", "wieder", "pude", "puedo", "resuelto", "consegui", "resolvido", "résolu", "resolu",
    "réglé", "regle", "est r", "pu me", "解决",
    "disregard", "ignore", "cancel", "close", "drop", "actual", "successfully", "again", "never", "need", "able", "managed", "could", "back", "regain",
    "recovered", "solved", "resolved", "fixed", "sorted", "withdraw", "all good", "nvm", "got", "logged", "signed",
    "feel free", "you can", "you may", "forget", "to do", "without", "no longer", "after getting",
    "after logging", "after signing", "log", "sign",
    ];
    pub static REASON: &[&str] = &[
    "snap", "split", "bent", "crush", "shatter", "smash", "melt", "burn", "run over", "come", "carry", "copy",
    "accept", "same", "start", "boot", "turn on", "power on", "charge", "brick", "drawer", "desk", "office", "abroad", "have", "swap",
    "ported", "left", "missing", "disappear", "vanish", "traded", "sold", "gave", "returned", "taken", "took", "hijack", "transferr", "lapse",
    "los", "stol", "theft", "robbed", "brok", "break", "died", "dead", "damag", "destroy", "wipe", "reset",
    "replac", "upgrad", "switch", "chang", "new ", "install", "delet", "eras", "drown", "water", "crack",
    "fell", "drop", "stopped", "recogni", "work", "reject", "refus", "invalid", "hack", "compromis", "someone",
    "without my", "did not", "didn't", "expired", "migrat", "sync", "transfer", "gone", "forg", "misplac",
    "verif", "longer", "left", "former", "sank", "sunk", "slipp", "wash", "overboard", "fell", "hold of", "carrier",
    "number", "sim", "enabled", "added", "show", "open", "load", "launch", "respond", "appear", "detect", "discontinu",
    "update", "handed", "property", "charg", "revive", "repair", "snatch", "pickpocket", "mugg", "took back",
    "taken back", "neither", "none of", "find", "enroll", "imag", "empty", "killed", "fried", "surge", "threw", "thrown", "surviv", "break-in", "burglar", "went", "hand", "crash", "fail",
    "nicked", "pinched", "swapped", "bring", "trade", "format", "gebrickt", "weg", "rubat", "robad", "roubad",
    "vol", "gestohlen", "ukradzion", "skradzion", "disparu", "perd", "pers", "verloren", "zgubi", "caiu", "cay",
    "tomb", "cadut", "upad", "resec", "kaybet", "çalın", "came over", "shift", "dying", "side", "ceas", "mislai",
    "mislay", "backed", "with it", "dive", "swim", "tumble", "plunge", "bath", "header", "take", "didnt", "mov", "cop", "restor",
    "back", "home", "hotel", "car", "own", "inbox", "address", "mail", "fix", "recover", "unlock", "without",
    "somebody", "loss", "destruction", "availability", "surrender", "relinquish", "confiscat", "seized",
    "termination", "emptied", "came off", "turned up", "hardware", "suffered", "digit", "turn", "pass", "spoil", "remov", "flash", "matching", "react", "threw", "throw", "error", "gave", "been in", "black", "dark", "went w", "blank", "no entries", "no accounts", "no codes", "no tokens", "hangs on", "stayed", "valid", "submitted", "given", "sent", "brought", "no way",
    ];

    /// Every list above, for the one-pass keyword index of extraction.
    pub static ALL: &[&[&str]] = &[EMAIL, PASSWORD, CODES, CODE_OF_CONDUCT, ACKNOWLEDGEMENT, USERNAME, OWNERSHIP, COMPROMISE, WITHDRAWN, REASON];
}

/// Rule matching reads at most this much of one sentence (a 16 KB "sentence" of pasted noise
/// states nothing a reviewer would want from it).
pub const MAX_SENTENCE: usize = 2_000;

/// Shared pieces substituted into patterns.
pub const PIECES: &[(&str, &str)] = &[
    (
        "{MAIL}",
        r"(?:e-?mails?|mail\s?box(?:es)?|inbox|mails?|gmail|outlook|e-?mail\s+(?:address|account))\b",
    ),
    // another site with accounts and codes of its own ("my GitHub recovery codes", "on GitLab I
    // log in as …"); never PyPI, and no mail provider: "the inbox of my Gmail account" may be
    // the account's own address, and "on Google Chrome" names a browser
    (
        "{SITE}",
        r"(?:github|gitlab|bitbucket|codeberg|sourcehut|npm|docker(?:\s?hub)?|aws|amazon|facebook|instagram|twitter|linkedin|discord|slack|reddit|mastodon|dropbox|paypal|steam|bank)",
    ),
    // after an employer or a school: what may follow it when the mailbox, not a device of
    // theirs, is meant ("my old company's address", "… at my old company, which closed"; not
    // "the old company phone")
    (
        "{NOT_ITS_DEVICE}",
        r"(?:\s*(?:[.,;:!?)]|$)|\s+(?:e-?mail|mail|address|account|domain|inbox|mailbox|one|and|but|so|which|that|who|is|was|were|where|when|i|after|before|because|since|has|had|there|then|in|at|now|long|years?|a|an|the|to|for|of|it|shut|closed|went|deleted|disabled)\b)",
    ),
    // the end of a clause: a stop, or "and"/"so"/a new clause going on (never "but", which
    // takes it back)
    (
        "{CLAUSE_END}",
        r"\s*(?:[.;!)]|$|,\s*(?:and|so|i|we|which|sadly|unfortunately)\b|\s(?:and|so)\b)",
    ),
    // one word: anything up to a space or punctuation. Not `[\w'’-]+`: Unicode `\w` is 49 KB
    // of automaton, and rules repeat this piece up to five times each
    ("{W}", r#"[^\s.,;:!?()\[\]<>"]+"#),
    (
        "{CODES}",
        r"(?:(?:recovery|backup|back-up|2fa\s+recovery|two[- ]factor\s+recovery|emergency|rescue|reserve|spare)\s+(?:codes?|keys?)|codes?\s+(?:of|for)\s+(?:recovery|recuperation|backup)|\[redacted 16-hex code\]|wiederherstellungs-?codes?|backup-?codes?|c[oó]digos?\s+de\s+(?:recuperaci[oó]n|recupera[cç][aã]o|respaldo)|codes?\s+de\s+(?:r[ée]cup[ée]ration|secours)|herstelcodes?|codici\s+di\s+recupero)",
    ),
];

/// Words that negate a positive match when they come at most [`NEGATION_WINDOW`] words before
/// it in the same clause, or right after it ("anymore").
pub const NEGATORS: &[&str] = &[
    "not", "no", "never", "cannot", "cant", "can't", "don't", "dont", "doesn't", "didn't", "won't", "wont",
    "isn't", "aren't", "wasn't", "haven't", "hasn't", "hadn't", "couldn't", "unable", "lost", "without", "nor",
    "neither", "longer", "barely", "refuse", "decline", "nothing", "none", "nobody", "noone",
];
pub const NEGATION_WINDOW: usize = 3;
/// Words the negation window skips: "I haven't *been able to* read mail there" is as negated
/// as "I can't read mail there".
pub const NEGATION_FILLERS: &[&str] = &["been", "be", "able", "to", "really", "ever", "even", "actually"];
/// Words before a match that leave it unsaid: "I *might* still have them", "*whether* I can
/// still read it", "*Hopefully* I haven't forgotten the password" (with "not sure", "I hope",
/// "don't know if" and the like, see `uncertain_before`).
pub const UNCERTAIN: &[&str] = &["might", "maybe", "perhaps", "possibly", "unsure", "uncertain", "hopefully"];
/// Hedges anywhere earlier in the clause that negate what follows ("I don't think I was hacked").
pub const HEDGES: &[&str] = &[
    "don't think", "do not think", "doubt", "not sure", "no sign", "no evidence", "no indication",
    "don't believe", "do not believe", "not the case", "not true that", "untrue that",
];
/// Words after a match that negate it ("I have access to that inbox *no more*").
pub const NEGATING_TAILS: &[&str] = &["anymore", "any more", "no more", "no longer"];
/// Nouns that make "password" a modifier of something else: "I use a password *manager*", "the
/// password *reset* page". A rule's match that ends on "password" before one of these says
/// nothing about the password itself.
/// Words before "password" that make it another thing's ("the vault password", "my Gmail
/// password"): not the account's. (The same owners are in the `Nothing` rule of
/// [`PASSWORD_ACCESS`].)
pub const PASSWORD_OWNERS: &[&str] = &[
    "email", "mail", "gmail", "outlook", "hotmail", "yahoo", "icloud", "bank", "banking", "github", "gitlab",
    "google", "apple", "microsoft", "windows", "laptop", "computer", "phone", "wifi", "router", "vault",
    "backup", "master", "encryption", "aegis", "authy", "keepass", "bitwarden", "disk",
];
pub const PASSWORD_COMPOUNDS: &[&str] = &[
    "manager", "managers", "vault", "safe", "store", "keeper", "generator", "reset", "resets",
    "hint", "field", "prompt", "box", "screen", "page", "form", "policy", "rules", "requirements",
    "app", "database", "file", "list", "recovery",
];
/// The words of a clause that only takes back the one before it: "it accepted my password once,
/// *but not anymore*"; "I could read that mailbox, *though not now*". A clause of these words
/// alone (with a negator among them) negates the statement before it; one naming anything else
/// ("but not the phone") does not.
pub const TAKE_BACK_WORDS: &[&str] = &[
    "but", "though", "although", "however", "yet", "sadly", "unfortunately", "alas", "it", "that",
    "this", "they", "those", "not", "no", "longer", "anymore", "any", "more", "now", "nowadays",
    "today", "lately", "recently", "these", "days", "since", "then", "doesn't", "don't", "isn't",
    "aren't", "won't", "didn't", "does", "do", "is", "are", "will", "work", "works", "working",
    "so", "true", "the", "case",
];

/// One pattern of a field and the value it gives.
pub struct Rule {
    pub pattern: &'static str,
    pub value: Value,
}

/// The value a rule gives: a yes/no whose polarity negation may flip, a fixed value, or the
/// whole sentence (for free-text fields).
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// true, or false when negated.
    Yes,
    /// false regardless (the pattern itself says "lost", "expired").
    No,
    /// false from circumstances ("the account uses my old university address"), unless the
    /// same sentence states otherwise ("… which still forwards to me").
    NoUnlessStated,
    /// true, and when negated: no statement at all (e.g. "I don't understand why it takes so
    /// long" is not a refusal to acknowledge).
    YesOnly,
    /// false, and true when negated: the pattern names an objection ("I have an objection to
    /// the Code of Conduct"; "I have *no* objection to it" agrees).
    Against,
    Codes(RecoveryCodes),
    Sentence,
    /// The sentence states nothing about the field, whatever later rules would find ("I use my
    /// email to log in" is about the login name, not about reading the mailbox).
    Nothing,
}

/// `email_access`: they can (or can no longer) read mail at the account's address.
pub const EMAIL_ACCESS: &[Rule] = &[
    // "Mail for the account comes to this address (and I'm still receiving it)"
    Rule { pattern: r"\b(?:mail|e-?mails?|messages|notifications)\s+(?:for|from|about)\s+(?:the|my|this)\s+(?:pypi\s+)?account\s+(?:still\s+)?(?:comes?|goes|arrives?|lands?|is\s+delivered)\s+(?:to|at|in|into)\s+(?:this|my\s+current|the\s+same)\s+(?:e-?mail\s+)?(?:address|mailbox|inbox)\s*(?:[.!;]|$|,?\s*and\s+(?:i\s+am\s+|i'm\s+|i\s+)(?:still\s+)?(?:receiv|read|get|check))", value: Value::Yes },
    // "…, a shared mailbox administered by our department, to which we continue to have
    // unrestricted access"
    Rule { pattern: r"\b(?:mail\s?box|address|inbox|e-?mail)\b[^.;]{0,80}?,?\s*(?:to\s+which|which)\s+(?:i|we)\s+(?:still\s+|continue\s+to\s+|still\s+continue\s+to\s+)?(?:have|retain|keep)\s+(?:(?:full|unrestricted|complete|uninterrupted|normal)\s+)?access\b", value: Value::Yes },
    Rule { pattern: r"\b(?:mail\s?box|address|inbox|e-?mail)\b[^.;]{0,80}?,?\s*(?:to\s+which|which)\s+(?:i|we)\s+(?:no\s+longer|do(?:n't|\s+not)|can(?:'t|not))\s+have\s+(?:any\s+)?access\b", value: Value::No },
    // the mailbox named the sentence before: "They reset its password for me and I have been
    // reading it again since Saturday"
    Rule { pattern: r"\bi\s+(?:have\s+been|'ve\s+been|am)\s+reading\s+it\s+(?:again\s+)?(?:since\s+(?:then|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|last\s+\w+)|daily|every\s+day)\s*(?:[.!;]|$)", value: Value::Yes },
    // formal register: "access to the e-mail address now registered … is not available to us"
    Rule { pattern: r"\baccess\s+to\s+(?:{W}\s+){0,5}?(?:address|mail\s?box|inbox|e-?mail)\b[^.;]{0,80}?\b(?:is|was|remains|has\s+been)\s+(?:not\s+(?:available|possible)|no\s+longer\s+(?:available|possible)|unavailable|lost|impossible)\b", value: Value::No },
    // "Access to the registered address is unaffected", "… remains intact"
    Rule { pattern: r"\baccess\s+to\s+(?:{W}\s+){0,5}?(?:address|mail\s?box|inbox|e-?mail)\b[^.;]{0,80}?\b(?:is|remains|has\s+remained)\s+(?:fully\s+|entirely\s+|completely\s+)?(?:unaffected|intact|unchanged|maintained|retained|unimpaired|available|in\s+place|assured)\b", value: Value::Yes },
    // "Messages to the email address of the account no longer arrive", "… bounce"
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?)\s+(?:sent\s+|addressed\s+)?to\s+(?:it|that\s+address|this\s+address|the\s+(?:registered\s+|e-?mail\s+)?address(?:\s+(?:on|of)\s+(?:the|my|that)\s+(?:pypi\s+)?account)?)\b[^.;]{0,50}?\b(?:(?:no\s+longer|never|(?:does|do|did)(?:n't|\s+not)|won't)\s+(?:arrives?|reach(?:es)?|gets?|comes?|lands?)|bounces?|bounced)\b", value: Value::No },
    // "nothing sent there will reach me", "the registered address is not mine any more"
    Rule { pattern: r"\bnothing\s+(?:that\s+(?:is\s+|gets\s+)?)?(?:sent|addressed|mailed|going)\s+(?:there|to\s+(?:it|that\s+address|this\s+address|the\s+(?:registered\s+|account'?s\s+)?address))\s+(?:will\s+|would\s+|can\s+|could\s+|now\s+|ever\s+)*(?:reach(?:es)?|gets?\s+to|arrives?\s+(?:with|to)|comes?\s+to)\s+(?:me|here|my\s+inbox)(?:\s+(?:any\s?more|now|these\s+days|at\s+all))?\s*(?:[.,;!)]|$|\b(?:and|but|so)\b)|\b(?:(?:the\s+)?(?:registered|account'?s|pypi)\s+(?:e-?mail\s+)?address|(?:the\s+)?(?:e-?mail|address)\s+on\s+the\s+account)\s+(?:is(?:n't|\s+not)\s+mine\s+(?:any\s?more|now)|is\s+no\s+longer\s+mine|does(?:n't|\s+not)\s+belong\s+to\s+me\s+(?:any\s?more|now)|no\s+longer\s+belongs\s+to\s+me)\b", value: Value::No },
    // "Mail to the address on the account (the one in the From line) still arrives in my inbox",
    // "messages to it are still delivered to me"
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?)\s+(?:sent\s+|addressed\s+)?to\s+(?:it|that\s+address|this\s+address|the\s+(?:registered\s+|e-?mail\s+|account'?s\s+)?address(?:\s+(?:on|of)\s+(?:the|my|that)\s+(?:pypi\s+)?account)?)(?:\s*\([^()]{0,40}\))?\s+(?:(?:still|also)\s+)?(?:arrives?|arrive|reach(?:es)?\s+(?:me|us)|(?:is|are)\s+(?:still\s+)?delivered\s+to\s+(?:me|us)|gets?\s+to\s+(?:me|us)|comes?\s+to\s+(?:me|us)|lands?\s+in\s+(?:my|our))\b", value: Value::Yes },
    // "anything sent there does reach us"; "My password still works and so does this mailbox"
    Rule { pattern: r"\b(?:anything|everything)\s+(?:that\s+(?:is\s+|gets\s+)?)?(?:sent|addressed|mailed|going)\s+(?:there|to\s+(?:it|that\s+address|this\s+address|the\s+(?:registered\s+|account'?s\s+)?(?:e-?mail\s+)?address))\s+(?:(?:still|also|does|do|always)\s+)*(?:reach(?:es)?|gets?\s+to|arrives?\s+(?:with|to)|comes?\s+(?:through\s+)?to)\s+(?:me|us|here|my\s+inbox|our\s+inbox)\b|\bworks?\b[^.;]{0,40}?\bso\s+does\s+(?:this|that|my|the|our)\s+(?:old\s+|registered\s+)?(?:e-?mail\s+)?(?:mailbox|inbox|e-?mail|address|mail)\b", value: Value::Yes },
    // "Mail for the PyPI account goes to this university address and I receive it"
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?|notifications?)\s+(?:for|from|of)\s+(?:the|my)\s+(?:pypi\s+)?account\s+(?:still\s+)?(?:goes|go|arrives?|comes?)\s+to\s+(?:this|my\s+current|the\s+same)\s+(?:{W}\s+)?(?:address|inbox|mailbox|e-?mail)\s+and\s+i\s+(?:still\s+)?(?:receive|read|get|see)\s+(?:it|them|everything)\b", value: Value::Yes },
    // "I have lost the account's email"
    Rule { pattern: r"\b(?:lost|lose)\s+(?:access\s+to\s+)?(?:the|my|that)\s+(?:account'?s\s+|registered\s+|pypi\s+)?(?:e-?mail|mail\s?box|inbox)(?:\s+address)?\b", value: Value::No },
    // "mail addressed to it continues to be received by me"
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?|correspondence)\b[^.;]{0,60}?\b(?:continues?|continue)\s+to\s+be\s+(?:received|delivered|read)\s+by\s+(?:me|us|the\s+undersigned)\b", value: Value::Yes },
    Rule { pattern: r"\be-?mail\s+access\s+(?:hai|hei|ada|var|tiene|tengo|habe\s+ich)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:mail\s?box|inbox|e-?mail)\b[^.;]{0,30}?\b(?:was|is|got|were|ran)\s+(?:completely\s+|totally\s+)?(?:full|out\s+of\s+(?:space|storage))\b", value: Value::Nothing },
    Rule { pattern: r"\b(?:e-?mail|mail\s?box|inbox)(?:\s+(?:address|account|id))?(?:\s+(?:of|on|for)\s+(?:the|my)\s+(?:pypi\s+)?account)?\s+(?:i\s+)?(?:still\s+)?can\s+(?:still\s+)?(?:use|read|access|open|check)\b", value: Value::Yes },
    // the object first: "The mail I am still using, it is this one"
    Rule { pattern: r"\b(?:e-?mail|mail|address|mail\s?box|inbox)\s+(?:also\s+)?i\s+(?:am\s+|can\s+)?still\s+(?:us(?:e|ing)|read(?:ing)?|check(?:ing)?|hav(?:e|ing)|receiv(?:e|ing)|access(?:ing)?)(?:\s+(?:it|too|also|as\s+well|every\s+day|daily))*\s*(?:[.,;!]|$)", value: Value::Yes },
    // "the notifications above arrived here", "PyPI's alerts still land in this inbox"
    Rule { pattern: r"\b(?:notifications?|alerts?|e-?mails?|mails?|messages?|notices?|warnings?)\s+(?:(?:from\s+(?:test\.?)?pypi|above|below|about\s+{W})\s+)?(?:still\s+|all\s+)?(?:arrived|arrive|arrives|came|come|comes|landed|land|lands|reached\s+me)\s+(?:here|in\s+(?:this|my|our)\s+(?:(?:normal|usual|regular|personal|main|primary|private|old|registered)\s+)?(?:inbox|mailbox))\b", value: Value::Yes },
    // "Mail at the account address works fine"; "this is the address on the account"
    Rule { pattern: r"\b(?:e-?mail|mail)\s+(?:at|to|on|for|via)\s+(?:the|my|that)\s+(?:pypi\s+)?(?:account'?s?\s+|registered\s+)?(?:address|inbox|mailbox)\s+(?:still\s+)?(?:works|is\s+(?:still\s+)?(?:fine|working|ok))(?:\s+fine)?\s*(?:[.!]|$|,\s*(?:that'?s|so|which\s+is\s+how)\b)|\b(?:this|it)\s+is\s+(?:also\s+)?the\s+(?:e-?mail\s+)?address\s+(?:on|of)\s+(?:the|my)\s+(?:pypi\s+)?account\s*(?:[.!]|$|,\s*(?:so|and)\b)", value: Value::Yes },
    // notices that reached the inbox: "PyPI's warnings from my attempts this week all landed
    // in that inbox", "PyPI's notice … reached this inbox this morning"
    Rule { pattern: r"\bpypi(?:'s)?\s+(?:[^.;!?]{0,30}?\s)?(?:notifications?|alerts?|warnings?|notices?)\b[^.;!?]{0,50}?\b(?:arrived|landed|reached)\s+(?:in\s+)?(?:this|that|my)\s+(?:inbox|mailbox)\b(?:\s+(?:this|last|yesterday|today|on)(?:\s+\w+)?)?\s*(?:[.!]|$|,\s*(?:so|and)\b)", value: Value::Yes },
    // "this address is the account's email": the one written from, so read
    Rule { pattern: r"\b(?:this|my\s+current)\s+(?:e-?mail\s+)?address\s+is\s+(?:also\s+)?(?:the|my)\s+(?:pypi\s+)?(?:account'?s|registered|pypi)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:use|using|enter|type)\s+(?:{W}\s+){0,2}?{MAIL}(?:\s+address)?\s+(?:to|as|for)\s+(?:log|sign|enter|get\s+in|login|my\s+user\s?name|the\s+user\s?name|user\s?name)", value: Value::Nothing },
    // (of a mailbox: not "… about my PyPI account gkaraca, which I can't use since …")
    Rule { pattern: r"(?:\b(?:address(?:es)?|mail\s?box(?:es)?|inbox|e-?mail|mail|domain|(?:e-?mail|mail|gmail|outlook|hotmail|yahoo|work|university|office)\s+account)|@[\w-]+(?:\.[\w-]+)+)\s*(?:\([^()]{0,80}\)\s*)?,?\s*(?:which|that)\s+i\s+(?:can(?:'t|not|\s+not)|could(?:n't|\s+not)|(?:do|did)(?:n't|\s+not)|am\s+not\s+able\s+to|no\s+longer|cannot)\s+(?:{W}\s+)?(?:read|check|use|access|monitor|control|open|log\s+into|get\s+into)\b", value: Value::No },
    Rule { pattern: r"\b(?:closed|deleted|deactivated|disabled|suspended|removed)\s+(?:it|the\s+(?:account|mailbox|address|inbox))\s+(?:for|due\s+to|because\s+of|after)\s+(?:\w+\s+)?inactivity\b", value: Value::No },
    Rule { pattern: r"\b(?:forward(?:s|ed|ing)?|redirect(?:s|ed|ing)?|auto-?forward\w*)\b[^.;]{0,60}?\b(?:to\s+(?:me|my|this|the\s+new)|here)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:e-?mail|mail\s?box|inbox|domain)\b[^.;]{0,60}?\b(?:expired|deleted|deactivated|closed|shut\s+down|no\s+longer\s+exists|does(?:n't| not)\s+exist|(?:has|have|had)(?:n't|\s+not)\s+existed|ceased\s+to\s+exist|was\s+(?:disabled|removed|suspended|decommissioned|deprovisioned|retired|discontinued|terminated)|(?:is|are)\s+no\s+longer\s+delivered|(?:is|was|are|were)\s+gone\b)", value: Value::No },
    // (the institution's, not its phone: "… my account burakcelik (2FA app was on the old
    // company phone, wiped)")
    Rule { pattern: r"\b(?:former|previous|old|ex-?)\s*(?:{W}\s+)?(?:employer|job|company|university|work(?:place)?|school|institution)(?:'s)?(?:{NOT_ITS_DEVICE}[^.]{0,80}?\b|\s+)(?:e-?mail|address|mail\s?box|inbox)|\b(?:e-?mail|address|mail\s?box|inbox)\b[^.]{0,80}?\b(?:former|previous|old|ex-?)\s*(?:employer|job|company|university|work(?:place)?|school|institution)(?:'s)?\b{NOT_ITS_DEVICE}", value: Value::NoUnlessStated },
    Rule { pattern: r"\baccess\s+(?:to\s+)?(?:{W}\s+){0,3}?{MAIL}", value: Value::Yes },
    // "the address registered on the account …, to which I continue to have full access"
    Rule { pattern: r"{MAIL}[^.;]{0,80}?\b(?:to\s+which|which|that)\s+i\s+(?:still\s+|continue\s+to\s+|also\s+)?(?:have|retain|keep)\s+(?:full\s+|complete\s+|unrestricted\s+)?(?:(?:and\s+)?\w+\s+){0,2}?access\b", value: Value::Yes },
    Rule { pattern: r"\b(?:read(?:ing)?|receiv(?:e|ing)|get|check(?:ing)?|see|access(?:ing)?|open|use|monitor(?:ing)?|control)\s+(?:{W}\s+){0,3}?{MAIL}", value: Value::Yes },
    Rule { pattern: r"\b(?:(?:do|does|did)(?:n't|\s+not)|no\s+longer|not)\s+(?:have|own|control)\s+(?:that|this|the|my|those|these)\s+(?:{W}\s+){0,2}?(?:e-?mail\s+)?(?:address|e-?mail|inbox|mailbox)(?:es)?\b", value: Value::No },
    Rule { pattern: r"\b(?:company|employer|university|firm|business|startup|organi[sz]ation|school|agency)\b[^.]{0,60}?\b(?:closed|shut\s+down|went\s+(?:bankrupt|under|out\s+of\s+business)|dissolved|folded|no\s+longer\s+exists|does(?:n't|\s+not)\s+exist)", value: Value::NoUnlessStated },
    Rule { pattern: r"\b(?:this|the\s+same)\s+(?:{W}\s+){0,2}?(?:e-?mail\s+)?(?:address|e-?mail|inbox|mailbox)\b[^.;]{0,30}?\b(?:is|was)\s+(?:(?:the|exactly\s+the|also\s+the)\s+one\s+)?(?:registered|linked|associated|used|on\s+(?:the|my)\s+(?:pypi\s+)?account|tied)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:registered|account'?s?|linked|associated|pypi)\s+(?:e-?mail(?:\s+address)?|address)\b[^.;]{0,20}?\b(?:is|was)\s+(?:(?:still|also|just)\s+)?(?:this\s+(?:one|address|e-?mail)?|the\s+(?:present|current)\s+(?:one|address)|the\s+one\s+i(?:'m|\s+am)?\s+(?:writing|using|sending|mailing))", value: Value::Yes },
    Rule { pattern: r"\b(?:registered|linked|associated)\s+(?:to|with)\s+this\s+(?:{W}\s+){0,2}?(?:e-?mail\s+)?(?:address|e-?mail|inbox|mailbox)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:(?:it|this|that)\s+is|it's|that's)\s+(?:also\s+)?(?:the\s+(?:same\s+)?(?:one|address|e-?mail)|what\s+is)\s+(?:that\s+is\s+|which\s+is\s+)?(?:registered|linked|associated|used)\s+(?:on|with|to|for|at)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:writing|sending|emailing|mailing|write|writting)\s+(?:to\s+you\s+|this\s+)?(?:from|with)\s+(?:the|that|this|my)\s+(?:same\s+|very\s+)?(?:registered|account'?s?|linked|associated|pypi)\s+(?:e-?mail\s+)?(?:address|e-?mail|inbox|mailbox)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:still\s+)?(?:receiv(?:e|ing)|get(?:ting)?)\s+(?:everything|all\s+(?:the\s+|my\s+)?(?:mail|messages|e-?mails))\s+(?:here|there|on\s+it|at\s+it|fine|(?:on|at|to)\s+(?:this|that|the\s+same|my)\s+(?:address|e-?mail|inbox|mailbox))\b|\bi\s+(?:still\s+)?receive\s+everything\b|\b(?:i'm|i\s+am)\s+(?:still\s+)?reading\s+it\b", value: Value::Yes },
    Rule { pattern: r"\b(?:still\s+)?(?:receiv(?:e|ing)|get(?:ting)?)\s+(?:{W}\s+){0,4}?(?:notifications?|newsletters?|notices|mails?|e-?mails|messages|alerts)\s+(?:here|there|at\s+(?:that|this|the\s+same)\s+address|in\s+(?:that|this)\s+(?:inbox|mailbox))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:e-?mail|mail|address)(?:\s+address)?\s+(?:on|of|for|in)\s+(?:the|my)\s+(?:pypi\s+)?(?:account|file|profile)\b[^.;]{0,20}?\b(?:is|was)\s+(?:still\s+|also\s+)?(?:this\s+(?:one|address|e-?mail)?|the\s+one\s+i(?:'m|\s+am)?\s+(?:writing|using|sending|mailing))", value: Value::Yes },
    Rule { pattern: r"\b(?:e-?mail|address|inbox|mailbox)\b[^.]{0,60}?\b(?:which|that)\s+i\s+(?:lost|no\s+longer\s+(?:have|own|control)|gave\s+up|closed|deleted|abandoned)\b", value: Value::No },
    Rule { pattern: r"\b(?:shut|closed|deleted|deactivated|disabled|cancell?ed|terminated)\s+(?:down\s+)?(?:that|the|my|this)\s+(?:old\s+|work\s+)?(?:mailbox|inbox|e-?mail\s+(?:account|address)|address|account)\b", value: Value::NoUnlessStated },
    Rule { pattern: r"\b(?:read|receive|get|see)\s+anything\s+(?:sent\s+|that\s+is\s+sent\s+|addressed\s+)?(?:there|to\s+(?:it|that\s+address))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:address|e-?mail)(?:\s+address)?\s+(?:registered(?:\s+(?:there|on\s+(?:the\s+)?(?:account|pypi)))?|on\s+file|(?:pypi|the\s+site)\s+has(?:\s+on\s+file)?)\b[^.;]{0,30}?\b(?:is|was)\s+(?:still\s+|also\s+)?(?:this|the\s+one\s+i)", value: Value::Yes },
    Rule { pattern: r"\b(?:still\s+)?delivers?\s+(?:\w+\s+)?to\s+me\b|\bi\s+am\s+reading\s+(?:your|this)\s+(?:message|mail|e-?mail|reply)\s+(?:in|on)\s+it\b", value: Value::Yes },
    Rule { pattern: r"\b(?:university|college|school|student|alumni|campus)\b[^.]{0,60}?\b(?:graduat\w*|finished\s+(?:my\s+)?studies|left|closed|expired|deactivated)\b", value: Value::NoUnlessStated },
    Rule { pattern: r"\b(?:log|sign)(?:ged)?\s*(?:in|into|on)\s+(?:to\s+)?(?:{W}\s+){0,3}?{MAIL}", value: Value::Yes },
    Rule { pattern: r"\bstill\s+(?:have|own|got)\s+(?:{W}\s+){0,5}?{MAIL}", value: Value::Yes },
    Rule { pattern: r"\b(?:e-?mail|mail\s?box|inbox)\b(?:\s+(?:address|account))?[^.;]{0,40}?\b(?:is|are|remains?)\s+(?:both\s+)?(?:still\s+|fully\s+)?(?:fine|ok|okay|working|accessible|reachable|good|active|available|under\s+my\s+control|mine)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:access\s+to|read|use|access|open|check|monitor|control|get\s+into|log\s*(?:in|into|on)(?:\s+to)?|sign\s*(?:in|into|on)(?:\s+to)?)\s+it\b", value: Value::Yes },
    Rule { pattern: r"\b(?:receive|get|read|see)\s+(?:{W}\s+){0,4}?(?:sent|addressed|mailed|going)\s+to\s+(?:{W}\s+){0,3}?(?:address|mail\s?box|inbox|e-?mail)\b", value: Value::Yes },
    Rule { pattern: r"\bdomain\b[^.;]{0,40}?\b(?:expire[sd]?|lapsed?|let\s+(?:it\s+)?(?:expire|lapse|go))\b|\blet\s+(?:the\s+|my\s+|that\s+)?domain\s+(?:expire|lapse|go)\b", value: Value::No },
    Rule { pattern: r"\b(?:i\s+(?:still\s+|also\s+)?have\s+(?:full\s+)?access|(?:it|that|this(?:\s+one)?)\s+(?:still\s+)?works(?:\s+(?:fine|well|perfectly|great|ok|okay|normally|normal|good|as\s+usual|as\s+always|as\s+normal|without\s+(?:any\s+)?problems?))?|(?:it|that|this(?:\s+one)?)\s+is\s+(?:still\s+)?(?:working|fine|active|accessible))\s*(?:[.,;!)(]|$|and\b|but\b)", value: Value::Yes },
    Rule { pattern: r"\b(?:which|that)\s+i\s+(?:can\s+)?(?:still\s+|also\s+)?(?:read|check|use|access|monitor|control|open)\b", value: Value::Yes },
    // "I received your email there ok": our own mail reached the address in question
    Rule { pattern: r"\b(?:received|got|get|receive|receiving|getting)\s+(?:your|the\s+(?:automated|automatic|confirmation)|this)\s+(?:e-?mail|mail|message|reply|answer|acknowledge?ment)\s+(?:there|on\s+it|at\s+(?:it|that\s+address|this\s+address))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:still\s+)?(?:reach(?:es)?|gets?\s+to|arrives?\s+(?:at|to|with)|comes?\s+(?:to|through\s+to)|lands?\s+(?:in|with))\s+(?:me|my\s+inbox|my\s+mailbox)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?)\s+(?:sent|addressed|going)\s+to\s+(?:{W}\s+){0,5}?(?:address|mail\s?box|inbox|account)\b[^.;]{0,30}?\b(?:no\s+longer|never|(?:does|do|did)(?:n't|\s+not)|won't)\s+(?:arrives?|reach(?:es)?|gets?|comes?|lands?|bounces?)\b|\b(?:mail|e-?mails?|messages?)\s+(?:sent|addressed|going)\s+to\s+(?:{W}\s+){0,5}?(?:address|mail\s?box|inbox|account)\b[^.;]{0,30}?\bbounces?\b", value: Value::No },
    Rule { pattern: r"\b(?:mail|e-?mails?|messages?)\s+(?:sent|addressed|going)\s+to\s+(?:{W}\s+){0,5}?(?:address|mail\s?box|inbox|account)\b[^.;]{0,30}?\b(?:still\s+)?(?:arrives?|reach(?:es)?\s+me|gets?\s+(?:to\s+me|through)|comes?\s+through|lands?\s+(?:in\s+my|here)|(?:is|are)\s+(?:still\s+)?delivered\s+to\s+me)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:your|pypi'?s|the|its)\s+(?:{W}\s+)?(?:e-?)?mails?\s+(?:came|comes|come|got|gets)\s+through\b", value: Value::Yes },
    Rule { pattern: r"\b(?:your|pypi'?s|the|its)\s+(?:{W}\s+)?e-?mails?\s+(?:are|is)\s+(?:still\s+)?(?:coming\s+(?:through|in)|getting\s+through|arriving|reaching\s+me|coming\s+to\s+(?:me|this|here))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:e-?mail|address)(?:\s+address)?\s+(?:that\s+|which\s+)?i\s+(?:used|registered|signed\s+up|gave)\b[^.;]{0,40}?\b(?:is|was)\s+(?:also\s+)?(?:this|the\s+same|the\s+one\s+i(?:'m|\s+am)?\s+(?:writing|using|sending|mailing))\b", value: Value::Yes },
    // "it is this same id and I am getting all mails in it"
    Rule { pattern: r"\bi(?:\s+am|'m)?\s+(?:still\s+)?(?:getting|receiving|get|receive)\s+(?:all\s+)?(?:the\s+|my\s+)?(?:e-?)?mails?\s+(?:in|on|at|to)\s+(?:it|there|(?:this|that)\s+(?:{W}\s+)?(?:id|address|inbox|box|mail\s?box|account))\b", value: Value::Yes },
    // the writer's own address gets PyPI's mail: "The original address, this one, still gets
    // PyPI's mail - that's how I saw the warnings" (not "my old address still gets …")
    Rule { pattern: r"\b(?:(?:this|my\s+current|the\s+same)\s+(?:e-?mail\s+)?address|(?:address|inbox|mailbox)\s*,\s*(?:this|the\s+same)\s+one\s*,)\s+(?:still\s+|also\s+)?(?:gets|receives)\s+(?:pypi'?s|the\s+pypi|all\s+(?:the\s+)?pypi|the\s+account'?s)\s+(?:mail|e-?mails?|messages|notifications|alerts|warnings)\b\s*(?:[.!;]|$|[-–—]|,\s*(?:so|and)\b)", value: Value::Yes },
    // "Mails from PyPI arrive to this Yahoo address and I read them without any problem"
    Rule { pattern: r"\b(?:mails?|e-?mails?|messages|notifications)(?:\s+from\s+(?:test\.)?pypi(?:\.org)?|\s+for\s+(?:this|the|my)\s+(?:pypi\s+)?account)?\s+(?:still\s+|keep\s+|do\s+)?(?:arrive|arriving|come|coming)\s+(?:in|to|at|on|into)\s+(?:this|that|my)\s+(?:{W}\s+)?(?:address|inbox|mail\s?box|box|account)\b", value: Value::Yes },
];

/// `password_access`: they still know the password, or lost/forgot it.
pub const PASSWORD_ACCESS: &[Rule] = &[
    // regret of having sent it says nothing of having it: "I should not have put my password
    // in the first mail"
    Rule { pattern: r"\b(?:should(?:n't|\s+not)|ought\s+not\s+to)\s+have\s+(?:put|sent|included|written|shared|given|pasted|typed|posted|mentioned|emailed)\b[^.;]{0,30}?\b(?:password|passphrase|pw)\b", value: Value::Nothing },
    // an earlier word taken back: "I told you I still know my password, and that turns out not
    // to be true"; the right one not known: "… PyPI rejects it, and I don't know the current one"
    Rule { pattern: r"\b(?:told\s+you|said|wrote|claimed|mentioned)\s+(?:that\s+)?i\s+(?:still\s+)?(?:know|knew|had|have|remember(?:ed)?)\s+(?:my|the)\s+(?:pypi\s+)?(?:password|passphrase)\b[^.;]{0,40}?\b(?:(?:turns|turned)\s+out\s+(?:not\s+to\s+be|to\s+be\s+(?:wrong|false|untrue))|(?:is|was)(?:n't|\s+not)\s+(?:true|right|correct|the\s+case)|(?:was|is)\s+(?:wrong|false|untrue|a\s+mistake|mistaken|incorrect))\b|\b(?:password|passphrase)\b[^.]{0,100}?\b(?:i\s+)?(?:don't|do\s+not|no\s+longer|can't|cannot)\s+(?:know|remember|recall|have)\s+(?:the|my|what\s+the)\s+(?:current|new|actual|real|right|correct|valid)\s+one\b", value: Value::No },
    // lost with the device that held it: "the password went with the iPad and the laptop"
    Rule { pattern: r"\b(?:password|passphrase)\s+(?:also\s+)?(?:went|is\s+gone|was\s+lost|got\s+lost|disappeared|vanished)\s+(?:along\s+|down\s+)?with\s+(?:the|my|that|those|both)\s+(?:old\s+|stolen\s+|lost\s+|dead\s+|broken\s+)?(?:phone|ipad|laptop|computer|device|tablet|password\s+manager|vault|macbook|iphone|devices|machines?)\b", value: Value::No },
    // trying many is no statement: "I think I have tried every passphrase I've used in the
    // last five years"
    Rule { pattern: r"\b(?:tried|tested|went\s+through)\s+(?:every|all|each|several|many|various|dozens|a\s+dozen|a\s+bunch|a\s+lot|lots|different|countless)\s+(?:of\s+)?(?:the\s+|my\s+)?(?:old\s+|usual\s+|possible\s+|previous\s+|other\s+)?(?:password|passphrase|pw|pwd)s?(?:\s+(?:i'?ve|i\s+have|i)\s+(?:ever\s+)?used(?:\s+(?:in|over)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years?|months?))?)?\s*(?:[.!]|$)", value: Value::Nothing },
    // "I remain in possession of the credentials (username and password)"
    Rule { pattern: r"\b(?:i|we|undersigned)\s+(?:remains?|am\s+still|are\s+still|still|am|are)\s+in\s+(?:full\s+)?possession\s+of\s+(?:the|my|our)\s+(?:{W}\s+){0,2}?(?:credentials|password|passphrase|login\s+details)\b(?:\s*\([^)]{0,40}\))?", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+(?:\([^)]{0,60}\)\s+)?(?:i\s+)?(?:haven't|have\s+not|didn't|did\s+not|never)\s+(?:forgotten|forgot|lost)\b|\b(?:i'?ve\s+still\s+got|i\s+still\s+have)\s+(?:that|it)\s*(?:[.!,;]|$)|\bif\s+i\s+had\s+(?:forgotten|lost)\s+(?:the|my)\s+(?:password|pw)\b[^.]{0,60}?\bbut\s+i\s+(?:haven't|have\s+not|hadn't|didn't|did\s+not)\b", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+\([^)]{0,60}\)\s+(?:still\s+)?(?:works|is\s+accepted)\b", value: Value::Yes },
    // "when I log in with my password, which still works, …"
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s*,?\s+(?:which|that)\s+(?:still\s+|also\s+)?(?:works|is\s+(?:still\s+)?(?:accepted|correct|valid))\b", value: Value::Yes },
    // the object first, as many write English learnt after another language: "Password also I
    // remember", "the password I am having it" (but not "the password I have is wrong")
    Rule { pattern: r"(?:^\W*|\b(?:the|my|and|but|so|also)\s+)(?:password|passphrase|pw)\s*,?\s+(?:itself\s+|also\s+|too\s+|as\s+well\s+)?i\s+(?:also\s+|still\s+|do\s+|can\s+)*(?:remember|know|have|am\s+having|am\s+knowing|recall)(?:\s+(?:it|too|also|as\s+well|still))*\s*(?:[.,;!]|$)", value: Value::Yes },
    // a list of what is gone: "no TOTP, no password, no recovery codes"
    Rule { pattern: r"\bno\s+(?:pypi\s+)?(?:password|pw)\s*(?:[,;.!]|$|(?:and|nor|or)\s+no\b)", value: Value::No },
    // the password of their mailbox, bank or another site says nothing about PyPI's
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)s?\s+(?:for|of|to|on)\s+(?:my|the|her|his|our|that)\s+(?:[\w-]+\s+){0,2}?(?:e-?mail|mail|mailbox|inbox|gmail|outlook|hotmail|yahoo|icloud|bank|banking|github|gitlab|google|apple|microsoft|windows|laptop|computer|phone|wi-?fi|router)\b|\b(?:e-?mail|gmail|outlook|hotmail|yahoo|icloud|bank|banking|github|gitlab|google|apple|microsoft|windows|laptop|computer|phone|wi-?fi|vault|backup|master|encryption|aegis|authy|keepass\w*|bitwarden|disk)\s+(?:account\s+)?password\b", value: Value::Nothing },
    // "I'm not sure I still know the password": doubt, not a loss ("no idea what it is" is one)
    Rule { pattern: r"\b(?:not\s+sure|unsure)\s+(?:if\s+|whether\s+|that\s+)?i\s+(?:still\s+)?(?:know|remember|have|recall)\s+(?:{W}\s+){0,2}?(?:password|passphrase|pw|pwd)\b", value: Value::Nothing },
    Rule { pattern: r"\b(?:no\s+(?:idea|clue)|not\s+sure)\b[^.;]{0,30}?\b(?:password|passphrase|pw|pwd)\b", value: Value::No },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+(?:mujhe\s+)?yaad\s+hai\b", value: Value::Yes },
    // the site turns the password down: "the site says the password is wrong"
    Rule { pattern: r"\b(?:says|said|tells\s+me|told\s+me)\s+(?:that\s+)?(?:the\s+|my\s+)?password\s+is\s+(?:now\s+)?(?:wrong|incorrect|invalid)\b|\b(?:no\s+longer\s+accepts?|rejects|rejected|refuses|refused)\s+(?:my\s+|the\s+)?password\b|\bpassword\s+(?:(?:was|is|got|gets)\s+)?(?:rejected|refused|declined)\b", value: Value::No },
    // "the first screen is happy with my username and password"
    Rule { pattern: r"\b(?:accepts?|accepted|accepting|is\s+happy\s+with|takes|took|is\s+fine\s+with|goes\s+through\s+with)\s+(?:my\s+|the\s+)?(?:user\s?name\s+and\s+(?:my\s+|the\s+)?)?password\b", value: Value::Yes },
    // "The password is in my head, not on the phone"
    Rule { pattern: r"\b(?:password|passphrase)\s+(?:is|was|lives|stays)\s+(?:still\s+|safely\s+)?(?:in\s+my\s+(?:head|memory)|memori[sz]ed)\b", value: Value::Yes },
    // "Password I am remembering", "the password I still know"
    Rule { pattern: r"\b(?:password|passphrase)\s+i\s+(?:am\s+(?:still\s+)?remembering|(?:still\s+|do\s+)?(?:remember|know)|still\s+have)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase)\s+i(?:'ve|\s+have)\s+(?:(?:definitely|certainly|absolutely|surely|also|really|still)\s+)*got\b|\b(?:password|passphrase)\s+i\s+(?:(?:definitely|certainly|absolutely|surely|also|really|do)\s+)+(?:still\s+)?(?:have|know|remember|recall)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:forgot|forgotten|forget|lost|misplaced)\s+(?:{W}\s+){0,2}?(?:password|passphrase|pw|pwd)", value: Value::No },
    // a loss denied: "the password is not lost after all", "my password isn't forgotten"
    // (my/the password only, and nothing after it: not "The password wasn't lost, it was
    // changed by whoever took over", "My wife's password is not lost")
    Rule { pattern: r"\b(?:my|the)\s+(?:pypi\s+)?(?:password|passphrase)\s+(?:itself\s+)?(?:is|was)(?:n't|\s+not)\s+(?:lost|forgotten|gone)(?:\s+(?:after\s+all|either|at\s+all))?\s*(?:[.!]|$)", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.;]{0,20}?\b(?:is|was|got)\s+(?:lost|forgotten|unknown|gone)\b", value: Value::No },
    // ("I have tried every passphrase I've used" is read by the `Nothing` rule at the top:
    // trying is not knowing)
    Rule { pattern: r"\b(?:know|remember|recall|have|i've|got|use|possess|possession\s+of)\s+(?:{W}\s+){0,4}?(?:password|passphrase|pw|pwd)", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b(?:\s+and\s+{W}(?:\s+{W})?)?[^.;]{0,30}?(?:\b(?:is|are)|'s)\s+(?:both\s+)?(?:still\s+)?(?:fine|ok|okay|correct|right|working|known|good|accepted|sorted)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.;]{0,40}?\b(?:still\s+)?(?:(?:gets|got|get)\s+(?:me|us)\s+(?:in|through|past|as\s+far\s+as|up\s+to|to)|(?:takes|took|take|brings|bring|lets|let)\s+(?:me|us)\s+(?:through|past|as\s+far\s+as))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:have|got)\s+(?:it|the\s+password|my\s+password)\s+(?:saved|stored)\s+(?:in|on)\s+(?:the|my)\s+(?:browser|password\s+manager|keychain|phone|laptop|computer|vault)", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+(?:itself\s+|as\s+such\s+|at\s+least\s+)?(?:still\s+)?(?:works|is\s+accepted)\b", value: Value::Yes },
    // shorthand: "pw ok", "password: fine"
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s*[:=]?\s+(?:still\s+)?(?:ok|okay|fine|good|known|works)\s*(?:[.,;!]|$)", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+(?:i\s+)?(?:still\s+)?(?:know|have|remember)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.;]{0,20}?\b(?:doesn'?t|don'?t|didn'?t|does\s+not|do\s+not|did\s+not|no\s+longer|won'?t)\s+work", value: Value::No },
    // "The password is not the problem: it is still in my password manager, … a key I no longer
    // have": where it is kept, said in the present, before the losses the sentence goes on to
    Rule { pattern: r"\b(?:password|passphrase)\b(?:[^.]{0,60}?\bit)?\s+is\s+still\s+(?:saved\s+|stored\s+|kept\s+)?in\s+(?:my|the)\s+(?:password\s+)?(?:vault|manager|keychain|keepass\w*|bitwarden|1password|lastpass)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:the\s+)?password(?:\s+itself)?(?:\s+(?:is|was)(?:n't|\s+not)|'s\s+not)\s+(?:the|my)\s+(?:problem|issue)\b|\b(?:the|my)\s+(?:pypi\s+)?password(?:\s+itself)?\s+is(?:n't|\s+not)\s+a\s+problem\b", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.]{0,80}?\b(?:vault|manager|keychain|keepass\w*|bitwarden|1password|lastpass|file|notebook|phone|laptop)\b[^.]{0,60}?\b(?:lost|gone|stolen|wiped|deleted|no\s+longer\s+have|(?:don'?t|do\s+not)\s+have)\b", value: Value::No },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.]{0,40}?\b(?:written|noted|saved|stored|kept)\s+(?:down\s+)?(?:in|on)\s+(?:my|a|the)\s+(?:notebook|note|paper|book|diary|file|password\s+manager|safe)", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password\s+manager|keychain|keepass\w*|bitwarden|1password|lastpass|vault)\s+(?:still\s+)?(?:has|knows|remembers|stores|holds|fills\s+in|keeps)\s+(?:it|the\s+password|my\s+password)\b", value: Value::Yes },
    Rule { pattern: r"\bi\s+(?:(?:have|had|just|already|successfully|even|also)\s+)*(?:reset|changed|updated|recovered)\s+(?:my|the)\s+(?:pypi\s+)?password\b", value: Value::YesOnly },
    // "The password step still goes through without a hitch"
    Rule { pattern: r"\b(?:the|my)\s+password\s+(?:step|stage|part|check)\s+(?:still\s+)?(?:goes\s+through|works|is\s+fine|passes|succeeds)(?:\s+(?:without\s+a\s+hitch|fine|just\s+fine|as\s+(?:before|usual|always)))?\s*(?:[.;!]|$|,?\s+(?:so|it'?s|and\s+it'?s)\b)", value: Value::Yes },
    // "The password itself is safe in my password manager, for what that's worth"
    Rule { pattern: r"\b(?:password|passphrase)\s+(?:itself\s+)?is\s+(?:still\s+)?safe(?:ly\s+stored)?\s+in\s+(?:my|the)\s+(?:password\s+manager|vault|keychain|bitwarden|1password|keepass\w*|lastpass)\s*(?:[.!]|$|,\s*(?:for\s+what|if\s+that|so)\b)", value: Value::YesOnly },
    // "my password has gone clean out of my head"
    Rule { pattern: r"\b(?:password|passphrase)\b[^.;]{0,20}?\b(?:has|have)\s+(?:gone|slipped|vanished)\s+(?:\w+\s+)?(?:out\s+of|from)\s+my\s+(?:head|mind|memory)(?:\s+(?:as\s+well|too|also|completely|entirely))?\s*(?:[.;!]|$|,?\s+(?:and|so)\b)", value: Value::No },
    Rule { pattern: r"\bmy\s+(?:current\s+|pypi\s+|account\s+)*password\s+is\s+\[redacted\s+password\]", value: Value::YesOnly },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\b[^.;]{0,60}?\b(?:is|gets|getting|being|was|got)\s+accepted\b", value: Value::Yes },
    Rule { pattern: r"\b(?:password|passphrase|pw|pwd)\s+(?:itself\s+)?(?:is|was)\s+(?:still\s+|safely\s+)?(?:saved\s+|stored\s+|kept\s+)?(?:in|on)\s+(?:(?:my|the|our)\s+)?(?:pass(?:word)?\s*(?:store|manager|safe)|keychain|keepass\w*|bitwarden|1password|lastpass|vault|browser|firefox|chrome|safari|edge|brave|vivaldi|opera)\b", value: Value::YesOnly },
    // (last: a tail like "… I can no longer produce" would negate it) "The password I keep in my head: I tried it on Sunday and PyPI accepted it"
    Rule { pattern: r"\b(?:password|passphrase)\b[^.]{0,120}?\b(?:pypi|the\s+site|it|the\s+login(?:\s+page)?)\s+(?:still\s+)?(?:accepts|accepted|took|takes)\s+it\b", value: Value::Yes },
    // an inventory: "What I do still have: the password (it's in my manager), and the inbox"
    Rule { pattern: r"\bwhat\s+i\s+(?:do\s+)?(?:still\s+)?(?:have|know|remember)(?:\s+(?:still|left))?\s*(?:is|are|:)\s*(?:[\w\s'()-]{0,40}?(?:,|\band\b)\s*)?(?:the\s+|my\s+)?(?:pypi\s+)?(?:password|passphrase)\s*(?:[,.;(!]|\band\b|$)", value: Value::Yes },
    // "The password did survive the migration, so I get as far as the 2FA prompt"
    Rule { pattern: r"\b(?:password|passphrase)\s+(?:did\s+|has\s+|also\s+|at\s+least\s+)?surviv(?:e|ed|es)\b", value: Value::Yes },
    // "I haven't forgotten my password", "My password is still the same" (not "the same as my
    // GitHub one, which I have forgotten"); last, so that
    // any other statement of the sentence wins ("… still the same, I just can't remember it")
    Rule { pattern: r"\b(?:haven't|have\s+not|hasn't|has\s+not|never|did(?:n't|\s+not))\s+(?:forgotten|forgot|forget|lost|lose)\s+(?:my|the|our)\s+(?:pypi\s+)?(?:password|passphrase)\b|\b(?:password|passphrase)\s+(?:is|has|remains|stayed)\s+(?:still\s+)?(?:the\s+same|unchanged)\s*(?:[.,;!)]|$|and\b|but\b|-)", value: Value::YesOnly },
];

/// `code_of_conduct`: they agree to follow it (or refuse).
pub const CODE_OF_CONDUCT: &[Rule] = &[
    // agreement stated after naming it, even where the sentence also reports what the form asks
    // ("I have read the PSF Code of Conduct and I commit to following it")
    Rule { pattern: r"\b(?:code\s+of\s+conduct|coc)\b[^.]{0,40}?\b(?:and|so)\s+i\s+(?:do\s+|also\s+|fully\s+|hereby\s+)?(?:agree|accept|will\s+(?:follow|abide|adhere|respect|comply|stick|honou?r|uphold)|commit\s+to\s+(?:following|abiding|respecting|upholding|it)|promise\s+to\s+(?:follow|abide|respect))\b|\b(?:code\s+of\s+conduct|coc)\b[^.]{0,40}?\b(?:and|so)\s+(?:i'll|i\s+shall|(?:i\s+)?will|shall)\s+(?:also\s+|fully\s+|of\s+course\s+)?(?:follow|abide\s+by|adhere\s+to|respect|comply\s+with|stick\s+to|honou?r|uphold)\s+it\b", value: Value::Yes },
    // what the form asks, reported: "I saw on the form that I must agree to the Code of Conduct"
    Rule { pattern: r"\b(?:saw|seen|read|says?|said|states?|stated|told\s+me|tells\s+me|asks?|asked|mentions?|mentioned|explains?|explained|requires?|required|noticed)\b[^.]{0,60}?\bthat\s+(?:i|you|we|one|people|everyone|requesters?|users?)\s+(?:must|have\s+to|has\s+to|need\s+to|needs\s+to|should|(?:am|are|is)\s+(?:required|expected|supposed)\s+to)\s+(?:{W}\s+){0,4}?(?:code\s+of\s+conduct|coc)\b", value: Value::Nothing },
    Rule { pattern: r"\b(?:objections?|object(?:ing)?|reservations?|qualms|(?:a\s+)?problems?)\s+(?:to|against|with|about)\s+(?:the\s+)?(?:psf'?s?\s+|pypi'?s?\s+)?(?:code\s+of\s+conduct|coc)\b", value: Value::Against },
    Rule { pattern: r"\b(?:refuse|decline|reject|won't|will\s+not)\b(?:\s+{W}){0,6}?\s+(?:code\s+of\s+conduct|coc)\b", value: Value::No },
    Rule { pattern: r"\b(?:agree|agreed|agreeing|agreement|consent|commit|promise|accept|accepted|abide|adhere|follow|respect|comply|will|stick|keep|observe|obey|uphold|honou?r|go\s+along|following|abiding|adhering|complying|sticking|respecting)\b(?:\s+{W}){0,7}?\s+(?:code\s+of\s+conduct|coc)\b", value: Value::Yes },
    // put off until it is read: "I'll answer … once I've had a proper look at the Code of
    // Conduct page, I don't like agreeing to things I haven't read" (no refusal)
    Rule { pattern: r"\b(?:once|until|till|before)\s+i(?:'ve|\s+have|'ll|\s+will)?\s+(?:had\s+|have\s+|taken\s+|take\s+|got\s+)?(?:a\s+(?:proper\s+|closer\s+|good\s+|careful\s+|chance\s+to\s+)?(?:look|read)\s+(?:at|through)|read|looked\s+at|gone\s+through|go\s+through|checked|check)\s+(?:through\s+)?(?:the\s+|your\s+)?(?:psf'?s?\s+|pypi'?s?\s+)?(?:code\s+of\s+conduct|coc)\b", value: Value::Nothing },
    Rule { pattern: r"\b(?:code\s+of\s+conduct|coc)\b[^.?]{0,60}?\b(?:don't|do\s+not|can't|cannot|won't|will\s+not|refuse|disagree)\b", value: Value::No },
    Rule { pattern: r"\b(?:code\s+of\s+conduct|coc)\b[^.?]{0,25}?\b(?:agreed|accepted|yes|fine\s+(?:with|by)\s+me|no\s+problem|i'll\s+follow\s+it)\b", value: Value::Yes },
    Rule { pattern: r"\b(?:code\s+of\s+conduct|coc)\b[^.?]{0,60}?\b(?:i\s+(?:am\s+|'m\s+)?(?:also\s+)?(?:agree|accept)|(?:in|my)\s+agreement|agree\s+(?:with|to)\s+(?:it|this|that|them)|agree\s+to\s+(?:abide\s+by|follow|respect|adhere\s+to|comply\s+with|honou?r|stick\s+to)\s+(?:it|this|them)|ok(?:ay)?\b[,\s]+i\s+agree|se\s+agree|(?:will|shall|promise\s+to|intend\s+to|(?:(?:perfectly|more\s+than|very|quite|really)\s+)?(?:happy|willing|glad|ready|prepared)\s+to)\s+(?:agree\s+to\s+)?(?:abide\s+by|follow|respect|adhere\s+to|comply\s+with|honou?r|stick\s+to|go\s+along\s+with)\s+(?:it|this|them))\b", value: Value::Yes },
    Rule { pattern: r"\b(?:yes|ok|okay|sure)\s*,?\s+(?:to|for|on)\s+(?:the\s+)?(?:psf\s+|pypi\s+)?(?:code\s+of\s+conduct|coc)\b", value: Value::Yes },
    // the Code of Conduct named and agreed to in another language
    Rule { pattern: r"\b(?:concordo|acepto|aceito|(?:estoy\s+)?de\s+acuerdo|accetto|j'accepte|j'adh[èe]re|je\s+m'engage|stimme|einverstanden|akzeptiere|zgadzam\s+si[ęe]|согласен|согласна|погоджуюся|обязуюсь|kabul\s+ediyorum|me\s+comprometo|mi\s+impegno|ga\s+akkoord)\b[^.?]{0,60}?\b(?:c[óo]digo\s+de\s+condu(?:ta|cta)|code\s+de\s+conduite|verhaltenskodex|codice\s+di\s+condotta|kodeks\w*\s+post[eę]powania|кодекс\w*\s+поведін\w*|кодекс\w*\s+поведени\w*|gedragscode|davranış\s+kural\w*)|\b(?:c[óo]digo\s+de\s+condu(?:ta|cta)|code\s+de\s+conduite|verhaltenskodex|codice\s+di\s+condotta|kodeks\w*\s+post[eę]powania|кодекс\w*\s+поведін\w*|кодекс\w*\s+поведени\w*|gedragscode|davranış\s+kural\w*)[^.?]{0,60}?\b(?:concordo|acepto|aceito|de\s+acuerdo|accetto|j'accepte|stimme\s+ich\s+zu|einverstanden|zgadzam\s+si[ęe]|согласен|согласна|погоджуюся|обязуюсь|kabul\s+ediyorum|ga\s+akkoord)", value: Value::Yes },
    Rule { pattern: r"(?:行動規範|行为准则|行為準則|행동\s*강령)[^。.?？]{0,40}?(?:同意|동의)", value: Value::Yes },
];

/// `acknowledgement`: they understand review may take a significant amount of time.
pub const ACKNOWLEDGEMENT: &[Rule] = &[
    // "…, so I understand it could take a long time": stated, whatever the sentence reports
    Rule { pattern: r"\b(?:and|so)\s+i\s+(?:do\s+|fully\s+|also\s+)?(?:understand|accept)\s+(?:that\s+)?(?:it|this|the\s+review|the\s+process|recovery)\s+(?:may|might|can|could|will|would)\s+take\b", value: Value::YesOnly },
    // "… that I must agree to the Code of Conduct and accept that it could take a long time"
    Rule { pattern: r"\b(?:saw|seen|read|says?|said|states?|stated|told\s+me|tells\s+me|asks?|asked|mentions?|mentioned|explains?|explained|requires?|required|noticed)\b[^.]{0,60}?\bthat\s+(?:i|you|we|one|people|everyone|requesters?|users?)\s+(?:must|have\s+to|has\s+to|need\s+to|needs\s+to|should|(?:am|are|is)\s+(?:required|expected|supposed)\s+to)\s+[^.]{0,100}?\b(?:take|time|while|wait)\b", value: Value::Nothing },
    Rule { pattern: r"\b(?:understand|understood|aware|realize|realise|know|accept|acknowledge|appreciate|expect|fine|okay|ok|happy|willing|patient|prepared|take\s+note|note|get\s+(?:that|it)|clear\s+(?:to|for)\s+me)\b[^.?]{0,80}?\b(?:(?:may|might|can|could|will|would|does|do|to)\s+(?:{W}\s+)?take|takes|taking|(?:some|significant|long|considerable|a\s+while|a\s+long)\s+(?:amount\s+of\s+|length\s+of\s+)?(?:time|while)|(?:amount|length)\s+of\s+time|delays?|to\s+wait|waiting|patience|(?:significant|long|considerable|lengthy)\s+wait\s+(?:while|for|before|until)\s+(?:the|my|this)\s+(?:request|review|case|account)|(?:it|this|that|the\s+(?:review|process|request|recovery)|my\s+request)\s+(?:may|might|could|will|would)\s+be\s+(?:some|a\s+few|several|many|\d+)\s+(?:days|weeks|months)(?:\s*(?:[.,;!)]|$)|\s+(?:before|until|till)\s+(?:anyone|someone|somebody|you|staff|the\s+team|it|my\s+request|the\s+request)\b))", value: Value::YesOnly },
    // "I am conscious that the treatment of my demand can take a long time": of the review only
    Rule { pattern: r"\b(?:conscious|mindful|cognisant|cognizant)\s+(?:of\s+the\s+fact\s+)?that\s+(?:the\s+|my\s+|this\s+|your\s+)?(?:review|process|processing|request|demand|recovery|treatment|handling|verification|case)\b[^.?]{0,60}?\b(?:take|takes|taking|long|while|weeks|months|time)\b", value: Value::YesOnly },
    // formal and for a client: "I am conscious that the examination of a request of this nature
    // may take a considerable amount of time", "He also accepts that the review of his request
    // may take a significant amount of time"
    Rule { pattern: r"\b(?:conscious|mindful|cognisant|cognizant|aware|accepts|understands|acknowledges|appreciates|realises|realizes)\s+(?:of\s+the\s+fact\s+)?that\s+(?:the\s+|my\s+|this\s+|your\s+)?(?:review|examination|assessment|evaluation|investigation|consideration|processing|handling|verification)\s+of\s+(?:(?:my|the|this|his|her|their|our|a|such\s+a)\s+)?(?:{W}\s+){0,2}?(?:request|case|application|recovery|account)\b(?:\s+of\s+this\s+(?:nature|kind|type))?\s+(?:may|might|can|could|will|would)\s+(?:{W}\s+)?take\b", value: Value::YesOnly },
    // formal register: "I acknowledge that the review process may be protracted"
    Rule { pattern: r"\b(?:understand|understood|aware|acknowledge|accept|appreciate|recogni[sz]e|note|noted|know|realise|realize)\b[^.?]{0,60}?\b(?:review|process|processing|procedure|handling|verification|request)\b[^.?]{0,40}?\b(?:may|might|could|will|can)\s+(?:be|prove|become|get)\s+(?:(?:quite\s+|very\s+|rather\s+|a\s+bit\s+|pretty\s+)?(?:protracted|lengthy|prolonged|time-consuming)\b|(?:quite\s+|very\s+|rather\s+|a\s+bit\s+|pretty\s+)?(?:long|slow)(?:\s*(?:[.;!]|$)|\s*,\s*(?:it(?:'s|\s+is)\s+(?:not\s+a\s+problem|fine|ok)|that(?:'s|\s+is)\s+(?:fine|ok|no\s+problem)|no\s+problem|i\s+(?:can|will|am|don't\s+mind))|\s+(?:and|but)\s+(?:i\s+(?:can|will|am|don't\s+mind)|that(?:'s|\s+is)\s+(?:fine|ok))))", value: Value::YesOnly },
    Rule { pattern: r"\b(?:entiendo|comprendo|entendido|verstehe|versteh|je\s+comprends|compris|entendo|compreendo|begrijp|capisco)\b[^.?]{0,80}?\b(?:tardar|tarde|tiempo|dauern|dauert|zeit|temps|prendre|demorar|demora|tempo|duren|tijd|richiedere)\b", value: Value::YesOnly },
    Rule { pattern: r"\b(?:(?:may|might|can|could|will|would)\s+(?:{W}\s+)?take\s+(?:{W}\s+){0,3}?(?:time|while)|(?:the\s+)?(?:time|delay|wait(?:ing)?)\b[^.?]{0,15}?)\b[^.?]{0,40}?(?:\bi\s+(?:fully\s+)?(?:understand|accept|get\s+it|am\s+aware|am\s+fine\s+with\s+(?:it|that))|\b(?:understood|noted|acknowledged|accepted)|[-–—:]\s*understand)\b", value: Value::YesOnly },
    Rule { pattern: r"\b(?:no\s+rush|no\s+hurry|take\s+your\s+time|take\s+(?:whatever|all\s+the|as\s+much)\s+time|(?:happy|willing|fine|ok|okay)\s+to\s+wait|can\s+wait|i'll\s+wait|i\s+will\s+wait)\b", value: Value::YesOnly },
];

/// `recovery_codes`: most specific first; the first rule that holds in a sentence decides.
pub const RECOVERY_CODES: &[Rule] = &[
    // our own summary told back: "you list my recovery codes as lost, but I haven't said that"
    Rule { pattern: r"\byou\s+(?:list|listed|have|had|wrote|write|say|said|put|marked|recorded|noted|show|showed)\s+(?:down\s+)?(?:my|the|our)\s+{CODES}\s+as\b", value: Value::Nothing },
    // a counterfactual: "If I still had the codes I wouldn't be writing", "Had I saved them, …"
    // (not where: "Had I saved them somewhere more sensible than a notes app, …")
    Rule { pattern: r"\bif\s+i\s+(?:still\s+)?had\s+(?:(?:kept|saved|printed|downloaded)\s+)?(?:the|my|any|those|these)\s+(?:recovery\s+|backup\s+)?codes\b|\bhad\s+i\s+(?:saved|kept|printed|downloaded|written\s+down|stored)\s+(?:the|my|those|these|them)\b(?:\s+(?:recovery\s+|backup\s+)?codes\b)?\s*(?:[,.;:!]|$|\s+(?:i|we|when|while|during|back\s+then|at\s+the\s+time)\b)", value: Value::Codes(RecoveryCodes::Lost) },
    // formal register: "the recovery codes were not retained at the time of enrolment", "The
    // codes are not in my possession"
    Rule { pattern: r"{CODES}[^.;]{0,30}?\b(?:were|was|have|had)\s+(?:not|never)\s+(?:been\s+)?(?:saved|retained|kept|stored|downloaded|printed|recorded|preserved|written\s+down|backed\s+up)\b|(?:{CODES}|\b(?:they|them)\b)[^.;]{0,30}?\b(?:are|is|were|was)\s+(?:not|no\s+longer|never)\s+(?:been\s+)?in\s+my\s+possession\b", value: Value::Codes(RecoveryCodes::Lost) },
    // the codes themselves no longer work: "My own recovery codes from 2024 of course no longer
    // work" (not "I have the codes, but my phone no longer works")
    // "The recovery codes I have on paper are no good either"
    Rule { pattern: r"(?:^\W*|\b(?:the|my|our|these|those|all)\s+)(?:pypi\s+)?{CODES}(?:\s+i\s+have(?:\s+(?:on\s+paper|printed|saved))?)?\s+(?:are|is)\s+(?:all\s+)?no\s+good\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // "The site rejects every one of them."
    Rule { pattern: r"\b(?:pypi|the\s+site|it|the\s+(?:login\s+)?(?:page|form|prompt))\s+(?:reject(?:s|ed)|refus(?:es|ed))\s+(?:every|each|all)\s+(?:single\s+)?(?:one|code)(?:\s+of\s+them)?\s*(?:[.,;!]|$|\b(?:i|as|so|and)\b)", value: Value::Codes(RecoveryCodes::NotWorking) },
    // (an aside set off by commas may come between: "My recovery codes, sadly, no longer work")
    Rule { pattern: r"{CODES}(?:\s*,\s*(?:sadly|unfortunately|alas|apparently|of\s+course|it\s+seems|however)\s*,)?[^.,;]{0,30}?\bno\s+longer\s+(?:work|are\s+accepted|accepted|valid)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // never saved, with an adverb or as never bothered: "I never bothered to create recovery
    // codes", "I never once saved the recovery codes"; a base form only where the clause ends
    // ("i never generate recovery codes." but not the habit "I never print the codes, I …")
    Rule { pattern: r"\bi\s+never\s+(?:once\s+|really\s+|actually\s+|even\s+)?(?:(?:bothered|got\s+(?:a)?round|thought|managed|cared)\s+to\s+(?:save|generate|download|keep|store|write\s+down|print|create|make|copy|note\s+down)\s+(?:down\s+)?(?:the\s+|my\s+|any\s+|those\s+|these\s+)?{CODES}|(?:saved|generated|downloaded|kept|stored|printed|created|made|copied)\s+(?:down\s+)?(?:the\s+|my\s+|any\s+|those\s+|these\s+)?{CODES}|(?:generate|save|download|print|write\s+down|copy)\s+(?:down\s+)?(?:the\s+|my\s+|any\s+|those\s+|these\s+)?{CODES}(?:\s*(?:[.!)]|$)|\s+(?:at\s+all|either|anywhere|when|because|back|in\s+the\s+first\s+place)\b))", value: Value::Codes(RecoveryCodes::Lost) },
    // used up: "I have used every single one of them", "I have spent every one of them"
    Rule { pattern: r"\b(?:have|had|'ve)\s+(?:now\s+|since\s+|already\s+)?(?:used|spent|burn(?:ed|t)\s+through|gone\s+through)\s+(?:up\s+)?(?:(?:every\s+(?:single\s+)?one|every\s+last\s+one)(?:\s+of\s+(?:them|those|these|the\s+codes))?|(?:all|each)\s+of\s+(?:them|those|these|the\s+codes))(?:\s*(?:[.,;!)(]|$)|\s+(?:so|and|now|by\s+now|already|over|in|since|during|before|last|this|when)\b)", value: Value::Codes(RecoveryCodes::NotWorking) },
    // "I cannot find anywhere to type a recovery code": the page, not the codes
    Rule { pattern: r"\b(?:can't|cannot|can\s+not|couldn't|could\s+not)\s+find\s+(?:anywhere|where|how|a\s+(?:place|field|box|way|button|link|option)|the\s+(?:place|field|box|button|link|option|page))\s+to\s+(?:type|enter|put|paste|input|submit|use)\b[^.]{0,40}?(?:{CODES}|\bcodes?\b)", value: Value::Nothing },
    // "I just clicked continue on the recovery codes page"
    Rule { pattern: r"\bclicked\s+(?:continue|next|through|ok|done|skip)\s+(?:on|past|through)\s+(?:the\s+)?{CODES}\s+(?:page|screen|dialog|step)\b\s*(?:[.;!]|$|,\s*(?:i\s+(?:didn't|did\s+not|never)|without|so\s+i)\b|\s+without\b)", value: Value::Codes(RecoveryCodes::Lost) },
    // the copy is gone: "that sheet has vanished", "the printout with the codes has since
    // disappeared" (not any sheet: "the sheet with my Wi-Fi password has vanished")
    Rule { pattern: r"\b(?:that\s+(?:sheet|printout|print-?out|paper|piece\s+of\s+paper)|the\s+(?:sheet|printout|print-?out|paper|copy|screenshot)\s+(?:with|of)\s+(?:the\s+|my\s+)?(?:codes|{CODES}|them))\b\s+(?:has|have|had|is|was)\s+(?:(?:since|now|also|long\s+since)\s+)?(?:vanished|disappeared|gone(?:\s+missing)?|been\s+(?:lost|thrown\s+(?:out|away)|destroyed))\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "I clicked past the page with the recovery codes without writing them down"
    Rule { pattern: r"\b(?:clicked|skipped|scrolled|went|rushed)\s+(?:right\s+)?(?:past|through|away\s+from)\s+(?:the\s+)?(?:page|screen|dialog|list|step)\s+(?:with|of|showing|listing)\s+(?:the\s+|my\s+)?{CODES}", value: Value::Codes(RecoveryCodes::Lost) },
    // saved, but only on what was lost: "I did save the recovery codes, but only in a local
    // KeePassXC database on that same stolen laptop"
    Rule { pattern: r"\b(?:saved?|kept|keep|stored?|had|wrote\s+down)\s+(?:the\s+|my\s+|all\s+the\s+)?{CODES}\s*,?\s*(?:but\s+)?(?:only|just)\s+(?:in|on)\b[^.,;]{0,60}?\b(?:that|the|my)\s+(?:same\s+)?(?:lost|stolen|broken|dead|wiped|drowned)\s+(?:phone|device|laptop|computer|tablet|macbook|mobile)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // used up: "used them up one by one", "the ones I have are all spent"
    Rule { pattern: r"(?:\b(?:i|we)\s+(?:(?:have|had|'ve)\s+)?(?:already\s+|then\s+|since\s+)?|\band\s+(?:then\s+)?)used\s+(?:them|those|these|all\s+(?:of\s+)?(?:them|ten)|the\s+(?:codes|lot))\s+(?:all\s+)?up\b(?:\s+(?:one\s+by\s+one|over\s+(?:time|the\s+years)|long\s+ago|already|while|when|during|last|in|before|since)\b|\s*(?:[.,;!)(]|$|-|\b(?:and|so)\b))|\b(?:the\s+ones(?:\s+i\s+(?:have|had|still\s+have))?|the\s+codes|my\s+codes|all\s+of\s+them)\s+(?:are|were)\s+(?:now\s+)?(?:all\s+)?(?:spent|used\s+up|exhausted|finished)\s*(?:[.,;!)]|$|\b(?:and|so|now|already)\b)", value: Value::Codes(RecoveryCodes::NotWorking) },
    // "I must have skipped saving them, so you can count them as lost"; "there is no file with
    // PyPI recovery codes next to it or anywhere else"
    Rule { pattern: r"\b(?:count|consider|treat|mark|regard|take)\s+(?:them|those|these|the\s+(?:recovery\s+|backup\s+)?codes|my\s+(?:recovery\s+|backup\s+)?codes)\s+as\s+(?:lost|gone|missing|non-?existent)\b|\bi\s+(?:must\s+have|probably|likely|apparently|obviously)\s+(?:just\s+)?skipped\s+(?:saving|downloading|printing|storing|copying|writing\s+down|noting\s+down)\s+(?:them|those|these|the\s+codes|{CODES})\b|\bthere\s+(?:is|was|'s)\s+no\s+(?:file|note|copy|printout|print-?out|list|sheet|document|screenshot|backup)\s+(?:with|of|containing|holding)\s+(?:(?:my|the|any|pypi)\s+)*{CODES}", value: Value::Codes(RecoveryCodes::Lost) },
    // "I skipped saving the recovery codes when I turned 2FA on", "I skipped the recovery codes step"
    // (the writer's own skip, ending the clause: not "I skipped the page at first but came back
    // and saved them", "I skipped printing the codes because I had saved them")
    Rule { pattern: r"\bi\s+(?:just\s+|simply\s+|stupidly\s+|foolishly\s+|lazily\s+|probably\s+)?skipped\s+(?:over\s+|past\s+)?(?:the\s+step\s+(?:of|for)\s+)?(?:(?:saving|downloading|printing|storing|copying|writing|noting)\s+(?:down\s+)?)?(?:the\s+|my\s+|any\s+|those\s+|these\s+)?{CODES}(?:\s+(?:step|page|screen|part|dialog))?\s*(?:[.;!)]|$|,?\s+(?:when|while|during|back\s+then|at\s+the\s+time|entirely|completely)\b|,?\s+so\s+(?:there|i\s+(?:have|had|don't|do\s+not|never|can't|cannot))\b|,?\s+and\s+(?:so|now|never|have|had|therefore)\b)", value: Value::Codes(RecoveryCodes::Lost) },
    // "PyPI showed me recovery codes, but I closed the page without writing them down"
    Rule { pattern: r"{CODES}[^.]{0,60}?\b(?:closed|left|shut)\s+(?:the|that)\s+(?:page|screen|dialog|tab|window)\s+without\s+(?:ever\s+)?(?:writing|saving|printing|downloading|copying|noting)\s+(?:them|those|these|any)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // used up by the writer: "I burned through all of them over the last year", "none of them
    // are left to use"
    Rule { pattern: r"\bi(?:\s+(?:have|had)|'ve|'d)?\s+(?:(?:already|since|then)\s+)?burn(?:ed|t)\s+through\s+(?:all|each|every\s+(?:single\s+)?one)\s+of\s+(?:them|those|these|the\s+codes|my\s+codes)\b|\bnone\s+of\s+(?:them|the\s+codes)\s+(?:are|is)\s+(?:left|remaining)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // used up to the last: "I burned through the last of them during earlier phone swaps"
    Rule { pattern: r"\b(?:used|spent|burn(?:ed|t)\s+through|went\s+through)\s+(?:up\s+)?the\s+(?:very\s+)?last\s+of\s+(?:them|those|the\s+codes|my\s+codes)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // the codes themselves disappeared: "the recovery codes disappeared when I merged the files"
    Rule { pattern: r"{CODES}\s+(?:[a-z']+\s+){0,2}?(?:disappeared|vanished)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // used up, told by the last one: "the last one I had left was used", "I used the last code"
    Rule { pattern: r"\b(?:the\s+)?last\s+(?:one|code|recovery\s+code)\b[^.;]{0,30}?\b(?:was|got|has\s+been|is)\s+(?:now\s+)?used\b|\bused\s+(?:up\s+)?(?:the|my)\s+(?:very\s+)?last\s+(?:one|code|recovery\s+code|of\s+them)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"\b(?:none\s+of\s+them|not\s+(?:a\s+single\s+)?one(?:\s+of\s+them)?)\s+(?:has|have|had|was|were)\s+(?:ever\s+|yet\s+)?been\s+used(?:\s+(?:yet|so\s+far|at\s+all))?\b(?:\s*[.!]*\s*$|\s*,?\s*(?:so|and)\s+(?:they|i)\b)|\b(?:they|those|these|the\s+codes)\s+(?:have|had)\s+never\s+been\s+used\b(?:\s*[.!]*\s*$|\s*,?\s*(?:so|and)\s+(?:they|i)\b)", value: Value::Codes(RecoveryCodes::Available) },
    Rule { pattern: r"(?:{CODES}|\b(?:they|them|those|these|it|one|each|every\s+one|all\s+of\s+them|none\s+of\s+them|every\s+(?:single\s+)?code|each\s+code|all\s+(?:of\s+)?(?:the\s+)?codes)\b)[^.]{0,80}?\b(?:reject(?:s|ed)?|refus(?:es|ed)|(?:do|does|did)\s*(?:n't|\s+not)\s+work|not\s+work(?:ing)?|(?:they|those|these|ones)\s+(?:aren't|weren't)\s+(?:working|accepted)|stopped\s+working|won't\s+work|inv[aá]lid\w*|not\s+valid|no\s+longer\s+valid|not\s+accepted|fail(?:s|ed)?|used\s+up|all\s+used|already\s+used|been\s+used|(?:were|was|been|got)\s+(?:reset|regenerated|revoked|replaced|invalidated)|been\s+(?:re)?generated|expired|(?:is|are|was|were)\s+(?:a\s+|the\s+)?(?:wrong|incorrect)|says?\s+(?:they\s+are\s+|it\s+is\s+)?(?:wrong|incorrect))\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"\b(?:reject(?:s|ed)?|refus(?:es|ed)|won't\s+accept|doesn't\s+accept|does\s+not\s+accept|didn't\s+accept|used\s+(?:up|all)|burn(?:ed|t)\s+through|exhausted|ran\s+out\s+of|run\s+out\s+of|went\s+through\s+all)\b[^.]{0,40}?{CODES}", value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"{CODES}[^.]{0,40}?\b(?:funktionier\w*|gehen|klappen)\s+(?:auch\s+|leider\s+)?(?:nicht|nie)\b|{CODES}[^.]{0,40}?\bno\s+(?:funcionan|sirven|valen)\b|{CODES}[^.]{0,40}?\bne\s+(?:fonctionnent|marchent)\s+(?:plus|pas)\b|{CODES}[^.]{0,40}?\bn[aã]o\s+funcionam\b|\b(?:neue|nuevos|nouveaux|novos)\s+{CODES}[^.]{0,60}?\b(?:erzeugt|generiert|erstellt|generad|g[ée]n[ée]r|gerad)", value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"\bnone\s+of\s+(?:{W}\s+){0,3}?(?:{CODES}|them|these|those)\s+(?:{W}\s+)?(?:work|works|worked|is\s+accepted|are\s+accepted|were\s+accepted|was\s+accepted|gets?\s+accepted|got\s+accepted|goes\s+through|went\s+through)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // the site's own error quoted: "the first three all came back with "Invalid recovery code""
    Rule { pattern: r#"(?:["“'«]\s*|\b(?:with|says?|said|shows?|showed|got|gets|gives?|gave|returns?|returned)\s+(?:an?\s+|the\s+)?)(?:invalid|incorrect|wrong|unknown|unrecogni[sz]ed)\s+(?:recovery|backup)\s+codes?\b"#, value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"\b(?:new|fresh)\s+{CODES}\s+(?:had\s+been|have\s+been|were|was)\s+(?:generated|created)", value: Value::Codes(RecoveryCodes::NotWorking) },
    // found where they were kept: "I found the recovery codes in my old laptop in a txt file",
    // "I got the codes back from the old laptop"
    // (after the rules of codes refused, before those reading "codes … on my old laptop" as
    // lost with it)
    Rule { pattern: r"\b(?:(?:found|located|retrieved|recovered|dug\s+up|discovered|rediscovered)\s+(?:back\s+)?(?:(?:all|some|one|two|three|a\s+few|several)\s+(?:of\s+)?)?(?:my\s+|the\s+|our\s+)?(?:old\s+)?{CODES}\s+(?:again\s+)?(?:in|on|inside|from|at)|got\s+(?:back\s+)?(?:my\s+|the\s+|our\s+)?(?:old\s+)?{CODES}\s+(?:back\s+)?from)\b", value: Value::Codes(RecoveryCodes::Available) },
    // "Had I saved the recovery codes, …": a counterfactual states nothing by itself
    Rule { pattern: r"\b(?:had\s+i|if\s+i\s+had|if\s+i'd)\s+(?:\w+\s+)?(?:saved|kept|printed|downloaded|written|stored)\b[^.]{0,40}?{CODES}", value: Value::Nothing },
    Rule { pattern: r"{CODES}[^.]{0,100}?\bbut\s+(?:\w+\s+)?i\s+(?:never\s+did|didn't|did\s+not|never\s+got\s+round\s+to\s+it)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "Had I saved the recovery codes, … . I didn't.": the bare answer right after the codes
    Rule { pattern: r"^\W*(?:and\s+|but\s+|sadly\s+|alas\s+)?i\s+(?:didn't|did\s+not|never\s+did|never\s+have)(?:\W*$|\s*,\s*so\s+(?:there'?s|there\s+is|i\s+have|i've\s+got)\s+(?:nothing|none|no\s+(?:codes|backup|recovery)))\b", value: Value::Codes(RecoveryCodes::Lost) },
    // a terse "Codes and the mailbox are both gone": a bare "codes" opening the sentence
    Rule { pattern: r"^\W*(?:(?:and\s+|now\s+)?(?:about|as\s+for|as\s+to|regarding|concerning|re:?)\s+)?(?:the\s+|my\s+)?codes\b[^.]{0,60}?\b(?:(?:are|were)\s+(?:both\s+|all\s+|also\s+)?(?:gone|lost|missing)|(?:i\s+)?never\s+(?:saved|generated|downloaded|created)\b|(?:i\s+)?never\s+(?:had|got|received|kept|made)\s+(?:any|them|one)(?:\s*(?:[.,;!:)]|$)|\s+(?:at\s+all|either|in\s+the\s+first\s+place)\b))", value: Value::Codes(RecoveryCodes::Lost) },
    // used up: "I used the tenth and final one", "not a single unused code left"
    Rule { pattern: r"\bused\s+(?:up\s+)?(?:the|my)\s+(?:{W}\s+){0,3}?(?:last|final)\s+(?:one|code)\b|\b(?:no|nor\s+a\s+single|not\s+a\s+single|not\s+one|none)\s+(?:unused|remaining|valid|usable)\s+(?:{W}\s+)?codes?\b|\bno\s+(?:{W}\s+)?codes?\s+left\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    // codes of another account ("… but those are for my bank"), then none for PyPI
    Rule { pattern: r"\b(?:nothing|none|no\s+codes?|no\s+{CODES})\s+(?:for|from|of)\s+(?:test\.?)?pypi\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "I still have the recovery codes but my phone is gone": the loss is the device's
    Rule { pattern: r"\b(?:still\s+have|i\s+(?:do\s+)?have|i've\s+(?:still\s+)?got|i\s+(?:still\s+)?(?:have\s+)?got)\s+(?:all\s+|both\s+)?(?:of\s+)?(?:my\s+|the\s+|our\s+)?(?:\w+\s+)?{CODES}\s*,?\s*(?:(?:but|though|although|however|and|yet)\s+)?(?:my|the|our|this|that)\s+(?:old\s+|new\s+)?(?:phone|device|laptop|computer|authenticator|app|2fa|token|key|yubikey|tablet|mobile|handset)\b", value: Value::Codes(RecoveryCodes::Available) },
    Rule { pattern: r"{CODES}[^.]{0,40}?\b(?:kept|saved|stored|had|wrote)\s+(?:them\s+)?(?:only\s+)?(?:in\s+a\s+(?:note|file|screenshot|photo|document)\s+)?(?:only\s+)?(?:on|in)\s+(?:that|the)\s+(?:same|lost|stolen|old|broken|dead)\s+(?:phone|device|laptop|computer|tablet|macbook|mobile)\b", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:lost|lose|losing|misplaced|deleted|threw\s+away|never\s+(?:saved|generated|downloaded|kept|stored|wrote|printed|created|got|received|made|set\s+up|had|have|seen|saw|see|did\s+(?:save|generate|download|keep))|(?:did(?:n't|\s+not)|do(?:n't|\s+not)|does(?:n't|\s+not)|have(?:n't|\s+not)|no\s+longer|can(?:'t|not|\s+not)|could(?:n't|\s+not)|unable\s+to)\s+(?:{W}\s+)?(?:save|generate|download|keep|store|write|print|create|get|have|find|locate|access|remember|possess|take)|no\s+(?:copy|copies|access)|can't\s+find|cannot\s+find|couldn't\s+find)\b[^.]{0,60}?{CODES}", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"{CODES}[^.]{0,80}?\b(?:lost|gone|missing|deleted|nowhere|only\s+(?:on|in)\s+(?:the|my|that)|(?:were|was)\s+(?:on|in)\s+(?:the|my|that)\s+(?:old\s+|lost\s+|stolen\s+|broken\s+)?(?:phone|device|laptop|computer|app)|(?:never|not)\s+(?:sav|generat|download|kept|keep|stor|got|had|receiv|made|print|cop|wr[io]t|creat)\w*|(?:don't|do\s+not|didn't|did\s+not|no\s+longer)\s+(?:have|keep|save|own)|can't\s+find|cannot\s+find)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "Backup codes - never set them up." (not "… never set them up in my password manager")
    Rule { pattern: r"{CODES}[^.]{0,80}?\bnever\s+set\s+(?:them|those|these|any)\s+up\s*(?:[.,;!)]|$)", value: Value::Codes(RecoveryCodes::Lost) },
    // thrown away: "I printed the recovery codes, but the printout went out with a pile of old
    // invoices for recycling", "The printed recovery codes were thrown out with old invoices"
    Rule { pattern: r"{CODES}[^.]{0,60}?\b(?:the|that|my)\s+(?:printout|print-?out|sheet|paper|piece\s+of\s+paper|page|list)\s+(?:(?:has|had|have)\s+been\s+|(?:was|got|were)\s+)?(?:went\s+out|thrown\s+(?:out|away)|threw\s+away|recycled|binned|shredded|ended\s+up\s+in\s+the\s+(?:recycling|trash|bin|rubbish|garbage)|went\s+(?:into|in)\s+the\s+(?:recycling|trash|bin|rubbish|garbage|shredder))\b|{CODES}\s+(?:were|was|got|have\s+been|had\s+been)\s+(?:(?:accidentally|mistakenly|also|all)\s+)?(?:thrown\s+(?:out|away)|recycled|binned|shredded)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // nobody can find them; the writer does not know where they are: "None of us can find any
    // recovery codes for it", "I have no idea where I kept them", "I don't know where my
    // recovery codes are"
    // (the clause ending there: not "… can find recovery codes for GitHub, but …", "… where
    // the recovery codes go on the login page", "… but I found them in my drawer after all")
    Rule { pattern: r"\b(?:none\s+of\s+us|nobody|no\s+one|no-one|neither\s+of\s+us)\s+(?:here\s+)?(?:can|could)\s+(?:find|locate)\s+(?:any\s+(?:of\s+)?|the\s+|our\s+|my\s+)?{CODES}(?:\s+(?:for\s+(?:it|this|that|the|my|our)(?:\s+(?:pypi\s+)?(?:account|acct))?|anywhere|at\s+all))?{CLAUSE_END}|\b(?:do(?:n't|\s+not)\s+know|(?:have|had)\s+no\s+idea|no\s+idea)\s+where\s+(?:i\s+(?:put|kept|saved|stored|left|wrote)\s+)?(?:the\s+|my\s+)?{CODES}(?:\s+(?:are|went|ended\s+up|have\s+gone|got\s+to))?(?:\s+(?:now|anymore|any\s+more))?{CLAUSE_END}|{CODES}[^.;]{0,60}?\b(?:do(?:n't|\s+not)\s+know|(?:have|had)\s+no\s+idea)\s+where\s+(?:i\s+(?:put|kept|saved|stored|left|wrote)\s+(?:them|those|these)|(?:they|those|these)\s+(?:are|went|ended\s+up))(?:\s+(?:now|anymore|any\s+more))?{CLAUSE_END}", value: Value::Codes(RecoveryCodes::Lost) },
    // kept on the device that is gone: "About the recovery codes: I saved the file in the
    // Downloads of the same phone"
    Rule { pattern: r"{CODES}[^.;]{0,40}?\b(?:kept|saved|stored|downloaded|put)\b[^.;,]{0,40}?\b(?:on|in|of)\s+(?:that|the)\s+same\s+(?:phone|device|laptop|computer|tablet|mobile|macbook|handset)\b\s*(?:[.;!:)(]|$|,\s*(?:so|and|which|that)\b|\s+(?:so|and|that|which)\b)", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:they|them|those|these|the\s+codes|those\s+codes|these\s+codes|(?:the|that|this)\s+(?:(?:txt|text|pdf)\s+)?(?:file|note|screenshot|photo|document))\b[^.]{0,60}?(?:\b(?:are|were|went|got|is|was)|'re)\s+(?:also\s+|now\s+|probably\s+)?(?:lost|gone|missing|deleted|destroyed|wiped|into\s+the|down\s+with|with\s+(?:it|the\s+phone)|at\s+the\s+bottom\s+of)", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:they|those|these|the\s+codes|it)\s+(?:were|was|are|is)\s+(?:only\s+|all\s+|just\s+)?(?:(?:stored|saved|kept)\s+)?(?:a\s+(?:screenshot|photo|picture|file|note)\s+)?(?:(?:only|just)\s+)?(?:on|in)\s+(?:the|my|that)\s+(?:(?:lost|stolen|broken|dead|wiped|damaged|missing|drowned|same)\s+)+(?:phone|device|laptop|computer|tablet|app|authenticator)", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"{CODES}[^.]{0,60}?\b(?:was|were)\s+(?:also\s+)?(?:in|on|inside)\s+(?:the\s+)?same\s+(?:bag|backpack|wallet|purse|suitcase|phone|laptop|device|computer|car)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "… were stored in the same vault, so those went too", "saved in the Notes app of the same phone"
    Rule { pattern: r"{CODES}[^.]{0,40}?\b(?:was|were)\s+(?:also\s+)?(?:saved|stored|kept)\s+(?:only\s+)?(?:in|on|inside)\s+(?:the\s+)?(?:\w+\s+){0,4}?(?:same|that)\s+(?:vault|app|phone|device|laptop|computer|password\s+manager|account)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "I had the recovery codes until last spring": kept once, not now
    // "My recovery codes are in a 1Password vault that I can't open any more": kept where the
    // requester can no longer get at them
    Rule { pattern: r"{CODES}[^.]{0,60}?\b(?:in|on|inside)\s+(?:a|an|the|my|that|our|his|her)\s+(?:{W}\s+){0,3}?(?:vault|file|app|account|manager|database|drive|folder|keepass\w*|1password|bitwarden|lastpass|dashlane|phone|laptop|computer|device|notebook|safe)\b\s*,?\s*(?:that\s+|which\s+)?i\s+(?:(?:sadly|unfortunately|now|still)\s+)?(?:can't|cannot|can\s+not|can\s+no\s+longer|couldn't|could\s+not|no\s+longer(?:\s+can)?|am\s+(?:not|no\s+longer)\s+able\s+to|have\s+no(?:\s+way\s+to)?)\s+(?:even\s+|really\s+|actually\s+)?(?:open|access|unlock|get\s+into|reach|log\s+into|decrypt)(?:\s+(?:it|them|that|this|the\s+(?:vault|file|app|database|laptop|computer|phone|device|safe|drive)))?(?:\s+(?:any\s?more|either))?\s*(?:[.;:!)]|$)", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\bi\s+(?:had|kept)\s+(?:\w+\s+){0,2}?{CODES}\s+(?:\w+\s+){0,3}?until\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "You ask about recovery codes. I have never had any."
    Rule { pattern: r"^\W*(?:and\s+|but\s+|honestly\s+|truthfully\s+)?i(?:\s+have|'ve)?\s+never\s+(?:once\s+)?(?:had|got|received|saved|generated|downloaded|kept|printed|been\s+given)\s+(?:any|them|those|one)\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "all ten are crossed out", "there is not one left"
    Rule { pattern: r"\b(?:all|every\s+one|each)\s+(?:\w+\s+)?(?:of\s+them\s+)?(?:are|is|were|was)\s+(?:already\s+)?(?:crossed\s+(?:out|off)|ticked\s+off|struck\s+(?:out|through))\b|\b(?:there\s+is|there's|there\s+are)\s+(?:not\s+(?:a\s+single\s+)?one|none)\s+left\b", value: Value::Codes(RecoveryCodes::NotWorking) },
    Rule { pattern: r"\bno\s+idea\s+where\s+(?:{W}\s+){0,2}?(?:{CODES}|they|the\s+codes)|{CODES}[^.]{0,100}?\b(?:on|in)\s+(?:the|my|that|this)\s+(?:old\s+|lost\s+|stolen\s+|broken\s+|same\s+|dead\s+)?(?:phone|device|laptop|computer)(?:'s)?\b[^.]{0,60}?\b(?:so|which|and)\b", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:have\s+no|have\s+not(?:\s+got)?\s+(?:the|any|my)|without\s+(?:any\s+)?|no)\s+(?:{W}\s+)?(?:{CODES}|codes\s+to\s+fall\s+back)", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"{CODES}[^.]{0,60}?\b(?:so\s+)?i\s+(?:don't|do\s+not)\s+have\s+any\b|\b(?:never|not)\s+(?:sav(?:e|ed)|generat(?:e|ed)|download(?:ed)?|print(?:ed)?|kept|keep|stor(?:e|ed)|cop(?:y|ied)|wr(?:ote|ite)\s+down|written\s+down|not(?:e|ed)|back(?:ed)?\s+up)\s+(?:them|those|these)\b|\bi\s+(?:didn't|did\s+not)\s+(?:download|save|print|copy)\s+(?:them|those|these)\s+(?:or|nor)\s+(?:write|print|save|download|copy)\b|\b(?:never|not)\s+(?:wrote|written|jotted|noted|copied)\s+(?:any\s+(?:of\s+)?)?(?:them|those|these)\s+down\b|\bneither\s+of\s+us\s+(?:has|have|had)\s+(?:them|those|these|any)\b", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:(?:nothing|none)\s+to\s+fall\s+back\s+on|(?:went|gone|thrown)\s+out\s+with\s+the\s+(?:recycling|trash|rubbish|garbage|paper)|(?:i\s+(?:effectively\s+|basically\s+|practically\s+|essentially\s+|therefore\s+|now\s+|really\s+)?have|i'?ve\s+(?:got\s+)?)\s*none(?:\s+of\s+(?:them|those|these))?(?:\s+(?:left|at\s+all|whatsoever|either|now|any\s?more|to\s+(?:offer|give|use|share|send|provide|fall\s+back\s+on)))?\s*(?:[.,;!:)(-]|$|\b(?:and|but|so|because|since)\b))", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:(?:can't|cannot|couldn't|could\s+not|don't|do\s+not|didn't|did\s+not)\s+(?:find|locate)\s+(?:them|those|these|it)|i\s+(?:(?:definitely|certainly|really|just|simply|honestly|still|sadly)\s+)?(?:don't|do\s+not|no\s+longer)\s+(?:have|possess)\s+(?:any\s+of\s+)?(?:them|those|these|any|it)|no\s+other\s+(?:copy|copies|backup))\b", value: Value::Codes(RecoveryCodes::Lost) },
    // "Recovery codes are not available to me either"; "A search of our records has not turned
    // up the recovery codes"
    Rule { pattern: r"{CODES}(?:\s+(?:are|is|were|was)\s+(?:also\s+)?(?:not|no\s+longer)|\s+(?:aren't|isn't|weren't|wasn't)|\s*:\s*(?:not|no\s+longer))\s+(?:available|accessible)(?:\s+to\s+(?:me|us))?(?:\s+(?:either|any\s?more|any\s+longer))?\s*(?:[.,;!]|$|\s(?:and|but|because|since|as)\b)|\b(?:has|have|did)(?:n't|\s+not)\s+turn(?:ed)?\s+up\s+(?:the\s+|any\s+|my\s+|our\s+)?{CODES}\s*(?:[.,;!]|$|\s+(?:anywhere|either|at\s+all)\b)", value: Value::Codes(RecoveryCodes::Lost) },
    // saved once, then gone with the device: "I did download the recovery codes, but the file
    // only ever sat in the Downloads folder of that same laptop, so it's gone too"; "The
    // recovery codes were only saved on that phone too"
    Rule { pattern: r"{CODES}\s*,?\s*but\s+[^.;]{0,100}?\b(?:so|and)\s+(?:it'?s|it\s+is|they'?re|they\s+are|that'?s|that\s+is|those\s+are)\s+(?:all\s+)?(?:gone|lost)(?:\s+too|\s+as\s+well)?\s*(?:[.!;]|$)|{CODES}\s+(?:were|was)\s+(?:only\s+)?(?:ever\s+)?(?:saved|stored|kept)\s+(?:only\s+)?(?:on|in)\s+(?:that|the\s+same)\s+(?:phone|device|laptop|computer|tablet)\s+(?:too|as\s+well)\s*(?:[.!;]|$)|\b(?:did\s+)?(?:download(?:ed)?|sav(?:e|ed)|print(?:ed)?|stor(?:e|ed)|kept|keep)\s+(?:them|those|{CODES})\b[^.;]{0,60}?,?\s*but\s+[^.;]{0,100}?\b(?:so|and)\s+(?:it|they|the\s+file|that|those)\s+(?:'s\s+|is\s+|are\s+|was\s+|were\s+|got\s+)?(?:all\s+)?(?:gone|lost|disappeared|vanished|went\s+(?:with|along\s+with|down\s+with))\b", value: Value::Codes(RecoveryCodes::Lost) },
    Rule { pattern: r"\b(?:found|still\s+have|(?:have|own|possess)\s+(?:all|some|my|the|unused|several|a\s+few|\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)|kept|saved|stored)\b[^.]{0,40}?{CODES}|{CODES}[^.]{0,30}?\b(?:are|is)\s+(?:still\s+)?(?:available|safe|here|with\s+me|unused)\b", value: Value::Codes(RecoveryCodes::Available) },
    // "I did save the recovery codes" (said against an earlier "I never saved them"); "… and I
    // still have the others, unused"
    Rule { pattern: r"\bi\s+did\s+(?:save|keep|print|download|store|write\s+down)\s+(?:all\s+)?(?:the\s+|my\s+)?{CODES}|\b(?:still\s+have|i\s+(?:do\s+)?have)\s+(?:all\s+)?the\s+(?:others|rest(?:\s+of\s+them)?|other\s+(?:[a-z]+\s+)?(?:ones|codes))\b[^.]{0,20}?\b(?:unused|left|still\s+valid)\b", value: Value::Codes(RecoveryCodes::Available) },
    // "I've also got my recovery codes on a printout" (the codes right after "got")
    Rule { pattern: r"\b(?:'ve|have|has)\s+(?:also\s+|still\s+)*got\s+(?:all\s+|both\s+)?(?:of\s+)?(?:my|the|our)\s+(?:printed\s+|paper\s+)?{CODES}", value: Value::Codes(RecoveryCodes::Available) },
    // "My recovery codes are sitting in 1Password, all ten of them, not a single one used"
    Rule { pattern: r"{CODES}[^.]{0,20}?\b(?:are|is)\s+(?:still\s+|all\s+|safely\s+)*(?:sitting|safe|stored|saved|kept|filed|tucked\s+away)\s+(?:safely\s+|away\s+)?(?:in|on)\s+(?:my\s+|a\s+|the\s+)?(?:1password|bitwarden|keepass\w*|lastpass|dashlane|enpass|proton\s+pass|password\s+manager|vault|safe|drawer|desk|notebook|binder|folder)\b|\b(?:not\s+(?:a\s+single\s+)?one|none)(?:\s+of\s+them)?\s+(?:(?:has|have)\s+been\s+|(?:was|were)\s+(?:ever\s+)?|ever\s+)?used\s*[.!]*\s*$", value: Value::Codes(RecoveryCodes::Available) },
    // unused, said of the codes just named: "I have never used a single one of them"
    Rule { pattern: r"\bi(?:\s+have|'ve)?\s+never\s+(?:once\s+|actually\s+)?used\s+(?:a\s+single\s+one|any(?:\s+one)?|even\s+one|one)\s+of\s+(?:them|those|these|the\s+codes|my\s+codes)\s*(?:[.!)]|$|,\s*(?:but|so|and)\b)", value: Value::Codes(RecoveryCodes::Available) },
    // kept somewhere safe, now: "My recovery codes are in a safe deposit box at my bank"
    // (the place named and nothing after it but where it is: not "… in the notebook that
    // burned", "… in my vault, whose master password I forgot", "… in a safe place, I don't
    // remember which")
    Rule { pattern: r"{CODES}\s+(?:are|is)\s+(?:still\s+|all\s+|safely\s+)*(?:in|inside)\s+(?:my|a|the|our)\s+(?:(?:locked|fireproof|home|office|bank|desk|kitchen|bedside|personal|password|bitwarden|1password|keepass\w*|lastpass)\s+)?(?:safe|drawer|binder|notebook|1password|bitwarden|keepass\w*|lastpass|vault|password\s+manager|safe\s+deposit\s+box|deposit\s+box|filing\s+cabinet)(?:\s+at\s+(?:home|the\s+bank|my\s+(?:home|house|desk|bank|parents'?(?:\s+house)?)))?\s*(?:[.!]|$)", value: Value::Codes(RecoveryCodes::Available) },
    // "I've still got the printed sheet with all eight on it" (after the rules of codes refused:
    // "I still have the printout, … every one says invalid code"), with a word that they are
    // unused ("I have the printout" alone is often followed by "but they are all rejected")
    Rule { pattern: r"\b(?:still\s+(?:have|got)|i'?ve\s+(?:still\s+)?got|i\s+(?:still\s+)?have)\s+(?:the|my|that)\s+(?:printed\s+|paper\s+)?(?:sheet|printout|card|list|envelope)\b[^.;]{0,40}?\b(?:all\s+(?:\w+\s+)?(?:on\s+it|there|intact|unused)|not\s+(?:a\s+single\s+)?one\s+(?:crossed|used|ticked)|unused|untouched|never\s+used)", value: Value::Codes(RecoveryCodes::Available) },
    // an inventory: "What I still have: my password and the recovery codes"
    Rule { pattern: r"\bwhat\s+i\s+(?:do\s+)?still\s+have(?:\s+left)?\s*(?:is|are|:)\s*(?:[\w\s'()-]{0,40}?(?:,|\band\b)\s*)?(?:the\s+|my\s+|all\s+(?:the\s+|my\s+)?)?(?:pypi\s+)?(?:recovery|backup)\s+codes\b\s*(?:[,.;(!]|\band\b|$|printed|saved|written|on\s|in\s)", value: Value::Codes(RecoveryCodes::Available) },
    // last, when nothing else holds: "My recovery codes aren't working", "The recovery codes
    // weren't accepted", "I tried them but they aren't working" (the verb right after the codes)
    Rule { pattern: r"{CODES}\s+(?:(?:that|which)\s+i\s+(?:have|had|saved|kept|printed|tried)\s+|i\s+(?:have|had|saved|kept|printed|tried)\s+)?(?:also\s+|still\s+|just\s+|simply\s+)?(?:aren't|are\s+not|weren't|were\s+not|isn't|is\s+not|wasn't|was\s+not|doesn't|don't|do\s+not|does\s+not|didn't|did\s+not)\s+(?:working|work|accepted|valid|recogni[sz]ed)\b|\bthey\s+(?:aren't|are\s+not|weren't|were\s+not|don't|do\s+not|didn't|did\s+not)\s+(?:working|work|accepted|valid)\b", value: Value::Codes(RecoveryCodes::NotWorking) },
];

/// `reason`: a sentence that names a cause (not just "I can't log in").
pub const REASON_CAUSES: &str = r"\b(?:lost|lose|losing|stolen|stole|theft|robbed|broke|broken|breaks|died|dead|damaged|destroyed|wiped|reset|factory[- ]reset|replaced|replacement|upgraded|switched|changed\s+(?:my\s+)?(?:phone|device)|new\s+(?:phone|device|laptop|iphone|android|pixel|samsung)|reinstall(?:ed)?|uninstall(?:ed)?|deleted|erased|drowned|water|cracked|fell|dropped|stopped\s+(?:working|being|accepting|generating)|not\s+recogni[sz]ed|(?:do|does|did)(?:n'?t|\s+not)\s+work|not\s+working|reject(?:s|ed)?|refus(?:es|ed)|invalid|(?:codes?|ones?|each\s+one|every\s+one|them|they)\s+(?:is|are|was|were)\s+(?:not|no\s+longer)\s+valid|hacked|compromised|hijacked|taken\s+over|took\s+over|take-?over|someone\s+else|without\s+my\s+(?:knowledge|permission|consent)|did(?:n'?t|\s+not)\s+(?:do|request|trigger|enable|generate|change)|expired|(?:did|does|was|were)(?:n'?t|\s+not)\s+(?:get\s+|be\s+)?(?:migrat|transferr?|sync|mov|cop|restor|back)\w*|never\s+(?:got\s+)?(?:migrat|transferr?|sync|restor)\w*|migrat\w*|gone|forgot|forgotten|misplaced|missing|disappeared|vanish(?:ed|es)?|traded\s+in|sold|gave\s+(?:it\s+)?away|returned|unverified|not\s+verified|no\s+longer\s+(?:have|has|own|work|access)|lost\s+access|left\s+(?:the\s+)?(?:company|job|university)|former\s+employer|(?:does|did|do|will|would)(?:n'?t|\s+not)\s+(?:start|boot|turn\s+on|power\s+on|switch\s+on|charge)|won'?t\s+(?:start|boot|turn\s+on|power\s+on|charge)|boot\s*loop\w*|bricked|left\s+(?:it\s+|him\s+)?(?:at|in)\b|(?:is|are)\s+(?:still\s+)?(?:in|at)\s+(?:the\s+|my\s+|a\s+)?(?:drawer|desk|office|work|home|car|hotel)|abroad|(?:don'?t|do\s+not|no\s+longer|not)\s+(?:have|own)\s+(?:the\s+|my\s+|any\s+|access\s+to\s+(?:the\s+|my\s+)?)?(?:phone|device|authenticator|2fa|mfa|key|token|yubikey)|have\s+no\s+(?:the\s+)?(?:2fa|phone|device|authenticator)|sim\s*(?:card\s+)?swap\w*|same\s+(?:problem|issue|situation|story|thing\s+happened)|snapped|split|bent|crushed|shattered|smashed|melted|burn(?:ed|t)|run\s+over|(?:did|does|do|will|would)(?:n'?t|\s+not)\s+(?:come\s+(?:along|with|over|across)|carry\s+over|copy\s+over|accept|recogni[sz]e)|no\s+longer\s+(?:accepts?|recogni[sz]es?)|ported|api\s+token\s+(?:that\s+)?i\s+did(?:n'?t|\s+not)|(?:do(?:n'?t|\s+not)|no\s+longer|can(?:'?t|not|\s+not))\s+(?:have|access|use|read|open)\s+(?:that|the|my|this)\s+(?:old\s+|work\s+|former\s+)?(?:e-?mail|address|inbox|mailbox)|handed\s+(?:it\s+)?back|company\s+property|no\s+longer\s+(?:shows?\s+up|appears?|opens?|loads?|starts?|responds?|gets?\s+detected|is\s+detected|registers?)|(?:does|do|did|will|would)(?:n'?t|\s+not)\s+(?:show\s+up|open|load|launch|respond|appear|get\s+detected)|won'?t\s+(?:show\s+up|open|load|launch|respond)|discontinu\w*|after\s+(?:an?\s+|the\s+)?(?:firmware|software|system|os|ios|android|app|phone)\s+update|no\s+longer\s+(?:shows?|lists?|displays?)\b|stopped\s+(?:charging|booting|turning\s+on|responding|opening|syncing)|(?:could(?:n'?t|\s+not)|can(?:'?t|not))\s+(?:revive|repair|fix|restore|recover|unlock)\s+it|(?:app|authenticator|authy|aegis|vault|freeotp)\b[^.]{0,80}?\b(?:can(?:'?t|not)|could(?:n'?t|\s+not)|unable\s+to)\s+(?:open|unlock)\s+it\b|(?:that|which)\s+i\s+(?:do(?:n'?t|\s+not)\s+have\s+(?:any\s?more|now)|no\s+longer\s+have)\b|(?:submitted|given|gave|sent|brought)\s+(?:{W}\s+){0,3}?back\s+to\s+(?:the|them|him|her|its|their)\b|no\s+way\s+to\s+(?:get|receive|generate|access|use)\b|(?:key|yubikey|nitrokey|solokey|token|fob|it)\s+(?:\w+\s+){0,2}?came\s+off\s+(?:my|the|its|our)\s+(?:key\s*-?ring|keychain|key\s+chain|lanyard)\b(?:\s+(?:at\s+some\s+point|somewhere|during|while|on|in|at|when|last|yesterday|and\s+(?:is|was)\s+(?:gone|lost))\b|\s*(?:[.;!]|$))|snatched|pickpocket\w*|mislaid|mislay|took\s+a\s+(?:dive|swim|tumble|plunge|bath|header)|went\s+(?:down\s+)?with\s+it|backed\s+over|took\s+(?:my|the|our|all)\s+(?:{W}\s+){0,3}?with\s+(?:it|(?:my|the|our)\s+(?:phone|laptop|device|yubikey|key|tablet|iphone|computer|mobile)\s+(?:inside|in\s+it))\b|mugged|took\s+back|taken\s+back|took\s+(?:the|that|my|our|this)\s+(?:[a-z]+\s+)?(?:phone|laptop|device|key|mobile|handset|token|computer)\s+back|sank|sunk|slipped|washing\s+machine|went\s+through\s+the\s+wash|overboard|fell\s+(?:into|in)|(?:was|were|got|been)\s+(?:added|enabled|turned\s+on|activated|removed|disabled)\b[^.]{0,30}?\bwithout|(?:added|enabled|turned\s+on)\s+(?:by\s+)?(?:someone|somebody)|got\s+hold\s+of|changed\s+(?:my\s+)?(?:carrier|number|phone\s+number|provider)|(?:new|different)\s+(?:carrier|number|phone\s+number|sim)|thr(?:ew|own)|did(?:n'?t|\s+not)\s+survive|break-?in|burglar\w*|(?:was|were|got)\s+taken|(?:fell|went|dropped|slipped)\s+(?:into|in|overboard|under|down)|hand(?:ed|ing)?\s+(?:{W}\s+){0,3}?back|(?:key|yubikey|phone|laptop|device|token|handset|mobile|computer)\s+went\s+back\s+(?:to|with)\b|went\s+through\s+(?:a|the)\s+(?:{W}\s+){0,3}?(?:wash|washer|washing|dryer|laundry)|opened\s+(?:up\s+)?(?:completely\s+|totally\s+|entirely\s+|just\s+)?empty|(?:app|authenticator|authy|aegis|freeotp|application)\b[^.,;]{0,20}?\b(?:opens?|opened|shows?|showed|displays?|displayed|is|was)\s+(?:up\s+)?(?:to\s+|with\s+)?(?:an?\s+)?(?:now\s+)?(?:completely\s+|totally\s+|entirely\s+|just\s+)?(?:empty|blank|no\s+(?:entries|accounts|codes|tokens))\b|no\s+longer\s+boots?\b|hangs\s+on\s+the\s+(?:logo|boot\s+screen|splash\s+screen)|(?:phone|device|laptop|mobile|handset|key|token|tablet|computer|iphone)\s+(?:got\s+|was\s+|is\s+|has\s+|had\s+)?(?:been\s+)?spoil(?:t|ed)|(?:since|after|when)\s+(?:my|the)\s+(?:phone|device|iphone|android|ios|os|system)\s+(?:auto-?)?updated\b|no\s+longer\s+(?:switch(?:es)?|turns?|powers?|boots?)\s+(?:on|up)\b|(?:handed|turned|had\s+to\s+(?:hand|turn))\s+in\s+(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?(?:phone|laptop|device|mobile|handset|iphone|computer|key)s?(?:\s*[.,;!)]|\s+(?:and|but|when|after|because|so|last|in|at|to|with|which|that|since|back|on|before)\b|$)|(?:changed|swapped|switched|replaced)\s+(?:my\s+|the\s+|our\s+)?(?:old\s+)?(?:iphone|android|mobile|smartphone|handset|cell\s?phone|pixel|galaxy|samsung|telephone)s?(?:\s*[.,;!)]|\s+(?:and|but|when|after|because|so|last|in|at|for|with|which|that|since|recently|yesterday|two|three|a|on|before)\b|\s+(?:to|for)\s+(?:a|an|the|my)\s+(?:new|newer|different|another)\b|$)|(?:did|does|do|will|would)(?:n'?t|\s+not)\s+(?:pass|move|come)\s+(?:over\s+|across\s+)?(?:to|into|onto)\s+(?:the|my)\s+new\b|crash(?:ed|es)?|(?:ssd|disk|drive|hardware|motherboard|battery|screen|laptop|computer|phone|device)\s+(?:\w+\s+)?(?:fail(?:ed|s)?|died)\b|left\s+(?:(?:it|him|her|my|the|our|that|this)\s+)?(?:\w+\s+){0,2}?(?:plugged\s+|sitting\s+|lying\s+)?(?:with\s+(?:the|my|its)\s+(?:\w+\s+)?(?:app|authenticator|2fa|codes|token)\s+(?:on\s+it\s+)?)?(?:at|in|into|on|behind)\b|stayed\s+behind\b|(?:was|got)\s+left\s+behind\b|gone\s+the\s+way\s+of|ceased\s+to\s+(?:be|exist|work)|(?:haven'?t|have\s+not|can'?t|cannot|couldn'?t|could\s+not)\s+(?:been\s+able\s+to\s+)?find\s+(?:it|him|them|my|the)\b|(?:which|that)\s+i\s+(?:haven'?t|have\s+not|can'?t|cannot|couldn'?t|could\s+not)\s+(?:yet\s+)?(?:been\s+able\s+to\s+)?find\b|re-?enroll\w*|re-?imag\w*|came\s+back\s+empty|(?:app|authenticator|authy|aegis|phone|vault)\b[^.]{0,20}?came\s+back\s+(?:completely\s+|totally\s+|entirely\s+|just\s+)?(?:empty|blank)|(?:app|update|cleaner|someone|somebody|attacker)\s+(?:has\s+|had\s+|also\s+)?removed\b|(?:was|were|got|been)\s+removed\s+(?:by|during|with|when|after)\b|(?:phone|device|handset|mobile|tablet)\s+(?:that\s+)?i\s+(?:had\s+)?re-?flashed|re-?flash(?:ed|ing)\s+(?:my|the|that)\s+(?:phone|device|handset|mobile|tablet|pixel|android)|no\s+matching\s+(?:credential|key|passkey)|no\s+passkeys?\s+(?:available|found)|(?:key|yubikey|token|browser|firefox|chrome|safari|edge)\b[^.]{0,30}?(?:(?:does|do|did)(?:n'?t|\s+not)\s+react|won'?t\s+react|not\s+reacting)|[a-z]*(?:notallowed|invalidstate|security|webauthn|u2f|fido|passkey|credential)error|(?:security\s+key|yubikey|passkey|webauthn|authenticator)\b[^.]{0,40}?\b(?:throws|threw|gives?|gave|shows?|showed|returns?|returned|get|got)\s+(?:me\s+)?(?:an?\s+|the\s+)?(?:{W}\s+)?error\b|\berror\b[^.]{0,30}?\b(?:when|whenever|every\s+time)\s+i\s+(?:tap|touch|insert|use|plug\s+in)\s+(?:the|my)\s+(?:security\s+)?(?:key|yubikey|token)|(?:is|was)\s+(?:now\s+)?empty|killed|fried|power\s+surge|came\s+(?:over|across)\s+empty|(?:was|were)(?:n't|\s+not)\s+(?:shifted|moved|transferred|migrated|copied)|dying|went\s+over\s+the\s+side|format(?:ted|eé|ei|tato|é)|gebrickt|weg|rubat[oa]|robad[oa]|roubad[oa]|vol[ée]e?|gestohlen|ukradzion[ya]|skradzion[ya]|disparu|perdu|perd[ií]|pers[oa]|verloren|zgubi\w*|caiu|cay[óo]|tomb[ée]|cadut[oa]|upad\w*|resecie|kaybett\w*|çalındı|nicked|pinched|swapped\s+(?:my\s+)?(?:phones?|devices?|handsets?|mobiles?)|(?:since|after|when)\s+swapping\s+(?:my\s+)?(?:phones?|devices?|handsets?|mobiles?)|(?:phone|ipad|tablet|device|laptop|key|yubikey|handset|mobile|computer|iphone|android)\s+(?:(?:finally|just|completely|suddenly|eventually|simply)\s+)?gave\s+(?:up|out)\b|went\s+(?:black|dark|dead)\b|went\s+(?:w/?|with)\s+(?:my|the)\s+(?:old\s+)?(?:phone|device|laptop|tablet)|won'?t\s+even\s+(?:start|boot|turn\s+on|power\s+on|switch\s+on|charge)|(?:totp|2fa|code|token|key|authenticator)\s+(?:that\s+)?i\s+(?:don'?t|do\s+not|no\s+longer)\s+have\b|(?:somebody|someone)'?s\s+been\s+in\b|(?:is|was)\s+(?:now\s+)?(?:just\s+)?(?:completely\s+|totally\s+|entirely\s+)?empty|did(?:n'?t|\s+not)\s+(?:bring|carry|copy|move|transfer)\s+(?:anything|(?:the\s+|my\s+)?(?:token|tokens|codes?|accounts?|entries|entry|secrets?|2fa|totp|keys?|data))\s+(?:across|over)|trade-?in|(?:loss|theft|failure|destruction|non-?availability|unavailability)\s+of|surrender(?:ed)?|relinquish(?:ed)?|(?:app|authenticator|authy|aegis|vault|token\s+list|2fa\s+app)\s+(?:was\s+|got\s+|had\s+been\s+|has\s+been\s+)?emptied|came\s+off\s+(?:my|the|its|our)\s+(?:key\s*-?ring|keychain|key\s+chain|lanyard)\b[^.]{0,80}?\b(?:(?:has|have)(?:n'?t|\s+not)\s+(?:yet\s+)?turned\s+up|lost|gone|missing)|hardware\s+(?:failure|fault)|suffered\s+(?:a|an)\s+(?:{W}\s+)?(?:failure|malfunction)|(?:asks?|asking|wants?|requires?)\s+(?:me\s+)?(?:for\s+)?(?:an?\s+|the\s+)?(?:6|six)[- ]?digits?\s+code\s+and\s+i\s+(?:cannot|can'?t|can\s+not)\s+(?:give|provide|enter)|confiscated|seized|termination\s+of\s+(?:my\s+|his\s+|her\s+)?(?:employment|contract))\b";
/// …and that is about the means of getting in.
pub const REASON_TOPICS: &str = r"\b(?:phone|handphone|cell\s?phone|mobile|handy|smartphone|iphone|android|pixel|device|tablet|ipad|freeotp|aegis|2fas|duo|number|carrier|authenticator|authy|app|2fa|mfa|two[- ]factor|second\s+factor|totp|otp|security\s+key|hardware\s+key|yubikey|solokey|nitrokey|onlykey|feitian|titan|u2f|fido2?|keyring|key|token|webauthn|passkey|codes?|e-?mail|mail\s?box|inbox|domain|password|sim|laptop|computer|touch\s?id|face\s?id|windows\s+hello|telefon\w*|telephone|tel[ée]fono|t[ée]l[ée]phone|celular|cellulare|m[óo]vil|portable|port[áa]til|handy|komórk\w*|secure\s+enclave|credential|biometric|fingerprint|macbook)\b";

/// `ownership_proof`: offers of other proof that the account is theirs.
pub const OWNERSHIP: &str = r"\b(?:(?:maintained|published|written|created|released|owned|authored)\s+by\s+me\b|can\s+be\s+pushed\s+to\s+by\s+me\b|i\s+(?:am\s+(?:the\s+)?(?:sole\s+|main\s+|lead\s+|primary\s+|a\s+|an\s+|one\s+of\s+the\s+|the\s+)?(?:maintainer|co-?maintainer|author|owner|creator|publisher)s?|(?:co-?)?maintain)\b|\bi\s+(?:also\s+)?(?:wrote|created|authored|own|built|develop(?:ed)?|publish(?:ed)?|release(?:d)?|upload(?:ed)?|started)\s+(?:{W}\s+){0,3}?(?:packages?|projects?|librar(?:y|ies)|modules?|tools?|repos(?:itor(?:y|ies))?|releases?|versions?|wheels?|sdists?|on\s+pypi)\b|\b(?:i|we|and|also|still)\s+can\s+(?:push|commit|tag|prove|show|verify|demonstrate|publish|sign)\b|\byou\s+can\s+(?:verify|check|confirm)\s+(?:it|this|that|me|my\s+\w+)\s+(?:through|via|with|on|by|using|at|against)\b|^\W*can\s+(?:push|commit|tag|prove|show|demonstrate|publish|sign)\b|\b(?:packages?|projects?|librar(?:y|ies))\s+(?:i|that\s+i)\s+(?:maintain|own|publish|wrote|created|released)|\b(?:as|for)\s+proof|\bto\s+(?:prove|show|verify|demonstrate)\s+(?:that\s+)?(?:the\s+account|it|this|i)|\b(?:account|accounts|package|packages|project|projects|repo\w*|librar(?:y|ies)|it|this|that|which|they|these|those|both|pypi|under)\s+(?:really\s+|truly\s+|actually\s+|definitely\s+|indeed\s+)?(?:is|are)\s+(?:all\s+)?mine\b|\bhomepage\s+lists|\b(?:gpg|pgp)\s+(?:key|signature)|\bsigned\s+(?:with|by)\s+my|\blinked\s+(?:to|from|with)\s+my|\bmy\s+(?:github|gitlab)\s+(?:profile|account|repo\w*)\b[^.]{0,40}?\b(?:links?|lists?|shows?|points?|mentions?)\b|\b(?:maintainer|co-?maintainer|author|owner|creator)s?\s+of\b|\bi'?(?:ve|\s+have)\s+been\s+(?:publishing|maintaining|releasing|developing|shipping)\b|\b(?:happy|able|willing|ready|glad)\s+to\s+(?:push|publish|tag|sign|commit|release)\b|\bmy\s+(?:packages?|projects?|librar(?:y|ies))\s+(?:is|are|include|includes|on\s+pypi)\b|\bpypi\.org/project/|\bas\s+evidence\b|\blists?\s+me\s+as\s+(?:a\s+|the\s+|its\s+)?(?:co-?)?(?:maintainer|author|owner)|\b(?:commit|push)\s+(?:rights|access|permissions?)\b|\bi(?:'ve|\s+have)\s+(?:been\s+)?(?:shipped|shipping)\s+[^.]{0,60}?\bfrom\s+(?:this|that|the|my)\s+account\b|(?:^|[-–—;:,]\s*)\W*(?:please\s+)?check\s+the\s+(?:upload|release)\s+history\b|\b(?:packages?|projects?)\b[^.]{0,60}?\b(?:are|is|were|was)\s+(?:all\s+)?published\s+from\s+(?:this|that|the|my|our)\s+account\b|\bcan\s+cut\s+a\s+(?:new\s+)?release\b|\b(?:packages|projects)\s+(?:listed|shown|named)\s+(?:there|on\s+(?:it|that\s+page|the\s+profile))\b[^.;]{0,60}?\b(?:are|were)\s+(?:all\s+|both\s+)?mine\b|\bi\s+(?:have\s+|'ve\s+)?cut\s+(?:every|each|all|every\s+single)\s+releases?\b)";

/// The account is a TestPyPI one.
pub const TESTPYPI: &str = r"\btest\.pypi\.org\b|\btest[\s-]?pypi\b";

/// The requester suggests someone else acted on the account.
pub const COMPROMISE: &str = r"\b(?:neither\s+of\s+(?:those|them|these)\s+(?:was|were)\s+(?:me|mine)|neither\s+(?:one\s+|change\s+)?was\s+me\s*(?:[.!;]|$)|(?:^|[.!;:]\s*|\b(?:think|believe|sure|seems?|clearly|apparently|obviously|and|but|so|now)\s+(?:that\s+)?)(?:someone|somebody)(?:'s|\s+has)\s+been\s+(?:in|into|inside|logging\s+into)\s+(?:my|the|our)\s+(?:pypi\s+)?(?:account|acct)\s*(?:[.,;!:)(-]|$|\s(?:and|since|for|while|on|last|this|yesterday|today|over|again)\b)|(?:that|this|it)\s+was(?:n't|\s+not)\s+me|none\s+of\s+(?:that|those|it)\s+was\s+me|hacked|compromised|hijacked|take-?over|taken\s+over|stolen\s+account|account\s+(?:was|has\s+been|got)\s+stolen|someone\s+(?:else\s+)?(?:has|had|got|gained|is|was|may\s+have|might\s+have|must\s+have|changed|logged|enabled|reset|added|turned|generated|accessed)|somebody\s+(?:else\s+)?(?:has|had|got|changed|logged|enabled|reset|added|accessed|turned\s+(?:on|off|it\s+on|2fa\s+on)|(?:may|might|must)\s+have\s+(?:changed|enabled|logged|used|accessed|reset|added|turned|taken|hacked|generated|stolen))|(?:without|not\s+with)\s+my\s+(?:knowledge|permission|consent|authori[sz]ation)|i\s+did(?:n't|\s+not)\s+(?:do|make|request|trigger|initiate|enable|generate|change|authori[sz]e|set\s+up|reset|create|add|ask\s+for)\s+(?:this|that|it|them|these|those)\b|i\s+did(?:n't|\s+not)\s+(?:do|make|request|trigger|initiate|enable|generate|change|authori[sz]e|set\s+up|reset|create|add|ask\s+for)\s+any\s+(?:of\s+(?:these|those|them|this|that)|(?:such\s+|new\s+)?(?:changes?|requests?|devices?|keys?|tokens?|e-?mails?|e-?mail\s+address(?:es)?|addresses|codes|logins?|2fa|security\s+keys?|api\s+tokens?|passkeys?))\b|(?:someone|somebody)\s+(?:else\s+)?took\s+over\s+(?:my|the|our)\s+(?:pypi\s+)?(?:account|acct)\s*(?:[.!;]|$|,\s*(?:and|so)\b)|(?:that\s+)?(?:wasn't|was\s+not|were\s+not|weren't)\s+me|^\W*(?:definitely\s+|certainly\s+)?not\s+me\b|unknown\s+(?:logins?|devices?|ips?|ip\s+address(?:es)?|locations?|sessions?|sign-?ins?)|suspicious\s+(?:logins?|activity|e-?mails?|sign-?ins?|changes?)|unauthori[sz]ed\s+(?:access|log-?ins?|sign-?ins?|changes?|activity|person|party|user|upload|release|token|device|session)s?|(?:e-?mail|address)\s+(?:was|has\s+been|got)\s+changed|i\s+did\s+(?:neither|none)\s+of\s+(?:these|those|this|that|them)|i\s+(?:made|requested|authori[sz]ed)\s+(?:neither|none)\s+of\s+(?:these|those|the)\s+changes|i\s+(?:made|requested|authori[sz]ed)\s+neither\s+(?:change|one)\b|(?:whom|that|which|who)\s+i\s+(?:have\s+)?(?:never|did(?:n't|\s+not))\s+(?:\w+\s+)?(?:invit|add|mak|made|upload|publish|releas|creat|authori[sz]|approv)\w*|(?:country|place|city|location)\s+(?:where\s+|that\s+)?i\s+(?:have\s+|'ve\s+)?never\s+(?:been|visited)|(?:from|in)\s+(?:an?\s+)?(?:unknown|foreign|strange|unfamiliar)\s+(?:ip|country|location|device|place)|das\s+war\s+nicht\s+ich|(?:nicht\s+von\s+mir|ohne\s+mein\s+wissen)|jemand\s+(?:anderes?|fremdes?)\s+(?:hat|hatte)|no\s+fui\s+yo|alguien\s+(?:m[aá]s\s+)?(?:ha|tiene|entr[oó]|accedi[oó]|cambi[oó])|ce\s+n'?(?:[ée]tait|est)\s+pas\s+moi|quelqu'?un\s+(?:d'autre\s+)?(?:a|s'est)|n[aã]o\s+fui\s+eu|algu[eé]m\s+(?:mais\s+)?(?:tem|entrou|acessou|mudou))";

/// The requester got in after all or no longer needs help.
pub const WITHDRAWN: &str = r"\b(?:(?:feel\s+free\s+to|you\s+(?:can|may))\s+(?:bin|close|cancel|drop|delete|discard)\s+(?:the|my|this)\s+(?:request|ticket|case)\b|please\s+(?:disregard|ignore|cancel|close)\s+(?:(?:my|this|the|our)\s+)?(?:(?:recovery|support|account)\s+)?(?:request|ticket|case|issue|e-?mail|mail|message)\b|please\s+close\s+this\s+one\s*(?:[-–—.,;!]|$)|please\s+(?:disregard|ignore|cancel|close)(?:\s+(?:it|this|that))?\s*(?:[.!]|$)|(?:kindly|pls|plz)\s+(?:disregard|ignore|cancel|close)\s+(?:(?:my|this|the|our)\s+)?(?:request|ticket|case|e-?mail|mail|message)(?:\s*,?\s*(?:there'?s\s+|there\s+is\s+)?no\s+need\s+(?:any\s?more|anymore))?\s*(?:[.!,;]|$)|i'?ve\s+(?:now\s+|finally\s+|just\s+)?(?:signed|logged)\s+(?:back\s+)?in\s*(?:[.!,;]|$|and\b|again|after\s+all)|never\s?mind\b|nvm\b|i'?m\s+after\s+(?:getting|logging|signing)\s+(?:myself\s+)?(?:back\s+)?in\b|nothing\s+(?:more|else|further)\s+(?:is\s+)?needed\b|(?:^\W*|\bi\s+|\bi've\s+|[,;:!]\s*)(?:finally\s+|just\s+|now\s+)?(?:got|gotten)\s+(?:back\s+)?in(?:to\s+(?:my|the)\s+account)?\s*(?:[!.,;]|$|after\s+all|again|now)|no\s+longer\s+need|(?:don't|do\s+not)\s+need\s+(?:any\s+)?(?:help|assistance|this|it)\s+(?:any\s*more|now)|(?:was|were|am|have\s+been|i'm)\s+able\s+to\s+(?:log|sign|get)\s+(?:back\s+)?in|(?:managed|could)\s+to\s+(?:log|sign|get)\s+(?:back\s+)?in|(?:i|we)\s+(?:could|can)\s+(?:log|sign)\s+in\s+again|^\W*no\s+need\s+(?:any\s?more|anymore)\s*(?:[.!]|$)|(?:got|am|i'm|have\s+gotten)\s+back\s+in(?:to)?(?:\s+(?:my|the)\s+(?:pypi\s+)?account)?\s*(?:[.!,;]|$|now\b|again\b|after\s+all\b|yesterday\b|today\b|this\s+morning\b|thanks?\b)|(?:regained|recovered|got\s+back)\s+(?:my\s+)?access(?:\s+to\s+(?:my|the)\s+(?:pypi\s+)?account)?\s*(?:[.,;!]|$|\b(?:and|thanks|now|again)\b)|(?:got|regained|recovered)\s+(?:back\s+)?my\s+(?:pypi\s+)?account\b|got\s+(?:my\s+)?access\s+back\b|(?:problem|issue)\s+(?:is\s+|has\s+been\s+)?(?:solved|resolved|fixed|sorted)|you\s+(?:can|may)\s+(?:close|drop|cancel|forget|ignore|disregard)|\bso\s+i\s+(?:could|was\s+able\s+to)\s+(?:log|sign|get)\s+(?:back\s+)?in(?:to)?\b|(?:request|case|ticket)\s+(?:can|may)\s+be\s+(?:closed|cancell?ed|dropped)|(?:problem|issue|request)\s+is\s+(?:not\s+actual|no\s+longer\s+(?:actual|relevant|needed|necessary))|(?:entered|logged\s+in|signed\s+in|got\s+in)\s+successfully|(?:i'm|i\s+am)\s+(?:logged|signed)\s+(?:back\s+)?in(?:to)?\s+(?:{W}\s+){0,3}?again|(?:cancel|withdraw)\s+(?:my|the|this)\s+request|\b(?:we|i)\s+(?:hereby\s+|therefore\s+|now\s+|also\s+)*withdraw\s+our\s+(?:(?:recovery|support|account)\s+)?request\s*(?:[.,;!]|$|\s+(?:and|as|since|because)\b)|(?:request|case|ticket)\s+(?:is|has\s+been)\s+hereby\s+(?:withdrawn|cancell?ed)|(?:no\s+need|nothing\s+(?:more|else|further))\s+(?:for\s+you\s+)?to\s+do\s+(?:anything\s+)?(?:more|further|else|on\s+(?:your|this|it))\b|(?:signed|logged)\s+in(?:to)?\s+(?:to\s+)?(?:(?:my\s+)?(?:pypi|the\s+account|my\s+account)\s+)?(?:this\s+morning\s+|today\s+|again\s+|now\s+)?without\s+(?:any\s+)?(?:problems?|issues?|trouble)|(?:please\s+)?forget\s+(?:about\s+)?(?:my|the|this)\s+(?:request|ticket|case|e-?mail|mail|message)\b|(?:i'm|i\s+am)\s+(?:now\s+)?(?:logged|signed)\s+(?:back\s+)?in(?:\s+now|\s+again)?\s*(?:[.!,;]|$)|sorted\s+it\s+out|all\s+good\s+now|^\W*(?:solved|resolved|fixed|sorted)\b|(?:solved|fixed|sorted|figured)\s+it(?:\s+out)?(?:\s+myself)?\b|(?:it'?s|it\s+is)\s+(?:solved|resolved|fixed|sorted)|hat\s+sich\s+erledigt|(?:konnte|kann)\s+mich\s+wieder\s+an(?:melden|gemeldet)|(?:ya|ahora)\s+(?:pude|puedo)\s+(?:entrar|acceder|iniciar)|problema\s+resuelto|(?:j[aá]\s+)?consegui\s+(?:entrar|acessar)|resolvido|probl[eè]me\s+r[ée]solu|c'?est\s+r[ée]gl[ée]|j'?ai\s+pu\s+me\s+(?:connecter|reconnecter)|问题(?:已经)?解决|已经解决|解决了)";

/// Services that are not PyPI and whose being hacked says nothing of the PyPI account: "my
/// Facebook was also hacked last year". Mail providers are left out: a mailbox taken over puts the
/// account at risk.
pub const UNRELATED_SITES: &[&str] = &[
    "facebook", "instagram", "twitter", "linkedin", "whatsapp", "telegram", "paypal", "amazon",
    "netflix", "steam", "discord", "tiktok", "snapchat", "reddit", "spotify", "bank", "ebay",
    "fb", "insta",
];

/// Services, besides [`UNRELATED_SITES`], whose name where "I got back in" went makes it about
/// them, not PyPI: "I could log back in to GitHub", "I got into my Gmail again". Not Google,
/// Microsoft or Apple: their authenticators are how people get back in ("Problem solved via
/// Apple Keychain").
pub const SITES_TO_GET_INTO: &[&str] = &[
    "github", "gitlab", "bitbucket", "npm", "gmail", "hotmail", "yahoo", "dropbox", "slack",
];

/// Words that make a mailbox another than the account's: "I use a *new* Gmail address now".
pub const ANOTHER_MAILBOX: &[&str] = &[
    "new", "newer", "another", "different", "second", "other", "alternate", "alternative",
];

/// Words in a match that make its mailbox the account's after all: "the *old* mail".
pub const THE_ACCOUNTS_MAILBOX: &[&str] = &["old", "original", "former", "same"];

/// Words anywhere in the sentence that tie the mailbox to the account: "the new address that is
/// on the *account*", "the *registered* address *forwards* to the new inbox I use".
pub const TIED_TO_THE_ACCOUNT: &[&str] = &[
    "account", "account's", "registered", "pypi", "pypi's", "linked", "associated", "forwards", "forwarded",
    "forwarding", "forward", "redirects", "redirected",
];

/// Words a clause may open with before what it says: "*So* I still know it, is that enough?"
pub const FILLER_OPENERS: &[&str] = &[
    "so", "and", "but", "sorry", "also", "then", "ok", "okay", "well", "basically", "please", "oh",
    "now", "or", "just",
];

/// Words that, first in a clause (after [`FILLER_OPENERS`]), make it ask: "*do* I need my password, is that
/// what you mean?", "*if* I still know it, would that help?"
pub const ASKING_OPENERS: &[&str] = &[
    "what", "why", "how", "when", "where", "who", "which", "can", "could", "would", "will", "should",
    "is", "are", "do", "does", "did", "have", "has", "may", "shall", "isn't", "aren't", "don't",
    "doesn't", "am", "must", "if", "in", "case", "assuming", "suppose", "supposing", "whether",
    "tell", "wonder", "wondering", "you", "you're", "meaning",
];

/// Words after a site's name that make it the thing taken over: "my Facebook *was* hacked", "my
/// bank *account*".
pub const A_SITES_OWN: &[&str] = &[
    "account", "accounts", "was", "got", "has", "had", "is", "profile", "page", "login",
];

/// First words that make a sentence ending in "??" a question rather than an exclamation.
pub const QUESTION_WORDS: &[&str] = &[
    "what", "why", "how", "when", "where", "who", "which", "can", "could", "would", "will", "should",
    "is", "are", "do", "does", "did", "have", "has", "may", "shall", "isn't", "aren't", "don't",
    "doesn't", "any", "anyone", "so",
];

/// Things that are not a username however they are introduced.
pub const NOT_USERNAMES: &[&str] = &[
    // what "That's …" says of a situation, not a name
    "understood", "agreed", "noted", "clear", "correct", "right", "fine", "accepted", "acknowledged",
    "unfortunate", "unclear", "strange", "weird", "odd", "annoying", "frustrating", "possible",
    "impossible", "true", "false", "difficult", "awful", "terrible", "great", "sad",
    "however", "unfortunately", "therefore", "sadly", "luckily", "currently", "recently", "today", "yesterday",
    "tomorrow", "has", "had", "been", "changed", "unchanged", "altered", "modified", "renamed", "removed",
    "sorry", "apologies", "oops", "iphone", "ipad", "android", "pixel", "samsung", "galaxy", "yubikey", "authy",
    "totp", "otp", "sms", "overnight", "tonight", "urgently", "immediately", "asap", "apparently", "obviously", "basically", "actually", "literally", "finally", "anyway", "meanwhile",
    "since", "until", "whose", "where", "what", "whom", "there", "here", "then", "than", "while", "though",
    "although", "unless", "once", "hence", "thus", "also", "still", "even", "only", "just", "again", "already",
    "anymore", "entirely", "completely", "temporarily", "permanently", "forever", "anyhow", "somehow", "page",
    "settings", "details", "dashboard", "profile", "name", "owner", "holder", "data", "status", "info",
    "stolen", "hacked", "compromised", "hijacked", "locked", "suspended", "disabled", "blocked", "taken", "broken",
    "lost", "closed", "deactivated", "frozen", "inaccessible", "unavailable", "issue", "issues", "problems", "help",
    "recovery", "access", "security", "takeover", "2fa", "mfa", "reset", "restore", "restoration", "locked-out",
    "roubada", "roubado", "robada", "robado", "gestohlen", "gehackt", "hackeado", "hackeada", "volé", "vole",
    "username", "user", "name", "unknown", "idk", "none", "n/a", "na", "is", "the", "my", "a", "an", "account",
    "pypi", "testpypi", "same", "this", "that", "it", "not", "and", "or", "was", "email", "e-mail", "yes",
    "no", "actually", "here", "below", "above", "please", "help", "recovery", "locked", "reset", "2fa", "lost",
    "for", "on", "at", "of", "to", "in", "is:", "with", "but", "still", "also", "just", "which", "who", "as",
    "by", "your", "our", "their", "his", "her", "its", "i", "me", "we", "you", "access", "password", "request",
    "login", "mfa", "totp", "issue", "problem", "question", "urgent", "support", "locked-out", "lockout",
    "recover", "recovering", "recovered", "restore", "disabled", "blocked", "deleted", "needed", "required",
    "there", "from", "via", "because", "since", "after", "before", "when", "if", "so", "then", "now",
    "anymore", "again", "too", "either", "back", "usual", "always", "guest", "normal", "normally", "around",
    "busy", "active", "please,", "hi", "hello", "thanks", "thank", "regards", "codes",
    "code", "app", "phone", "device", "key", "token", "security", "authenticator", "two-factor", "2-factor",
    "wrong", "incorrect", "right", "correct", "mixed", "typo", "misspelled", "mine", "registered", "protected",
    "fine", "ok", "okay", "safe", "gone", "old", "new", "active", "stuck", "http", "https", "www", "maintainer", "member", "well", "yours", "empty", "dead", "important", "private",
    "public", "real", "mine.", "personal", "shared", "secure", "inactive", "affected", "concerned", "listed",
    "last", "they", "someone", "somebody", "nothing", "everything", "nobody", "due", "some", "several", "two",
    "three", "each", "every", "his", "hers", "theirs", "ours", "legit", "legitimate", "valid", "invalid",
    "over", "hai", "hain", "hoon", "lock", "mailbox", "inbox", "address", "email-address", "mail",
    // words that end "… the same as my GitHub handle, …" without being the name
    "btw", "lowercase", "uppercase", "all",
];

/// People whose usernames are not the requester's ("his PyPI username is …").
pub const OTHER_PEOPLE: &[&str] = &[
    "his", "her", "their", "colleague", "colleagues", "friend", "friends", "brother", "sister", "wife",
    "husband", "partner", "boss", "collaborator", "coworker", "co-worker", "team", "manager", "student", "son",
    "daughter",
];

/// Services whose usernames are not the account's ("my GitHub username is …").
pub const OTHER_SERVICES: &[&str] = &[
    "github", "gitlab", "bitbucket", "mastodon", "twitter", "x", "discord", "slack", "email", "e-mail", "mail",
    "windows", "mac", "macos", "linux", "computer", "reddit", "irc", "matrix", "keybase", "fediverse",
    "bluesky", "linkedin", "telegram", "skype", "zulip", "gmail", "google", "microsoft", "apple", "icloud",
    "ssh", "unix", "fosstodon", "hachyderm", "codeberg", "sourcehut", "conda", "anaconda", "npm", "docker",
    "dockerhub",
];

/// Words the rules look for that people misspell: one typing slip away from one of these (a
/// letter dropped, added, changed, or two swapped) reads as it ("pasword", "recovry",
/// "acount", "adress", "condcut", "aknowledge", "usename"). Words of six letters or more only
/// (lowercase ASCII): a slip away from a short word is too often another word ("emil", "agee";
/// their common slips are in [`TYPO_FIXED`]).
pub const TYPO_TARGETS: &[&str] = &[
    "password", "passwords", "recovery", "account", "accounts", "address", "username", "usernames",
    "conduct", "acknowledge", "acknowledged", "acknowledgement", "acknowledgment", "understand",
    "understood", "significant", "amount", "authenticator", "authentication", "remember", "forgotten",
    "receive", "receiving", "received", "access", "emails", "generated", "downloaded", "anymore",
    "device", "backup", "mailbox", "registered", "verified",
];
/// Real words (and mail-system names) a slip away from a target, left as written.
pub const TYPO_REAL_WORDS: &[&str] = &[
    "recover", "recovers", "conduit", "conducts", "understands", "amounts", "mount", "umount",
    "receiver", "receives", "deceive", "deceived", "deceiving", "remembers", "email", "qmail",
    "exmail", "gmail", "ymail", "hmail", "devices", "devise", "deice", "backups", "verifies",
    "verifier", "generate", "generates", "downloader",
];
/// Shorthand and slips of short words, read as meant ("i sill have", "the acct", "pls", "u").
pub const TYPO_FIXED: &[(&str, &str)] = &[
    ("sill", "still"), ("stil", "still"), ("sitll", "still"), ("nevr", "never"), ("acct", "account"),
    ("accnt", "account"), ("pls", "please"), ("plz", "please"), ("sry", "sorry"), ("srry", "sorry"),
    ("thx", "thanks"), ("ofc", "of course"), ("ive", "I've"), ("cuz", "because"), ("coz", "because"),
    ("emial", "email"), ("emials", "emails"), ("eamil", "email"), ("emal", "email"), ("emaill", "email"),
    ("agre", "agree"), ("agreee", "agree"), ("dont", "don't"), ("doesnt", "doesn't"),
    ("didnt", "didn't"), ("isnt", "isn't"), ("wasnt", "wasn't"), ("arent", "aren't"),
    ("werent", "weren't"), ("havent", "haven't"), ("hasnt", "hasn't"), ("couldnt", "couldn't"),
];
/// Real words a slip away from "codes", never read as it even after "recovery" ("the recovery
/// comes first", "backup nodes").
pub const CODES_SLIPS_REAL: &[&str] = &[
    "code", "coded", "coder", "modes", "nodes", "comes", "cores", "coves", "cokes", "copes", "codex",
    "cones", "coeds", "cods", "odes", "does",
];

/// Last words of a line that leave its sentence open ("… because the" / "app is on my" / "I do
/// not").
pub const CANNOT_END_A_SENTENCE: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "to", "of", "for", "with", "without", "from",
    "into", "about", "my", "our", "your", "his", "her", "their", "its", "are", "was", "were",
    "be", "been", "that", "which", "whose", "because", "if", "when", "than", "i", "we", "i'm",
    "i’m", "it's", "it’s", "these", "those", "very", "never", "not", "no", "don't", "dont",
    "can't", "cant", "cannot", "haven't", "havent", "hasn't", "didn't", "didnt", "doesn't",
    "doesnt", "won't", "isn't", "wasn't", "still", "also", "just", "will", "would", "can",
    "could", "should", "may", "might", "must", "am", "is", "longer", "hardly", "barely",
    "recovery", "backup",
];

/// Last words of a line that may end a sentence ("a code i dont have") or go on with their
/// object on the next line ("I still have" / "the recovery codes").
pub const VERBS_BEFORE_AN_OBJECT: &[&str] = &[
    "have", "had", "has", "know", "knew", "do", "did", "does", "got", "get", "saved", "keep",
    "kept", "understand", "read", "receive", "find", "remember", "use", "used", "lost", "forgot",
    "need", "want", "agree", "accept", "see", "access", "follow", "saved", "save", "generate",
    "generated",
];

/// First words of a line that are the object of a verb ending the line above.
pub const OBJECT_OPENERS: &[&str] = &[
    "the", "my", "a", "an", "any", "access", "it", "them", "this", "that", "these", "those", "no",
    "your", "our", "his", "her", "their", "to", "all", "both", "one", "mail", "email", "e-mail",
    "emails", "what", "where", "how", "why", "psf", "recovery", "backup", "codes", "any",
];

/// First words of a line, as written, that go on with the line above ("… lost my phone" /
/// "with the authenticator on it"); a capital starts a sentence.
pub const CANNOT_START_A_SENTENCE: &[&str] = &[
    "and", "or", "nor", "with", "without", "to", "of", "for", "from", "on", "in", "at", "by",
    "which", "whose", "than", "because", "as", "into", "onto", "about", "that", "who", "is",
    "are", "was", "were", "have", "has", "had", "may", "might", "can", "could", "will", "would",
    "got", "somewhere", "codes",
];

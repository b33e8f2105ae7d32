//! The phrases and patterns the stripper knows, per language, kept as data.
//!
//! Everything language-specific lives here: the words that open and close an attribution line
//! ("On … wrote:"), the field names of a quoted header block ("From:/Sent:/To:/Subject:"), the
//! separators mail clients put above quoted or forwarded mail, mobile and app footers, and
//! sign-off phrases. The `quotes` and `signature` passes only ask questions of one line (or of a
//! few wrapped lines joined), so adding a language is adding words to a table.
//!
//! The predicates are public so that tests (and the corpus test's policy rules) can ask the same
//! questions; the tables are `rustfmt::skip` to stay one language per line.
//!
//! All patterns go through the `regex` crate, which matches in linear time (no backtracking), and
//! every caller bounds the length of the text it asks about, so pathological bodies stay cheap.

use crate::pattern;
use regex::Regex;
use std::sync::LazyLock;

/// Verbs that close an attribution line ("On Tue, … X wrote:"). They may be followed by the
/// sender's name before the colon, as in German "Am … schrieb X:" or Danish "Den … skrev X:".
#[rustfmt::skip]
pub const ATTRIBUTION_VERBS: &[(&str, &[&str])] = &[
    ("en", &["wrote", "writes", "has written"]),
    ("de", &["schrieb", "hat geschrieben", "geschrieben"]),
    ("fr", &["a écrit", "écrit"]),
    ("es", &["escribió", "ha escrito"]),
    ("ca", &["ha escrit", "va escriure"]),
    ("pt", &["escreveu"]),
    ("nl", &["schreef", "heeft geschreven"]),
    ("it", &["ha scritto", "scrisse"]),
    ("pl", &["napisał(a)", "napisał", "napisała", "pisze"]),
    ("cs", &["napsal(a)", "napsal", "napsala"]),
    ("da/no/sv", &["skrev"]),
    ("fi", &["kirjoitti"]),
    ("hu", &["írta"]),
    ("tr", &["yazdı"]),
    ("ru", &["написал(а)", "написал", "написала", "пишет"]),
    ("uk", &["написав(ла)", "написав", "написала", "пише"]),
    ("zh", &["写道", "寫道"]),
    ("ja", &["のメッセージ", "は書きました", "さんは書きました"]),
    ("ko", &["작성", "님이 작성"]),
    ("vi", &["đã viết", "viết"]),
    ("id/ms", &["menulis", "telah menulis"]),
    ("ro", &["a scris"]),
    ("hr/bs/sr", &["je napisao", "je napisala", "napisao", "napisala"]),
    ("sk", &["napísal(a)", "napísal", "napísala"]),
    ("sl", &["je napisal", "je napisala"]),
    ("el", &["έγραψε"]),
    ("bg", &["написа"]),
    ("lt/lv/et", &["rašė", "rakstīja", "kirjutas"]),
];

/// Words an attribution line starts with ("On …", "Am …", "Le …"). With a verb above at the end
/// and a date or address inside, the line is an attribution; "On …" alone never is.
#[rustfmt::skip]
pub const ATTRIBUTION_LEADS: &[(&str, &[&str])] = &[
    ("en", &["On", "In message", "In article"]),
    ("de", &["Am"]),
    ("fr", &["Le"]),
    ("es/ca", &["El"]),
    ("pt", &["Em", "No dia"]),
    ("nl", &["Op"]),
    ("it", &["Il"]),
    ("pl", &["W dniu", "Dnia"]),
    ("da/no/sv", &["Den", "På"]),
    ("ru/uk", &["В", "Во", "У"]),
    ("zh", &["在"]),
    ("vi", &["Vào"]),
    ("id/ms", &["Pada", "Pada tanggal"]),
    ("ro", &["În", "Pe"]),
    ("hr/bs/sr/sl", &["Dana", "Dne"]),
    ("el", &["Στις"]),
];

/// The kind of a field in a quoted header block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    From,
    Date,
    To,
    Cc,
    Subject,
    /// Reply-To, Sender and the like: part of a block, never its start.
    Other,
}

/// Field names of quoted header blocks (Outlook, webmail, forwarded mail), per language. Bold
/// variants (`*From:*`, `**From:**`) and a space before the colon (French "De :") are accepted by
/// the pattern built from this table.
#[rustfmt::skip]
pub const HEADER_FIELDS: &[(Field, &[&str])] = &[
    (Field::From, &[
        "From", "De", "Von", "Van", "Da", "Fra", "Från", "Od", "От", "Від", "Lähettäjä", "Feladó",
        "Remetente", "Mittente", "Afzender", "Absender", "Expéditeur", "Kimden", "Šalje",
        "Pošiljatelj", "Pošiljalac", "De la", "Από", "จาก", "Từ", "Dari", "מאת", "من",
        "发件人", "寄件者", "差出人", "보낸 사람",
    ]),
    (Field::Date, &[
        "Sent", "Date", "Envoyé", "Envoyé le", "Gesendet", "Datum", "Verzonden", "Verstuurd",
        "Inviato", "Data", "Enviado", "Enviada", "Enviado el", "Fecha", "Sendt", "Dato", "Skickat",
        "Wysłane", "Wysłano", "Отправлено", "Дата", "Надіслано", "Lähetetty", "Päivämäärä",
        "Elküldve", "Dátum", "Tarih", "Message du", "Poslano", "Poslato", "Trimis", "Στάλθηκε", "发送时间", "日期", "送信日時", "日時", "보낸 날짜",
        "ส่ง", "วันที่", "Đã gửi", "Ngày", "Dikirim", "Tanggal", "נשלח", "תאריך", "أرسل", "التاريخ",
    ]),
    (Field::To, &[
        "To", "À", "A", "An", "Aan", "Para", "Til", "Till", "Do", "Кому", "Vastaanottaja", "Címzett",
        "Kime", "Prima", "Primatelj", "Za", "Către", "Catre", "Προς", "收件人", "宛先", "받는 사람",
        "ถึง", "Đến", "Kepada", "אל", "إلى",
    ]),
    (Field::Cc, &["Cc", "CC", "Kopie", "Copie à", "Kopia", "Копия", "Копія", "抄送", "참조", "สำเนา", "Tembusan", "עותק", "نسخة"]),
    (Field::Subject, &[
        "Subject", "Objet", "Sujet", "Betreff", "Onderwerp", "Oggetto", "Asunto", "Assunto", "Emne",
        "Ämne", "Temat", "Тема", "Aihe", "Tárgy", "Předmět", "Konu", "Predmet", "Zadeva",
        "Subiect", "Θέμα", "主题", "主旨", "件名", "제목", "เรื่อง", "Chủ đề", "Perihal", "Subjek",
        "נושא", "الموضوع",
    ]),
    (Field::Other, &["Reply-To", "Reply to", "Antwort an", "Répondre à", "Responder a", "Sender"]),
];

/// Titles of the separator line mail clients put above quoted or forwarded mail, between dashes
/// ("-----Original Message-----", "-------- Message d'origine --------") or ending in a colon
/// ("Begin forwarded message:"). The bare title alone on a line is not a separator.
#[rustfmt::skip]
pub const SEPARATOR_TITLES: &[(&str, &[&str])] = &[
    ("en", &[
        "Original Message", "Forwarded message", "Begin forwarded message",
        "Reply message",
    ]),
    ("de", &[
        "Ursprüngliche Nachricht", "Original-Nachricht", "Originalnachricht",
        "Weitergeleitete Nachricht", "Anfang der weitergeleiteten Nachricht",
    ]),
    ("fr", &[
        "Message d'origine", "Message d’origine", "Message original", "Message transféré",
        "Début du message réexpédié", "Début du message transféré",
    ]),
    ("es", &["Mensaje original", "Mensaje reenviado", "Inicio del mensaje reenviado"]),
    ("pt", &["Mensagem original", "Mensagem encaminhada", "Início da mensagem reencaminhada"]),
    ("it", &["Messaggio originale", "Messaggio inoltrato", "Inizio messaggio inoltrato"]),
    ("nl", &["Oorspronkelijk bericht", "Origineel bericht", "Doorgestuurd bericht"]),
    ("da/no", &["Oprindelig besked", "Oprindelig meddelelse", "Opprinnelig melding", "Videresendt besked"]),
    ("sv", &["Ursprungligt meddelande", "Originalmeddelande", "Vidarebefordrat meddelande"]),
    ("fi", &["Alkuperäinen viesti", "Välitetty viesti"]),
    ("pl", &["Wiadomość oryginalna", "Oryginalna wiadomość", "Przekazana wiadomość"]),
    ("cs", &["Původní zpráva", "Přeposlaná zpráva", "Původní e-mail", "Původní e-mailová zpráva"]),
    ("sk", &["Pôvodná správa", "Preposlaná správa", "Pôvodný e-mail"]),
    ("hu", &["Eredeti üzenet", "Továbbított üzenet"]),
    ("ru", &["Исходное сообщение", "Пересылаемое сообщение", "Пересланное сообщение"]),
    ("uk", &["Вихідне повідомлення", "Оригінальне повідомлення", "Переслане повідомлення"]),
    ("bg", &["Оригинално писмо", "Оригинално съобщение", "Препратено писмо", "Препратено съобщение"]),
    ("tr", &["Orijinal Mesaj", "Özgün ileti", "İletilen ileti"]),
    ("ro", &["Mesaj original", "Mesaj redirecționat"]),
    ("el", &["Αρχικό μήνυμα", "Προωθημένο μήνυμα"]),
    ("zh", &["原始邮件", "原始郵件", "转发的邮件", "轉寄的郵件"]),
    ("ja", &["元のメッセージ", "転送されたメッセージ"]),
];

/// Mobile and app footers, as whole-line patterns (case-insensitive; the line is trimmed and
/// stripped of links and surrounding brackets first). A sentence that merely contains "sent from
/// my" is not a footer: each pattern must cover the whole line.
#[rustfmt::skip]
pub const FOOTER_PATTERNS: &[(&str, &str)] = &[
    // "Sent from my iPhone", "Sent with Sparrow", "Sent from Mail for Windows 10", "Sent from my
    // cell, please excuse any typos." — a few words, then at most an apology for typos. "Sent
    // from my desk, is much easier …" is not matched.
    ("en", r"(?:sent|posted) (?:from|with|via|using|by|on) (?:my |a |an |the )?[^,;:!?]{1,50}?(?:[.,]?\s+please excuse [^,;:]{0,40})?\.?"),
    ("en", r"(?:from|via) my (?:mobile|iphone|ipad|android|phone|cell|blackberry|tablet)[\w -]{0,30}"),
    ("en", r"\w+ (?:from|via) (?:mobile|phone)"),
    ("en", r"get (?:the )?outlook for (?:ios|android|mac|windows)\S*"),
    ("fr", r"envoy[ée] (?:depuis|de|à partir de|avec|par) (?:mon |ma |l'|un |une )?[^,;:!?]{1,50}?"),
    ("de", r"(?:von|mit) meinem [^,;:!?]{1,50} gesendet\.?"),
    ("de", r"gesendet (?:von|mit) (?:meinem |meiner )?[^,;:!?]{1,50}?"),
    ("de", r"diese nachricht wurde von meinem [^,;:!?]{1,60} gesendet\.?"),
    ("es", r"enviado (?:desde|con) (?:mi )?[^,;:!?]{1,50}?"),
    ("pt", r"enviado (?:do|pelo|a partir do) (?:meu )?[^,;:!?]{1,50}?"),
    ("it", r"inviato (?:da|con) (?:il mio |mio )?[^,;:!?]{1,50}?"),
    ("nl", r"verzonden (?:met|vanaf|van|vanuit) (?:mijn )?[^,;:!?]{1,50}?"),
    ("sv", r"skickat från (?:min )?[^,;:!?]{1,50}?"),
    ("da/no", r"sendt fra (?:min )?[^,;:!?]{1,50}?"),
    ("pl", r"wysłane (?:z|ze) (?:mojego )?[^,;:!?]{1,50}?"),
    ("ru", r"отправлено (?:с|из) [^,;:!?]{1,50}?"),
    ("zh", r"(?:从|發自|发自)我的\s?\S{1,30}(?:\s?发送)?"),
    ("ja", r"\S{1,30}から送信"),
];

/// Closing phrases that start a sign-off block at the end of the new text ("Thanks,\nPriya").
/// A line is a sign-off only when it is one of these phrases and nothing else (an optional `,`,
/// `.`, `!` or smiley may follow), or the phrase followed by a name ("Cheers, Bob"): "Thanks, I
/// still know my password." is content.
#[rustfmt::skip]
pub const SIGN_OFFS: &[(&str, &[&str])] = &[
    ("en", &[
        "thanks", "thank you", "many thanks", "thanks a lot", "thanks again", "thank you again",
        "thanks in advance", "thank you in advance", "thanks so much", "thank you so much",
        "thank you very much", "thanks very much", "thx", "ty", "thanx", "regards", "best regards",
        "kind regards", "warm regards", "warmest regards", "kindest regards", "with regards",
        "with best regards", "with kind regards", "best wishes", "all the best", "best", "cheers",
        "sincerely", "yours sincerely", "sincerely yours", "yours truly", "yours", "respectfully",
        "cordially", "take care", "greetings",
    ]),
    ("de", &[
        "grüße", "gruß", "grüsse", "gruss", "viele grüße", "viele grüsse", "beste grüße",
        "liebe grüße", "herzliche grüße", "freundliche grüße", "mit freundlichen grüßen",
        "mit freundlichen grüssen", "mit besten grüßen", "mfg", "lg", "vg", "danke", "vielen dank",
        "danke schön", "besten dank",
    ]),
    ("fr", &[
        "cordialement", "bien cordialement", "merci", "merci beaucoup", "merci d'avance",
        "merci d’avance", "bien à vous", "salutations", "meilleures salutations", "amicalement",
        "bonne journée", "à bientôt",
    ]),
    ("es", &["saludos", "un saludo", "saludos cordiales", "gracias", "muchas gracias", "atentamente", "un abrazo"]),
    ("pt", &["obrigado", "obrigada", "atenciosamente", "abraços", "cumprimentos", "att"]),
    ("it", &["saluti", "cordiali saluti", "distinti saluti", "grazie", "grazie mille"]),
    ("nl", &[
        "groeten", "groetjes", "met vriendelijke groet", "vriendelijke groet",
        "met vriendelijke groeten", "bedankt", "dank je", "dank u",
    ]),
    ("sv/da/no", &[
        "hälsningar", "med vänliga hälsningar", "vänliga hälsningar", "mvh", "hilsen",
        "med venlig hilsen", "vennlig hilsen", "tack", "takk", "tak",
    ]),
    ("pl", &["pozdrawiam", "pozdrowienia", "dziękuję", "z poważaniem"]),
    ("ru/uk", &["с уважением", "спасибо", "з повагою", "дякую"]),
    ("zh/ja", &["谢谢", "謝謝", "此致", "よろしくお願いします", "よろしくお願いいたします"]),
];

fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    // Longest first, so "napisał(a)" wins over "napisał".
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn flat<T: Copy>(
    table: &'static [(T, &'static [&'static str])],
) -> impl Iterator<Item = &'static str> {
    table.iter().flat_map(|(_, words)| words.iter().copied())
}

/// The writing verbs as a pattern: those in scripts with spaces after a word boundary (so
/// "rewrote:" is not "wrote:"), those in scripts without (Chinese, Japanese, Korean) anywhere.
fn verbs_pattern() -> String {
    let is_spaceless = |w: &&str| {
        w.chars().next().is_some_and(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}'))
    };
    let (spaceless, spaced): (Vec<&str>, Vec<&str>) =
        flat(ATTRIBUTION_VERBS).partition(is_spaceless);
    format!(
        r#"(?:(?:^|[\s>"',)\]])(?:{})|(?:{}))"#,
        alternation(spaced.into_iter()),
        alternation(spaceless.into_iter())
    )
}

/// A writing verb followed, within a short name, by the closing colon ("wrote:", "schrieb
/// PyPI Support:").
static VERB_COLON: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"(?i){}(?:\s+.{{1,120}}?)?\s*[:：]$",
        verbs_pattern()
    ))
    .expect("attribution verb pattern is valid")
});

/// A clause after the writing verb makes the line prose, whatever else it carries: "You wrote
/// at 10:30 *that* you need the following:". An attribution names only who wrote after its verb
/// (in lower case only: "schrieb Ramesh Dass:" is a name).
static CLAUSE_AFTER_VERB: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"\b(?:that|which|because|dass|que|что)\s+\S+\s+\S")
        .expect("clause pattern is valid")
});

/// A writing verb at the very end: "On …, X <x@y> wrote", without a colon.
static VERB_END: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(r"(?i){}$", verbs_pattern()))
        .expect("attribution verb pattern is valid")
});

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(r"^(?:{})\s", alternation(flat(ATTRIBUTION_LEADS))))
        .expect("lead pattern is valid")
});

/// A date or a time: "4:07", "2026", "19.02.2026", "2017-11-24", "2016年", "17.50".
static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\d{4}年|\d{1,2}\.\d{2}\b")
        .expect("date pattern is valid")
});

/// A clock time: "4:07", "08:56:10". Every mail client's attribution has one (or an address);
/// prose rarely does.
static TIME: LazyLock<Regex> =
    LazyLock::new(|| pattern::build(r"\d{1,2}:\d{2}").expect("time pattern is valid"));

/// A full date: numeric ("19.02.2026", "2/10/26") or a day before a year ("Nov 26, 2013", "9 Jan
/// 2014"): with a lead word ("On …") it makes an attribution even without time or address.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}\b.*\b(?:19|20)\d{2}\b")
        .expect("full date pattern is valid")
});

/// A time written with a dot ("kl. 21.21", "klo 17.50"): counts only next to a year, since
/// "pip 23.10" is a version.
static DOT_TIME_AND_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"\b\d{1,2}\.\d{2}\b.*\b(?:19|20)\d{2}\b|\b(?:19|20)\d{2}\b.*\b\d{1,2}\.\d{2}\b")
        .expect("dot time pattern is valid")
});

/// An email address, also when a wrapped line put a space inside the angle brackets.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+").expect("email pattern is valid")
});

/// Gmail's date-only attribution: "2014-03-20 8:48 GMT+01:00 Name <x@y>:", and older Gmail's
/// "2013/7/20 Name <x@y>" (no colon) when the line starts with the date.
static ADDRESS_COLON: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"(?:<\s*[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\s*>|\[mailto:[^\]\s]+\]|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*[:：]$")
        .expect("address pattern is valid")
});

static DATE_FIRST_ADDRESS_LAST: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(
        r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s.{1,150}<\s*[\w.+'-]+@[\w-]+(?:\.[\w-]+)+\s*>$",
    )
    .expect("date-first pattern is valid")
});

/// Gmail's ISO attribution when the address was dropped: "2016-03-03 17:21 GMT+01:00 Some One".
/// Specific enough (ISO date, time and GMT offset at the start) not to be prose.
static ISO_GMT_ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2} GMT[+-]\d{1,2}:?\d{2} \S.{0,100}$")
        .expect("iso pattern is valid")
});

static HEADER_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"^\s*[*_]{{0,2}}({})[*_]{{0,2}}[ \t]{{0,2}}[:：]",
        alternation(flat(HEADER_FIELDS))
    ))
    .expect("header field pattern is valid")
});

static SEPARATOR_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"(?i)^\s*(?:[-=_*]{{2,}}\s*(?:{t})\s*[-=_*]{{2,}}|(?:{t})\s*:)\s*$",
        t = alternation(flat(SEPARATOR_TITLES))
    ))
    .expect("separator pattern is valid")
});

/// A title between dashes that is not in the table ("-------- Oryginalna wiadomość --------"):
/// only a separator when a header field follows. The title's length (2 to 41 characters) is
/// checked in code: `{1,40}` of `\p{L}` in the pattern compiled to 1.7 MB of automaton.
static DASHED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"^\s*[-=_]{3,}\s*(\p{L}[\p{L}'’ ]*)[-=_]{3,}\s*$")
        .expect("dashed title pattern is valid")
});

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = FOOTER_PATTERNS
        .iter()
        .map(|(_, p)| format!("(?:{p})"))
        .collect();
    pattern::build(&format!(r"(?i)^(?:{})$", alts.join("|"))).expect("footer pattern is valid")
});

/// A link in a footer: "<https://aka.ms/o0ukef>", "(http://…)", a bare URL glued to the text
/// ("Get Outlook for iOShttps://aka.ms/o0ukef") or a markdown link "[Outlook for Android](…)"
/// (keeps its text). URLs are unbounded (`*`, not `{0,200}`): a counted repeat of a Unicode
/// class compiles to that many copies of it, megabytes of automaton for every thread.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"\[([^\]]{0,60})\]\([^)\s]*\)|\s*<(?:https?|mailto):[^>\s]*>|\s*\((?:https?|mailto):[^)\s]*\)|\s*https?://\S*")
        .expect("link pattern is valid")
});

static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"(?i)^(?:{})\s*(?:[,.!…]+|\s*[:;]-?[)D])?\s*$",
        alternation(flat(SIGN_OFFS))
    ))
    .expect("sign-off pattern is valid")
});

/// A sign-off with the name on the same line: "Cheers, Bob", "Thanks! -Ann".
static SIGN_OFF_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(&format!(
        r"(?i:^(?:{}))[,!]?\s+[-–—]?\s*(\p{{Lu}}[\p{{L}}'.-]*(?:\s\p{{Lu}}[\p{{L}}'.-]*){{0,2}})$",
        alternation(flat(SIGN_OFFS))
    ))
    .expect("named sign-off pattern is valid")
});

/// A dash (or slashes, tilde) glued to a name, as a sign-off: "-Abhishek Kona", "—Ryan", "~s",
/// "//Jef". A bullet ("- Yes") has a space after the dash and is not one.
static DASH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"^(?:-|–|—|~|/{1,2}\s?)\p{L}[\p{L}'.-]*(?:\s\p{L}[\p{L}'.-]*){0,3}$")
        .expect("dash-name pattern is valid")
});

/// A name on its own line: one to five words, each capitalised or in a script without case
/// ("陈嘉慧"), with particles ("de", "van") and an alias in brackets ("陈嘉慧 (Chen Jiahui)"), or a
/// lone lowercase word such as "moritz"; optionally prefixed like "//Jef".
static NAME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    const WORD: &str = r"(?:\p{Lu}[\p{L}'’.-]*|\p{Lo}+|[A-Z]{2,}\.?|Ph\.D\.)";
    const PARTICLE: &str = r"(?:de|van|von|der|den|da|di|la|le|du|dos|del|bin|al)";
    pattern::build(&format!(
        r"^(?:[-–—~/]{{0,2}}\s?)(?:{WORD}|\p{{Ll}}[\p{{L}}'’-]*)(?:[ ,]\s?(?:{WORD}|{PARTICLE}|\({WORD}(?:\s{WORD}){{0,3}}\))){{0,4}}\.?$"
    ))
    .expect("name pattern is valid")
});

/// Longest line (in bytes) the attribution and header rules look at; longer lines are prose or
/// data, never a quote header, and skipping them keeps huge single-line bodies cheap.
pub const MAX_HEADER_LINE: usize = 400;

/// Words Horde-style attributions start with, before the sender and a colon.
static QUOTING_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"(?i)^(?:quoting|zitat\s+von|citando|citation\s+de|cytuj[eę]|citaat\s+van|citerar|citaat)\s")
        .expect("valid")
});

/// An attribution that opens with its verb, as The Bat! writes it ("Вы писали 11 марта 2026 г.,
/// 10:00:02:", Polish "W Twoim liście z dnia 12 marca 2026 (13:58:40) można przeczytać:"): the
/// verb, a date and a clock time, and nothing else ("You wrote at 10:30 that you need the
/// following:" is prose).
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"(?i)^(?:you\s+wrote|вы\s+писали|ты\s+писала?|ви\s+писали|sie\s+schrieben|du\s+schriebst|vous\s+avez\s+écrit|napisał(?:eś|aś)|usted\s+escribió)\s+(?:on\s+|am\s+|le\s+)?[\w\s.,/-]{0,40}?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|[+-]\d{4}|[a-z]{2,5}))?\s*:$|^w\s+(?:twoim|twym|pana|pani|waszym)\s+li[sś]cie\s+z\s+dnia\s+[^:\n]{0,40}?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s+mo[zż]na\s+(?:by[lł]o\s+)?przeczyta[cć]\s*:$")
        .expect("valid")
});

/// True when `text` (one line, or wrapped lines joined with spaces) is an attribution line.
///
/// The writing verb alone is not enough ("Something wrote:", "Back in 2023 I wrote:" are prose):
/// the line must also carry a clock time or an address, as every client's header does, or start
/// with a lead word and carry a full date ("On Nov 26, 2013 you wrote:").
pub fn is_attribution(text: &str) -> bool {
    let t = strip_decoration(text);
    if t.is_empty() || t.len() > MAX_HEADER_LINE {
        return false;
    }
    // Cheap first: what the line ends with decides which patterns can match at all.
    if t.ends_with([':', '：']) {
        let has_time = TIME.is_match(t) || DOT_TIME_AND_YEAR.is_match(t);
        let has_address = EMAIL.is_match(t);
        let lead_and_date = LEAD.is_match(t) && FULL_DATE.is_match(t);
        if VERB_COLON
            .find(t)
            .is_some_and(|verb| !CLAUSE_AFTER_VERB.is_match(&t[verb.start()..]))
        {
            return has_time || has_address || lead_and_date;
        }
        // The Bat!: "Вы писали 11 марта 2026 г., 10:00:02:", "You wrote 11 March 2026, 10:00:02:"
        if t.len() <= 120 && VERB_FIRST.is_match(t) {
            return true;
        }
        // Horde/IMP: "Quoting PyPI Support <support@pypi.example>:", "Zitat von X <x@y>:"
        if has_address && QUOTING_LEAD.is_match(t) {
            return true;
        }
        // "2014-03-20 8:48 GMT+01:00 Name <x@y>:" and "Wednesday, 17 November 2021, 3:32 PM
        // +0300 from x@y <x@y>:"
        return DATE_TIME.is_match(t) && ADDRESS_COLON.is_match(t);
    }
    if t.ends_with('>') {
        // "2013/7/20 Name <x@y>"
        return DATE_FIRST_ADDRESS_LAST.is_match(t);
    }
    if LEAD.is_match(t) && VERB_END.is_match(t) {
        // "On Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@doe.com> wrote", no colon.
        return TIME.is_match(t)
            || DOT_TIME_AND_YEAR.is_match(t)
            || EMAIL.is_match(t)
            || FULL_DATE.is_match(t);
    }
    ISO_GMT_ATTRIBUTION.is_match(t)
}

/// A weak attribution: the writing verb ends the line but there is no date or address ("Priya
/// wrote:", "Le lundi, Paul a écrit :"). Only taken as a quote header when `>` lines follow.
pub fn is_weak_attribution(text: &str) -> bool {
    let t = strip_decoration(text);
    t.len() <= 120 && t.ends_with([':', '：']) && VERB_COLON.is_match(t)
}

/// True when the line could be the first half of a wrapped attribution.
pub fn could_start_attribution(text: &str) -> bool {
    let t = strip_decoration(text);
    if t.is_empty() || t.len() > MAX_HEADER_LINE || t.ends_with(['?', '!']) {
        return false;
    }
    if !could_continue_attribution(t) {
        return false;
    }
    let has_address = EMAIL.is_match(t);
    LEAD.is_match(t)
        || DATE_TIME.is_match(t)
        || has_address
        || t.starts_with(|c: char| c.is_ascii_digit())
}

/// True when a wrapped attribution may go on below this line: it does not end a sentence (an
/// abbreviation such as "Fr.," or "28." does not count, nor does a line with an address).
pub fn could_continue_attribution(text: &str) -> bool {
    let t = strip_decoration(text);
    if t.ends_with(['?', '!']) {
        return false;
    }
    !(t.ends_with('.')
        && !EMAIL.is_match(t)
        && t.split_whitespace()
            .last()
            .is_some_and(|w| w.chars().count() > 4))
}

/// True when the line starts like an attribution on its own ("On …", a date).
pub fn starts_like_attribution(text: &str) -> bool {
    let t = strip_decoration(text);
    LEAD.is_match(t) || t.starts_with(|c: char| c.is_ascii_digit())
}

/// Strips the dashes and bullets some clients wrap attribution lines in: Zoho's "---- On … wrote
/// ----", Yahoo's "--- On … wrote:", Zimbra's "- On … wrote:".
fn strip_decoration(text: &str) -> &str {
    text.trim()
        .trim_start_matches(['-', '*', '—', ' '])
        .trim_end_matches(['-', '*', '—', ' '])
        .trim()
}

/// The field a line of a quoted header block starts with ("From: PyPI Support <…>").
pub fn header_field(line: &str) -> Option<Field> {
    // Field names are short: the colon comes early.
    if line.len() > MAX_HEADER_LINE
        || !line
            .char_indices()
            .take(32)
            .any(|(_, c)| c == ':' || c == '：')
    {
        return None;
    }
    let caps = HEADER_FIELD.captures(line)?;
    let name = caps.get(1)?.as_str();
    HEADER_FIELDS
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map(|(f, _)| *f)
}

/// A separator line with a known title ("-----Original Message-----", "Begin forwarded
/// message:").
pub fn is_separator_title(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 120
        && (t.ends_with([':', '-', '=', '_', '*']) || t.ends_with("："))
        && SEPARATOR_TITLE.is_match(t)
}

/// A title between dashes that is not in [`SEPARATOR_TITLES`].
pub fn is_dashed_title(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 120
        && t.starts_with(['-', '=', '_'])
        && DASHED_TITLE
            .captures(t)
            .is_some_and(|c| c[1].chars().count() >= 2 && c[1].trim_end().chars().count() <= 41)
}

/// Shortest rule line that may open a signature block: "---" is markdown, "__________" is a
/// mailing-list footer or a signature.
pub const MIN_SIGNATURE_RULE_CHARS: usize = 10;

/// A line made only of separator characters: "--------", "________", "====", "***", "ᐧ".
pub fn is_rule_line(line: &str) -> bool {
    let t = line.trim();
    if t == "ᐧ" {
        return true;
    }
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '_' | '=' | '*' | '~' | '#' | '+')
        && t.chars().count() >= 2
        && t.chars().all(|c| c == first || c == ' ')
}

/// The signature delimiter: "-- " (RFC 3676 §4.3), or what people type for it: a bare "--" or
/// "__".
pub fn is_signature_delimiter(line: &str) -> bool {
    let t = line.trim_end_matches('\r');
    t == "-- " || t == "-- \u{a0}" || matches!(t.trim(), "--" | "__")
}

/// How legal disclaimers open ("This message is intended only for …"), lowercase: the rest of
/// the message below such a line is boilerplate, not a statement.
#[rustfmt::skip]
pub const DISCLAIMER_OPENINGS: &[&str] = &[
    "this message is intended only", "this message is intended solely", "this e-mail is intended",
    "this email is intended", "this message and any attachments", "this e-mail and any attachments",
    "this email and any attachments", "this message (including any attachments)",
    "this e-mail (including any attachments)", "this email (including any attachments)",
    "this communication is confidential", "this message is confidential", "this e-mail is confidential",
    "this email is confidential", "confidentiality notice", "confidentiality note", "disclaimer:",
    "the information contained in this", "the information in this e-mail",
    "the information in this email", "if you are not the intended recipient",
    "diese e-mail enthält vertrauliche", "diese nachricht enthält vertrauliche",
    "dieses e-mail ist ausschließlich", "ce message et toutes les pièces jointes",
    "ce message est confidentiel", "este mensaje y sus anexos", "este mensaje es confidencial",
    "este e-mail e seus anexos", "esta mensagem é confidencial", "questo messaggio e i suoi allegati",
];

/// Phrases that make a line a disclaimer wherever they stand in it: an acknowledgement of
/// country before the legal text ("The University of Melbourne respectfully acknowledges the
/// Traditional Owners … This email and any attachments may contain confidential information").
/// The legal phrases themselves count only where a line opens with them ([`DISCLAIMER_OPENINGS`]):
/// inside a line they are as often the requester's own words ("… if you are not the intended
/// recipient for account recovery, please forward this to the right team").
pub const DISCLAIMER_PHRASES: &[&str] = &[
    "acknowledges the traditional owners",
    "acknowledge the traditional owners",
    "acknowledges the traditional custodians",
    "acknowledge the traditional custodians",
];

static DISCLAIMER_INSIDE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(DISCLAIMER_PHRASES)
        .expect("valid")
});

/// The first line of a legal disclaimer.
pub fn is_disclaimer(line: &str) -> bool {
    // compared bytewise with ASCII case folded: no lowercase copy of every line of every mail
    let t = line
        .trim()
        .trim_start_matches(['*', '_', '[', '('])
        .as_bytes();
    DISCLAIMER_OPENINGS
        .iter()
        .any(|d| t.len() >= d.len() && t[..d.len()].eq_ignore_ascii_case(d.as_bytes()))
        || (t.len() >= 60 && DISCLAIMER_INSIDE.is_match(t) && !in_first_person(t))
}

/// A line the writer says in the first person ("… because of the 'if you are not the intended
/// recipient' footer my employer adds"): prose about a disclaimer, not one.
fn in_first_person(t: &[u8]) -> bool {
    t.split(|b| !b.is_ascii_alphanumeric() && *b != b'\'')
        .any(|w| {
            [&b"i"[..], b"i'm", b"i've", b"i'd", b"my", b"me", b"we're"]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        })
}

/// A mobile or app footer ("Sent from my iPhone", "Get Outlook for iOS").
pub fn is_footer(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    let t = if t.contains(['<', '[', '(']) || t.contains("http") {
        LINK.replace_all(t, "$1")
    } else {
        t.into()
    };
    let t = t
        .trim_start_matches(['(', '<', '[', '_', '*'])
        .trim_end_matches([')', '>', ']', '_', '*'])
        .trim();
    FOOTER.is_match(t)
}

/// A closing phrase on its own line ("Thanks,", "Best regards", "Grüße").
pub fn is_sign_off(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 60 && SIGN_OFF.is_match(t)
}

/// A closing phrase with a name after it ("Cheers, Bob").
pub fn is_named_sign_off(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 60 && SIGN_OFF_NAMED.is_match(t)
}

/// A dash glued to a name ("-Abhishek Kona").
pub fn is_dash_name(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 60 && DASH_NAME.is_match(t)
}

/// A contact detail on its own line: an address, a URL, a phone number ("(555) 346-9947",
/// "t. 555-931-0702", "Mobil: +12 345 6789 012").
pub fn is_contact_line(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 80 && CONTACT.is_match(t)
}

static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    pattern::build(r"(?i)^(?:(?:skype|twitter|linkedin|github|mastodon|matrix|irc|telegram|signal|wechat|whatsapp)\s*:\s*\S.{0,60}|(?:(?:e-?mail|mail|web|www|tel|phone|mobile?|mob|cell|fax|[a-z]{1,6}\.?)\s*:?\s*)?(?:<?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+>?|(?:https?://|www\.)\S+|\+?[\d(][\d\s().-]{6,}\d))$")
        .expect("contact pattern is valid")
});

/// A "Key: value" line that is not a contact detail ("Username: jdoe", "PyPI account: x"):
/// data the sender gives, never part of a signature found by a rule line or a sign-off.
pub fn is_data_field(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 200
        && DATA_FIELD.captures(t).is_some_and(|c| {
            // a label of at most 31 characters, and one more when that is a space before ':'
            let n = c[1].chars().count();
            n <= 31 || (n == 32 && c[1].ends_with(char::is_whitespace))
        })
        && !is_contact_line(t)
}

static DATA_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    // the label's length is checked in code: a counted repeat of `\p{L}` is megabytes of automaton
    pattern::build(r"^([\p{L}][\p{L}\d .'/-]*\s?):\s*\S").expect("field pattern is valid")
});

/// A name on its own line.
pub fn is_name_line(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 50 && NAME_LINE.is_match(t) && script_words_are_short(t)
}

/// Every word in a script without case ("陈嘉慧") is at most 12 characters: the name pattern
/// says `\p{Lo}+`, because `\p{Lo}{1,12}` in each of its word positions compiled to 10 MB of
/// automaton.
fn script_words_are_short(line: &str) -> bool {
    let mut run = 0;
    let mut prev: Option<char> = None;
    for c in line.chars() {
        let caseless = c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase();
        if caseless && (run > 0 || prev.is_none_or(|p| !p.is_alphabetic())) {
            run += 1;
            if run > 12 {
                return false;
            }
        } else if !caseless {
            run = 0;
        }
        prev = Some(c);
    }
    true
}

/// Contains an email address.
pub fn has_address(line: &str) -> bool {
    EMAIL.is_match(line)
}

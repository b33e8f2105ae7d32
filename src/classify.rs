//! Tells mail written by a person from automatic mail: auto-replies, bounces and reports, and
//! list or bulk mail. Automatic mail is stored and shown but never answered and never opens a
//! case (fields.md, "Automated mail rules"). Getting this wrong makes mail loops, or answers
//! bounces; getting it wrong the other way leaves a person unanswered.
//!
//! The result says *why* ([`Classification::reason`]): the reason is stored with the message and
//! shown to staff and by `mailcase inspect`.
//!
//! # Precedence of the signals
//!
//! The first rule that fires decides; each names the signal that fired.
//!
//! 1. **Our own mail coming back** → `AutoReply` ("our own mail …"): the configured loop header
//!    is present; the Message-ID is in our `message_id_domain` (or a subdomain); the From
//!    address is one of ours (compared with [`address_key`], so `support+tag@` counts).
//! 2. **Reports and bounces** → `Bounce`, in this order:
//!    - an RFC 6522 `multipart/report` read by [`crate::report`] (delivery-status RFC 3464,
//!      disposition-notification RFC 8098 (kind auto_reply: a read receipt), feedback-report RFC 5965;
//!      the reason names which),
//!      or any top-level `multipart/report`;
//!    - the mail system as sender ([`is_daemon_sender`]: `MAILER-DAEMON`, "Mail Delivery
//!      System");
//!    - a machine-format bounce subject ("Undelivered Mail Returned to Sender", "Delivery Status
//!      Notification (Failure)", "Returned mail: see transcript for details"…), or another
//!      bounce subject a person could also write ("Delivery failure", "Undeliverable:",
//!      "Unzustellbar:", "メッセージを配信できません"…) *confirmed* by a bounce phrase or an
//!      RFC 3463 status code in the text ([`bounce_subject`]);
//!    - a free-form bounce [`crate::report`] read from a `postmaster@` message;
//!    - a non-RFC abuse report subject (Hotmail's "complaint about message from …") on a
//!      message that encloses the reported one;
//!    - `postmaster@` (and `post_master@`) with another automatic signal (null sender,
//!      `Auto-Submitted`), or with a bounce subject or bounce text; the same for a null sender,
//!      `Auto-Submitted` or a noreply sender with a bounce subject or bounce text;
//!    - a bounce forwarded without a message of its own ("Fwd: Returned mail: …").
//!
//!    `postmaster@` alone is not enough: people write from it
//!    (`mailgun-flanker/messages/long-links.eml`). Bounces come before auto-replies because
//!    most bounces also carry `Auto-Submitted: auto-replied` (RFC 3464 §5, RFC 3834 §5) and the
//!    pipeline needs the `Bounce` kind to set the `bounced` flag.
//! 3. **Auto-replies** → `AutoReply`: `Auto-Submitted` other than `no` (RFC 3834 §5, comments
//!    and parameters allowed); the `X-Autoreply` family and other auto-responder headers
//!    ([`AUTO_REPLY_HEADERS`]); `Precedence: auto_reply`; an out-of-office subject
//!    ([`OUT_OF_OFFICE`], per language); an auto-responder `X-Mailer`;
//!    `X-Auto-Response-Suppress` together with Exchange's inbox-rule loop header or a null
//!    sender (alone it proves nothing: notification systems put it on ordinary mail too).
//!    These come before list signals so that a vacation reply with `Precedence: bulk` is an
//!    auto-reply, not list mail.
//! 4. **Lists and bulk mail** → `List`: RFC 2369/2919 `List-*` headers, `X-Mailing-List`,
//!    `Mailing-List`, `Precedence: bulk|junk|list`.
//! 5. **Weaker automatic signals** → `AutoReply`: `X-Loop` (procmail/auto-responders; lists that
//!    set it are caught by 4 first), the null sender `Return-Path: <>` (RFC 5321 §4.5.5), a
//!    noreply-style From address ([`is_noreply_address`], except `postmaster`: people write
//!    from it, see `mailgun-flanker/messages/long-links.eml`).
//! 6. Otherwise → `Request`: "written by a person: no automatic-mail signal".
//!
//! `Auto-Submitted: no` declares a person's message (RFC 3834 §5.1) but does not silence the
//! other rules: a forged or mis-set header must not open a loop.
//!
//! What this module does not do: thread (a `Request` becomes `FollowUp` in threading), decide
//! what to send, or look at the history of an address (bounced addresses are the pipeline's).

use crate::domain::{InboundKind, address_key};
use crate::parse::ParsedMessage;
use crate::report::ReportKind;

/// What mailcase knows about itself, to recognise its own mail coming back.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Our own addresses (the support address and any aliases), lowercased.
    pub own_addresses: Vec<String>,
    /// The domain of our outbound Message-IDs, lowercased.
    pub message_id_domain: String,
    /// The loop-detection header we put on every outbound message (name, lowercase).
    pub loop_header: String,
}

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// `Request` means "written by a person"; threading turns it into `FollowUp` when the message
    /// joins an existing case. The other kinds are automatic.
    pub kind: InboundKind,
    /// The signal that decided, in words ("Auto-Submitted: auto-replied (RFC 3834)").
    pub reason: String,
}

impl Classification {
    fn new(kind: InboundKind, reason: impl Into<String>) -> Classification {
        Classification {
            kind,
            reason: reason.into(),
        }
    }
}

/// Classifies one message (see the module header for the order of the rules).
pub fn classify(msg: &ParsedMessage, ctx: &Context) -> Classification {
    own_mail(msg, ctx)
        .map(|r| Classification::new(InboundKind::AutoReply, r))
        .or_else(|| bounce(msg).map(|r| Classification::new(report_kind(msg), r)))
        .or_else(|| generated_list_mail(msg).map(|r| Classification::new(InboundKind::List, r)))
        .or_else(|| auto_reply(msg).map(|r| Classification::new(InboundKind::AutoReply, r)))
        .or_else(|| list(msg).map(|r| Classification::new(InboundKind::List, r)))
        .or_else(|| bulk_reply(msg).map(|r| Classification::new(InboundKind::AutoReply, r)))
        .or_else(|| weak_automatic(msg).map(|r| Classification::new(InboundKind::AutoReply, r)))
        .unwrap_or_else(|| {
            Classification::new(
                InboundKind::Request,
                "written by a person: no automatic-mail signal",
            )
        })
}

/// A read receipt is the recipient's client answering automatically (`auto_reply`); every other
/// report or bounce is about the delivery of our mail (`bounce`, fields.md "delivery status
/// notification", which abuse reports from mailbox providers join).
fn report_kind(msg: &ParsedMessage) -> InboundKind {
    match msg.report.as_ref() {
        Some(r) if r.structured && r.kind == ReportKind::DispositionNotification => {
            InboundKind::AutoReply
        }
        _ => InboundKind::Bounce,
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Our own mail

fn own_mail(msg: &ParsedMessage, ctx: &Context) -> Option<String> {
    let loop_header = ctx.loop_header.trim();
    if !loop_header.is_empty()
        && let Some(v) = msg.header(loop_header)
    {
        return Some(format!(
            "our own mail: loop header {loop_header}: {}",
            clip(v)
        ));
    }
    let domain = ctx.message_id_domain.trim().to_ascii_lowercase();
    if !domain.is_empty()
        && let Some(id) = &msg.message_id
    {
        let id_domain = id
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>').to_ascii_lowercase());
        if id_domain.is_some_and(|d| d == domain || d.ends_with(&format!(".{domain}"))) {
            return Some(format!(
                "our own mail: Message-ID <{}> is in our domain {domain}",
                clip(id)
            ));
        }
    }
    let from = msg.from_address();
    if !from.is_empty() {
        let key = address_key(&from);
        if ctx.own_addresses.iter().any(|own| address_key(own) == key) {
            return Some(format!("our own mail: From {from} is one of our addresses"));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// 2. Reports and bounces

fn bounce(msg: &ParsedMessage) -> Option<String> {
    if let Some(report) = msg.report.as_ref().filter(|r| r.structured) {
        let what = match report.kind {
            ReportKind::DeliveryStatus => {
                let action = report
                    .recipients
                    .iter()
                    .find_map(|r| r.action.as_deref())
                    .map(|a| format!(", Action: {a}"))
                    .unwrap_or_default();
                format!("delivery status notification (RFC 3464{action})")
            }
            ReportKind::DispositionNotification => {
                "message disposition notification / read receipt (RFC 8098)".to_string()
            }
            ReportKind::FeedbackReport => {
                let detail = report
                    .detail
                    .as_deref()
                    .map(|d| format!(", Feedback-Type: {d}"))
                    .unwrap_or_default();
                format!("abuse feedback report (ARF, RFC 5965{detail})")
            }
        };
        return Some(format!(
            "{what}: multipart/report; report-type={}",
            report.kind.report_type()
        ));
    }
    let content_type = msg.header("content-type").unwrap_or(&msg.content_type);
    if msg.content_type.eq_ignore_ascii_case("multipart/report")
        || content_type
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("multipart/report")
    {
        return Some(format!(
            "report about a message: Content-Type: {} (RFC 6522)",
            clip(content_type)
        ));
    }
    let from = msg.from_address();
    let name = msg
        .from
        .as_ref()
        .and_then(|m| m.name.as_deref())
        .unwrap_or_default();
    // `From: MAILER-DAEMON <>` has no address at all: look at the header as written.
    let name = if from.is_empty() {
        msg.header("from").unwrap_or(name)
    } else {
        name
    };
    if is_daemon_sender(&from, name) {
        let who = if name.is_empty() {
            from.clone()
        } else {
            format!("{name} <{from}>")
        };
        return Some(format!("bounce: sent by the mail system ({})", clip(&who)));
    }
    if let Some(evidence) = bounce_subject_evidence(&msg.subject, &msg.text) {
        return Some(format!("bounce: {evidence} ({})", clip(&msg.subject)));
    }
    if let Some(detail) = msg
        .report
        .as_ref()
        .filter(|r| !r.structured)
        .and_then(|r| r.detail.as_deref())
    {
        return Some(format!("free-form bounce: {detail}"));
    }
    if let Some(phrase) = report_subject(&msg.subject)
        && let Some(enclosed) = msg.attachments.iter().find(|a| {
            matches!(
                a.content_type.as_str(),
                "message/rfc822" | "message/global" | "text/rfc822-headers"
            )
        })
    {
        return Some(format!(
            "report about a message: subject starts with \"{phrase}\" and it encloses a {} ({})",
            enclosed.content_type,
            clip(&msg.subject)
        ));
    }
    let postmaster = is_postmaster(&from).then(|| format!("the postmaster sender {from}"));
    let hint = automatic_hint(msg);
    if let (Some(postmaster), Some(hint)) = (&postmaster, &hint) {
        return Some(format!("bounce: {postmaster} with {hint}"));
    }
    let evidence = postmaster.or(hint);
    if let (Some(evidence), Some(phrase)) = (&evidence, bounce_subject(&msg.subject)) {
        return Some(format!(
            "bounce: subject starts with \"{phrase}\" and the message has {evidence}"
        ));
    }
    if let (Some(evidence), Some(phrase)) = (&evidence, bounce_body_phrase(&msg.text)) {
        return Some(format!(
            "bounce: the text says \"{phrase}\" and the message has {evidence}"
        ));
    }
    forwarded_bounce(msg)
}

/// A bounce forwarded without a message of its own ("Fwd: Returned mail: …" and only the
/// forwarded notice below). A person who forwards a bounce *and writes something* stays a
/// person.
fn forwarded_bounce(msg: &ParsedMessage) -> Option<String> {
    let lower = msg.subject.trim().to_lowercase();
    let rest = ["fwd:", "fw:", "wg:", "tr:", "enc:", "rv:"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let phrase = bounce_subject(rest)?;
    let own = own_text_before_forward(&msg.text);
    if own.chars().filter(|c| !c.is_whitespace()).count() > 200 {
        return None;
    }
    let evidence = bounce_body_phrase(&msg.text)
        .or_else(|| crate::report::status_code(&msg.text).map(|_| "an SMTP status code"))?;
    Some(format!(
        "forwarded bounce with no message of its own: subject \"{}\" (\"{phrase}\"), the text has \"{evidence}\"",
        clip(&msg.subject)
    ))
}

/// The text above the forwarded part: up to the first forward marker or quoted line.
fn own_text_before_forward(text: &str) -> &str {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim().to_lowercase();
        let marker = l.starts_with('>')
            || l.contains("forwarded message")
            || l.contains("original message")
            || l.starts_with("begin forwarded")
            || l.starts_with("from:");
        if marker {
            return &text[..offset];
        }
        offset += line.len();
    }
    text
}

/// Subjects of abuse and feedback reports sent without RFC 5965 structure (Hotmail's JMRP,
/// DMARC forensic reports), lowercase prefixes. They count only when the message encloses the
/// reported message: a person may well write "Abuse report: …" to a package index.
const REPORT_SUBJECTS: &[&str] = &[
    "complaint about message from",
    "email feedback report for ip",
    "dmarc forensic report",
];

fn report_subject(subject: &str) -> Option<&'static str> {
    let s = subject.trim().to_lowercase();
    REPORT_SUBJECTS.iter().copied().find(|p| s.starts_with(p))
}

/// `postmaster@` and its spellings (`post_master`, `post-master`).
pub(crate) fn is_postmaster(address: &str) -> bool {
    matches!(
        local_part(address).as_str(),
        "postmaster" | "post_master" | "post-master"
    )
}

/// A cheap "is this machine mail at all" hint, used to confirm weaker bounce evidence.
fn automatic_hint(msg: &ParsedMessage) -> Option<String> {
    if is_null_sender(msg) {
        return Some("the null sender Return-Path: <>".into());
    }
    if let Some(v) = auto_submitted(msg) {
        return Some(format!("Auto-Submitted: {}", clip(v)));
    }
    let from = msg.from_address();
    if is_noreply_address(&from) && !is_postmaster(&from) {
        return Some(format!("a noreply sender ({from})"));
    }
    None
}

/// Machine-format bounce subjects (lowercase prefixes of the subject as sent): MTAs write these
/// exact strings and people do not, so they count on their own.
const MACHINE_BOUNCE_SUBJECTS: &[&str] = &[
    "undelivered mail returned to sender",               // Postfix
    "delivery status notification (",                    // Gmail, Exchange, SES
    "delivery status notification:",                     // Courier, others
    "returned mail: see transcript for details",         // Sendmail
    "mail delivery failed: returning message to sender", // Exim
    "postmaster notify: see transcript for details",     // Sendmail
    "warning: could not send message for past",          // Sendmail delay
    "delayed mail (still being retried)",                // Sendmail delay
    "delivery notification: delivery has failed",        // Lotus Domino
    "delivery notification: delivery has been delayed",  // Lotus Domino
    "mail system error - returned mail",                 // Sun/Oracle Messaging Server
    "loop alert: duplicated message-id",                 // fml
    "notice: mail delivery status.",                     // NTT/KDDI carriers
];

/// Bounce subjects a person could also write ("Delivery failure", "Returned mail", an Exchange
/// NDR prefix): they count only with corroboration (see [`bounce_subject_evidence`]).
const BOUNCE_SUBJECTS: &[&str] = &[
    // English (Postfix, Sendmail, Exim, qmail, Exchange, Gmail, Domino, Yahoo, Amazon SES…)
    "undelivered mail",
    "undeliverable:",
    "undeliverable mail",
    "undeliverable message",
    "mail delivery status",
    "returned mail",
    "mail delivery failed",
    "mail delivery failure",
    "mail delivery subsystem",
    "failure notice",
    "failed delivery",
    "failure delivery",
    "delivery failure",
    "delivery failed",
    "permanent delivery failure",
    "message delivery has failed",
    "warning: message delayed",
    "warning--could not send mail",
    "mail could not be delivered",
    "message could not be delivered",
    "sorry, your message could not be delivered",
    "there was an error sending your mail",
    "email delivery error",
    "mail failed, returning to sender",
    "mail failure -",
    "nondeliverable mail",
    "non-delivery report",
    "non-delivery notification",
    "loop alert:",
    // German, French, Italian, Spanish, Portuguese, Dutch (Exchange NDR prefixes and others)
    "unzustellbar:",
    "nicht zustellbar",
    "non remis :",
    "non remis:",
    "non distribuable",
    "non recapitabile:",
    "no se puede entregar:",
    "no entregado",
    "não entregue:",
    "não é possível entregar",
    "onbestelbaar:",
    // Russian, Japanese, Chinese, Korean
    "ваше сообщение не доставлено",
    "недоставленное сообщение",
    "не доставлено:",
    "メッセージを配信できません",
    "配信不能",
    "配送エラー",
    "未送达",
    "退信",
    "전달되지 않음",
];

/// The bounce phrase a subject starts with, if any (machine-format or not).
pub fn bounce_subject(subject: &str) -> Option<&'static str> {
    let s = subject.trim().to_lowercase();
    MACHINE_BOUNCE_SUBJECTS
        .iter()
        .chain(BOUNCE_SUBJECTS)
        .copied()
        .find(|p| s.starts_with(p))
}

/// When the subject says "bounce" *and* that is believable from the subject and text alone: a
/// machine-format subject, or another bounce subject with a bounce phrase or an RFC 3463 status
/// code in the text. Returns a description for the reason string.
pub(crate) fn bounce_subject_evidence(subject: &str, text: &str) -> Option<String> {
    let s = subject.trim().to_lowercase();
    if let Some(p) = MACHINE_BOUNCE_SUBJECTS.iter().find(|p| s.starts_with(*p)) {
        return Some(format!("machine-format bounce subject \"{p}\""));
    }
    let phrase = BOUNCE_SUBJECTS.iter().find(|p| s.starts_with(*p))?;
    let evidence = text_bounce_evidence(text)?;
    Some(format!(
        "bounce subject \"{phrase}\" and the text has \"{evidence}\""
    ))
}

/// A bounce phrase, else "an SMTP status code" when the text carries an RFC 3463 code of class
/// 4 or 5.
pub(crate) fn text_bounce_evidence(text: &str) -> Option<&'static str> {
    bounce_body_phrase(text).or_else(|| {
        crate::report::status_code(text)
            .filter(|c| !c.starts_with('2'))
            .map(|_| "an SMTP status code")
    })
}

/// Phrases of bounce bodies (lowercase). They count only together with another automatic signal.
const BOUNCE_BODY_PHRASES: &[&str] = &[
    "could not be delivered",
    "couldn't be delivered",
    "was not delivered",
    "wasn't delivered",
    "delivery has failed",
    "delivery failed",
    "unable to deliver",
    "undeliverable",
    "undelivered mail",
    "permanent error",
    "permanent fatal error",
    "user unknown",
    "unknown user",
    "mailbox unavailable",
    "this is the mail system at host",
    "i'm sorry to have to inform you",
    "delivery to the following recipient",
    "returned to sender",
    "bounce notification",
    "error delivering",
    "could not deliver",
    "couldn't deliver",
    "failed to deliver",
    "no such user",
    "invalid user address",
    "requested action not taken",
];

pub(crate) fn bounce_body_phrase(text: &str) -> Option<&'static str> {
    // The first 4 KiB hold the explanation; quoted history further down is not evidence.
    let head = text
        .char_indices()
        .nth(4096)
        .map_or(text, |(i, _)| &text[..i])
        .to_lowercase();
    BOUNCE_BODY_PHRASES
        .iter()
        .copied()
        .find(|p| head.contains(p))
}

/// True for the mail system's own sender: `MAILER-DAEMON` (and its spellings) as the local part,
/// or a display name like "Mail Delivery System". `postmaster` is *not* enough on its own:
/// people write from postmaster addresses too.
pub fn is_daemon_sender(address: &str, display_name: &str) -> bool {
    let local = local_part(address);
    let daemon_local = matches!(
        local.as_str(),
        "mailer-daemon"
            | "mailer_daemon"
            | "mailerdaemon"
            | "mail-daemon"
            | "maildaemon"
            | "mailer.daemon"
            | "mail.daemon"
    );
    let name = display_name.to_lowercase();
    let daemon_name = [
        "mail delivery system",
        "mail delivery subsystem",
        "mail delivery service",
        "mailer-daemon",
        "mailer daemon",
    ]
    .iter()
    .any(|n| name.contains(n));
    daemon_local || daemon_name
}

// ---------------------------------------------------------------------------------------------
// 3. Auto-replies

/// Headers auto-responders add (lowercase name, and a predicate on the value). Values that say
/// "no" or "false" do not count.
pub const AUTO_REPLY_HEADERS: &[(&str, Option<&str>)] = &[
    ("x-autoreply", None),
    ("x-autorespond", None),
    ("x-autoresponder", None),
    ("x-autoreply-from", None),
    ("x-mail-autoreply", None),
    ("x-autogenerated", Some("reply")), // Lotus/Exchange; Forward/Redirect carry a person's mail
    ("x-fc-machinegenerated", None),
    ("x-apple-action", Some("vacation")),
    ("x-precedence", Some("auto_reply")),
    ("x-post-messageclass", Some("autoresponder")),
];

/// `X-Mailer` values (lowercase substrings) of auto-responders.
const AUTO_REPLY_MAILERS: &[&str] = &[
    "vacation",
    "autorespond",
    "autoreply",
    "auto-reply",
    "out of office",
    "oof",
];

/// Out-of-office and auto-reply subject phrases, per language (lowercase). A phrase counts when
/// it starts the subject and is followed by a colon, a dash, a bracket, the end of the subject or
/// a reply prefix ("Out of Office: Re: …", "Abwesenheitsnotiz: …"), or when it stands in brackets
/// anywhere ("Re: help [Out of Office]"). "Re: out of office party plans" does not match.
pub const OUT_OF_OFFICE: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "out of office",
            "out of the office",
            "automatic reply",
            "auto reply",
            "auto-reply",
            "autoreply",
            "auto response",
            "auto-response",
            "autoresponse",
            "automatic response",
            "auto",
            "away from the office",
            "on vacation",
            "vacation reply",
            "ooo",
        ],
    ),
    (
        "de",
        &[
            "abwesenheitsnotiz",
            "automatische antwort",
            "abwesend",
            "abwesenheit",
            "außer haus",
            "nicht im büro",
        ],
    ),
    (
        "fr",
        &[
            "réponse automatique",
            "reponse automatique",
            "absence",
            "absent du bureau",
            "absence du bureau",
            "message d'absence",
        ],
    ),
    (
        "es",
        &[
            "respuesta automática",
            "respuesta automatica",
            "fuera de la oficina",
            "fuera de oficina",
            "ausente",
        ],
    ),
    (
        "pt",
        &[
            "resposta automática",
            "resposta automatica",
            "ausente",
            "ausência",
            "fora do escritório",
        ],
    ),
    (
        "nl",
        &[
            "afwezig",
            "automatisch antwoord",
            "automatisch beantwoord",
            "buiten kantoor",
        ],
    ),
    (
        "it",
        &[
            "risposta automatica",
            "fuori sede",
            "fuori ufficio",
            "assente",
        ],
    ),
    (
        "sv/no/da",
        &[
            "autosvar",
            "automatisk svar",
            "automatiskt svar",
            "frånvaro",
            "fravær",
        ],
    ),
    ("fi", &["automaattinen vastaus", "poissa"]),
    (
        "pl",
        &["automatyczna odpowiedź", "autoodpowiedź", "nieobecność"],
    ),
    ("cs", &["automatická odpověď", "nepřítomnost"]),
    ("hu", &["automatikus válasz", "házon kívül"]),
    ("ro", &["răspuns automat", "raspuns automat"]),
    ("tr", &["otomatik yanıt", "otomatik cevap", "ofis dışında"]),
    ("el", &["αυτόματη απάντηση"]),
    (
        "ru",
        &[
            "автоматический ответ",
            "автоответ",
            "нет на месте",
            "вне офиса",
        ],
    ),
    ("uk", &["автоматична відповідь"]),
    ("zh", &["自动回复", "自動回覆", "自动答复", "不在办公室"]),
    (
        "ja",
        &[
            "自動返信",
            "自動応答",
            "不在",
            "不在通知",
            "不在のお知らせ",
            "不在連絡",
            "休暇のお知らせ",
        ],
    ),
    ("ko", &["자동 응답", "자동응답", "부재중"]),
];

/// The out-of-office phrase of a subject and its language, if any.
pub fn out_of_office_subject(subject: &str) -> Option<(&'static str, &'static str)> {
    let s = subject.trim().to_lowercase();
    // only a bracket can set a phrase off inside the subject; most subjects have none
    let has_bracket = s.contains(['[', '(', '【']);
    for &(lang, phrases) in OUT_OF_OFFICE {
        for &phrase in phrases {
            if let Some(rest) = s.strip_prefix(phrase)
                && ends_phrase(rest)
            {
                return Some((lang, phrase));
            }
            // "[Out of Office]", "(auto reply)", "【自动回复】" anywhere in the subject
            if !has_bracket {
                continue;
            }
            for (at, _) in s.match_indices(phrase) {
                let before = s[..at].chars().next_back();
                let after = s[at + phrase.len()..].chars().next();
                let bracketed = matches!(
                    (before, after),
                    (Some('['), Some(']')) | (Some('('), Some(')')) | (Some('【'), Some('】'))
                );
                if bracketed {
                    return Some((lang, phrase));
                }
            }
        }
    }
    None
}

/// True when what follows a subject phrase ends it: nothing, a colon, a bracket, a dash set off
/// by spaces ("Out of Office - Re: …"; "Auto-reply from …" is not), or a reply prefix.
fn ends_phrase(rest: &str) -> bool {
    let trimmed = rest.trim_start();
    let spaced = trimmed.len() < rest.len();
    trimmed.is_empty()
        || trimmed.starts_with([':', '：', '(', '[', '【', '|'])
        || (spaced && trimmed.starts_with(['-', '–', '—', '/']))
        || ["re:", "aw:", "fw:", "fwd:", "sv:", "wg:", "tr:"]
            .iter()
            .any(|p| trimmed.starts_with(p))
}

fn auto_reply(msg: &ParsedMessage) -> Option<String> {
    if let Some(v) = auto_submitted(msg) {
        return Some(format!("Auto-Submitted: {} (RFC 3834)", clip(v)));
    }
    for &(name, wanted) in AUTO_REPLY_HEADERS {
        if let Some(v) = msg.header(name) {
            let value = v.trim().to_ascii_lowercase();
            let says_no = matches!(value.as_str(), "no" | "false" | "0" | "off");
            let matches = wanted.is_none_or(|w| value.contains(w));
            if matches && !says_no {
                return Some(format!(
                    "auto-responder header {}: {}",
                    display_name(name),
                    clip(v)
                ));
            }
        }
    }
    if let Some(p) = msg
        .header("precedence")
        .filter(|p| first_token(p) == "auto_reply")
    {
        return Some(format!("Precedence: {}", clip(p)));
    }
    if let Some((lang, phrase)) = out_of_office_subject(&msg.subject) {
        return Some(format!(
            "out-of-office subject \"{phrase}\" ({lang}): {}",
            clip(&msg.subject)
        ));
    }
    if let Some(mailer) = msg.header("x-mailer") {
        let lower = mailer.to_ascii_lowercase();
        if AUTO_REPLY_MAILERS.iter().any(|m| {
            lower
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .any(|w| w == *m)
                || (m.len() > 3 && lower.contains(m))
        }) {
            return Some(format!("auto-responder X-Mailer: {}", clip(mailer)));
        }
    }
    if let Some(suppress) = msg.header("x-auto-response-suppress") {
        let confirm = if msg.header("x-ms-exchange-inbox-rules-loop").is_some() {
            Some("X-MS-Exchange-Inbox-Rules-Loop")
        } else if msg
            .header("x-ms-exchange-generated-message-source")
            .is_some()
        {
            Some("X-MS-Exchange-Generated-Message-Source")
        } else if is_null_sender(msg) {
            Some("the null sender Return-Path: <>")
        } else {
            None
        };
        if let Some(confirm) = confirm {
            return Some(format!(
                "Exchange automatic reply: X-Auto-Response-Suppress: {} with {confirm}",
                clip(suppress)
            ));
        }
    }
    None
}

/// The `Auto-Submitted` value when it says the message is automatic (anything but `no`).
/// RFC 3834 §5: `auto-submitted-field = "Auto-Submitted:" [CFWS] auto-submitted *(";" ...)`,
/// so `auto-replied (vacation)` and `auto-generated; owner-email=…` are read by their keyword.
fn auto_submitted(msg: &ParsedMessage) -> Option<&str> {
    msg.header_all("auto-submitted").find(|v| {
        let keyword = first_token(&strip_comments(v));
        !keyword.is_empty() && keyword != "no"
    })
}

// ---------------------------------------------------------------------------------------------
// 4. Lists and bulk mail

/// List headers: RFC 2369 (`List-Help`…`List-Archive`), RFC 2919 (`List-Id`), RFC 8058
/// (`List-Unsubscribe-Post`), and the older ezmlm/SmartList ones.
const LIST_HEADERS: &[&str] = &[
    "list-id",
    "list-unsubscribe",
    "list-post",
    "list-help",
    "list-subscribe",
    "list-owner",
    "list-archive",
    "list-unsubscribe-post",
    "x-mailing-list",
    "mailing-list",
];

/// The first mailing-list header of `msg`, as a reason.
fn list_header(msg: &ParsedMessage) -> Option<String> {
    LIST_HEADERS.iter().find_map(|name| {
        msg.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| format!("mailing-list header {}: {}", display_name(name), clip(v)))
    })
}

fn list(msg: &ParsedMessage) -> Option<String> {
    if let Some(r) = list_header(msg) {
        return Some(r);
    }
    if let Some(p) = msg.header("precedence") {
        let token = first_token(p);
        if matches!(token.as_str(), "bulk" | "junk") && !msg.in_reply_to.is_empty() {
            // bulk precedence on an answer to a message (no list headers): a ticket system's or
            // a responder's automatic acknowledgement, not list mail
            return None;
        }
        if matches!(token.as_str(), "bulk" | "junk" | "list") {
            return Some(format!("bulk mail: Precedence: {}", clip(p)));
        }
    }
    None
}

/// A digest or notification a list server generated (`Auto-Submitted: auto-generated` with
/// `List-*` headers: a Discourse summary, a GitHub notification) is list mail, not an answer
/// to anyone; `auto-replied` stays an auto-reply whatever else it carries.
fn generated_list_mail(msg: &ParsedMessage) -> Option<String> {
    let generated = auto_submitted(msg)?;
    if first_token(&strip_comments(generated)) != "auto-generated" {
        return None;
    }
    list_header(msg).map(|r| format!("{r} (and Auto-Submitted: {})", clip(generated)))
}

/// `Precedence: bulk|junk` on a reply (In-Reply-To set) without list headers: an automatic
/// answer such as a ticket system's acknowledgement ("Your ticket #4711 has been received").
fn bulk_reply(msg: &ParsedMessage) -> Option<String> {
    let p = msg.header("precedence")?;
    let token = first_token(p);
    (matches!(token.as_str(), "bulk" | "junk") && !msg.in_reply_to.is_empty()).then(|| {
        format!(
            "an automatic answer: Precedence: {} on a reply (In-Reply-To), no list headers",
            clip(p)
        )
    })
}

// ---------------------------------------------------------------------------------------------
// 5. Weak automatic signals

fn weak_automatic(msg: &ParsedMessage) -> Option<String> {
    if let Some(v) = msg.header("x-loop") {
        return Some(format!("X-Loop: {} (set by auto-responders)", clip(v)));
    }
    if is_null_sender(msg) {
        return Some(
            "the null sender Return-Path: <> (RFC 5321 §4.5.5: only automatic mail uses it)".into(),
        );
    }
    let from = msg.from_address();
    if is_noreply_address(&from) && !is_postmaster(&from) {
        return Some(format!("noreply-style sender {from}"));
    }
    ticket_acknowledgement(msg)
}

/// A help desk's "we received your request" ("[Case 00123456] Thank you for contacting …",
/// "Your request (48213) has been received"), sent from an ordinary address with no header
/// that says so: its subject, or the opening lines of its text saying it is automatic.
fn ticket_acknowledgement(msg: &ParsedMessage) -> Option<String> {
    if let Some(m) = TICKET_ACK_SUBJECT.find(&msg.subject) {
        return Some(format!(
            "a help desk's acknowledgement: subject \"{}\"",
            clip(m.as_str())
        ));
    }
    let opening: String = msg
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('>'))
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    AUTOMATIC_OPENING
        .find(&opening)
        .map(|m| format!("its text opens as automatic mail: \"{}\"", clip(m.as_str())))
}

/// The subject of a ticket system's acknowledgement, after any ticket tag.
static TICKET_ACK_SUBJECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^\s*(?:\[[^\]]{0,40}\]\s*)?(?:thank\s+you\s+for\s+(?:contacting|reaching\s+out\s+to)\b|(?:we(?:'ve|\s+have)?\s+received\s+your\s+(?:request|e-?mail|message|ticket|enquiry|inquiry)|your\s+(?:request|ticket|case|enquiry|inquiry)\s*(?:\(\s*#?\d+\s*\)|#?\d+)?\s+has\s+been\s+(?:received|created|opened|logged|submitted)|(?:request|ticket|case)\s+(?:#\s*)?\d{3,}\s+(?:received|created|opened))\s*(?:\(?\s*#?\s*\d+\s*\)?)?\s*[.!]?\s*$)",
    )
    .expect("valid")
});

/// The opening of a mail that says it was sent by a machine.
static AUTOMATIC_OPENING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^\W*(?:(?:hello|hi|dear)\b[^.!]{0,40}[,.!]\s*)?this\s+is\s+an?\s+(?:automated|automatic|auto-generated|automatically\s+generated)\s+(?:response|reply|acknowledge?ment)\b",
    )
    .expect("valid")
});

fn is_null_sender(msg: &ParsedMessage) -> bool {
    if msg
        .return_path
        .as_deref()
        .is_some_and(|rp| rp.trim().trim_matches(['<', '>']).trim().is_empty())
    {
        return true;
    }
    msg.header_all("return-path").any(|v| {
        let v = strip_comments(v);
        let v = v.trim();
        v == "<>" || v == "< >"
    })
}

/// True for addresses nobody reads or that must never get automatic mail: the mail system
/// (`MAILER-DAEMON`, `postmaster`), noreply variants (`noreply`, `no-reply`, `do-not-reply`,
/// `donotreply`…, also inside a longer local part like `info-noreply`), VERP bounce addresses
/// (`bounces+…`, `bounce-…`) and auto-responders.
///
/// `postmaster` is in this list because an automatic mail to it is never useful, but
/// [`classify`] does not treat mail *from* postmaster as automatic on that alone.
pub fn is_noreply_address(addr: &str) -> bool {
    let local = local_part(addr);
    if local.is_empty() {
        return false;
    }
    let exact = [
        "mailer-daemon",
        "mailer_daemon",
        "mailerdaemon",
        "mail-daemon",
        "maildaemon",
        "postmaster",
        "nobody",
        "devnull",
        "dev-null",
        "bounce",
        "bounces",
        "autoreply",
        "auto-reply",
        "autoresponder",
        "auto-responder",
    ];
    if exact.contains(&local.as_str()) {
        return true;
    }
    let squashed: String = local
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    [
        "noreply",
        "donotreply",
        "dontreply",
        "donotrespond",
        "noresponse",
    ]
    .iter()
    .any(|p| squashed.contains(p))
        || [
            "bounce+",
            "bounces+",
            "bounce-",
            "bounces-",
            "bounce.",
            "bounces.",
            "mailer-daemon",
        ]
        .iter()
        .any(|p| local.starts_with(p))
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// The local part of an address, lowercased, without a `+tag` only when it is VERP-like.
fn local_part(addr: &str) -> String {
    let addr = addr.trim().trim_matches(['<', '>']);
    let local = addr.rsplit_once('@').map_or(addr, |(l, _)| l);
    local.trim_matches('"').to_lowercase()
}

/// Removes RFC 5322 comments `( … )` (nested, with `\` quoting).
fn strip_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            escaped = false;
            if depth == 0 {
                out.push(c);
            }
            continue;
        }
        match c {
            '\\' => escaped = true,
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The first keyword of a header value: lowercase, up to whitespace, `;` or `(`.
fn first_token(value: &str) -> String {
    let value = strip_comments(value);
    value
        .trim()
        .split(|c: char| c.is_whitespace() || c == ';' || c == ',')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// A header value shortened for a reason string.
fn clip(value: &str) -> String {
    let one_line = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// `x-auto-response-suppress` → `X-Auto-Response-Suppress`.
fn display_name(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn ctx() -> Context {
        Context {
            own_addresses: vec!["support@pypi.example".into()],
            message_id_domain: "mailcase.pypi.example".into(),
            loop_header: "x-mailcase-loop".into(),
        }
    }

    /// A plain message from a person, with extra header lines and a subject.
    fn mail(headers: &str, subject: &str) -> Classification {
        mail_from(
            "Jane Doe <jane@example.org>",
            headers,
            subject,
            "Hello, I lost my 2FA device.",
        )
    }

    fn mail_from(from: &str, headers: &str, subject: &str, body: &str) -> Classification {
        let raw = format!(
            "From: {from}\r\nTo: support@pypi.example\r\nSubject: {subject}\r\nMessage-ID: <m1@example.org>\r\n{headers}Content-Type: text/plain\r\n\r\n{body}\r\n"
        );
        classify(&parse(raw.as_bytes()), &ctx())
    }

    #[track_caller]
    fn assert_kind(c: &Classification, kind: InboundKind, reason_contains: &str) {
        assert_eq!(c.kind, kind, "reason: {}", c.reason);
        assert!(
            c.reason.contains(reason_contains),
            "reason {:?} lacks {reason_contains:?}",
            c.reason
        );
    }

    #[test]
    fn a_person_writing_is_a_request() {
        assert_kind(
            &mail("", "Lost my 2FA device"),
            InboundKind::Request,
            "written by a person",
        );
    }

    #[test]
    fn our_own_mail_coming_back_is_recognised_three_ways() {
        assert_kind(
            &mail("X-Mailcase-Loop: 1\r\n", "hi"),
            InboundKind::AutoReply,
            "loop header",
        );
        let raw = "From: jane@example.org\r\nSubject: x\r\nMessage-ID: <case-7.abc@mailcase.pypi.example>\r\n\r\nhi\r\n";
        assert_kind(
            &classify(&parse(raw.as_bytes()), &ctx()),
            InboundKind::AutoReply,
            "our own mail: Message-ID",
        );
        assert_kind(
            &mail_from("PyPI Support <Support+case7@PyPI.example>", "", "x", "hi"),
            InboundKind::AutoReply,
            "one of our addresses",
        );
    }

    #[test]
    fn empty_context_recognises_no_own_mail() {
        let p = parse(b"From: jane@example.org\r\nSubject: x\r\nMessage-ID: <a@b>\r\n\r\nhi\r\n");
        assert_eq!(classify(&p, &Context::default()).kind, InboundKind::Request);
    }

    #[test]
    fn auto_submitted_other_than_no_is_an_auto_reply_with_comments_and_params() {
        assert_kind(
            &mail("Auto-Submitted: auto-replied (vacation)\r\n", "Re: x"),
            InboundKind::AutoReply,
            "Auto-Submitted: auto-replied (vacation)",
        );
        assert_kind(
            &mail(
                "Auto-Submitted: auto-generated; owner-email=\"a@b\"\r\n",
                "x",
            ),
            InboundKind::AutoReply,
            "RFC 3834",
        );
        assert_kind(
            &mail("Auto-Submitted: auto-notified\r\n", "x"),
            InboundKind::AutoReply,
            "auto-notified",
        );
        assert_kind(
            &mail("Auto-Submitted: No (a person)\r\n", "x"),
            InboundKind::Request,
            "person",
        );
        assert_kind(
            &mail("Auto-Submitted: no\r\n", "Lost codes"),
            InboundKind::Request,
            "person",
        );
    }

    #[test]
    fn x_autoreply_family_and_precedence_auto_reply_are_auto_replies() {
        assert_kind(
            &mail("X-Autoreply: yes\r\n", "x"),
            InboundKind::AutoReply,
            "X-Autoreply",
        );
        assert_kind(
            &mail("X-Autorespond: 1\r\n", "x"),
            InboundKind::AutoReply,
            "X-Autorespond",
        );
        assert_kind(
            &mail("X-AutoGenerated: Reply\r\n", "x"),
            InboundKind::AutoReply,
            "X-Autogenerated",
        );
        assert_kind(
            &mail("Precedence: auto_reply\r\n", "x"),
            InboundKind::AutoReply,
            "Precedence: auto_reply",
        );
        assert_kind(
            &mail("X-Apple-Action: VACATION\r\n", "x"),
            InboundKind::AutoReply,
            "X-Apple-Action",
        );
        assert_kind(
            &mail("X-Mailer: Vacation 1.2\r\n", "x"),
            InboundKind::AutoReply,
            "X-Mailer",
        );
        assert_kind(
            &mail("X-Autoreply: no\r\n", "x"),
            InboundKind::Request,
            "person",
        );
    }

    #[test]
    fn x_auto_response_suppress_alone_proves_nothing() {
        assert_kind(
            &mail("X-Auto-Response-Suppress: All\r\n", "Lost codes"),
            InboundKind::Request,
            "person",
        );
        assert_kind(
            &mail(
                "X-Auto-Response-Suppress: All\r\nX-MS-Exchange-Inbox-Rules-Loop: jane@example.org\r\n",
                "Nyaan",
            ),
            InboundKind::AutoReply,
            "X-Auto-Response-Suppress",
        );
        assert_kind(
            &mail(
                "X-Auto-Response-Suppress: All\r\n",
                "Automatic reply: Lost codes",
            ),
            InboundKind::AutoReply,
            "automatic reply",
        );
    }

    #[test]
    fn out_of_office_subjects_in_several_languages() {
        for subject in [
            "Out of Office: Lost 2FA",
            "Automatic reply: Re: [PyPI #12] your request",
            "Auto reply: Nyaan",
            "Auto: Your request",
            "Autoreply",
            "Abwesenheitsnotiz: Ihre Anfrage",
            "Automatische Antwort: Ihre Anfrage",
            "Réponse automatique : votre demande",
            "Absence: x",
            "Respuesta automática: su solicitud",
            "Fuera de la oficina",
            "Resposta automática: pedido",
            "Ausente: pedido",
            "Afwezig",
            "Automatisch antwoord: uw vraag",
            "Risposta automatica: richiesta",
            "Fuori sede",
            "Автоматический ответ: запрос",
            "自动回复: 您的请求",
            "自動返信：お問い合わせ",
            "不在：お問い合わせ",
            "Re: your request [Out of Office]",
            "【自動返信】お問い合わせ",
        ] {
            assert_kind(
                &mail("", subject),
                InboundKind::AutoReply,
                "out-of-office subject",
            );
        }
    }

    #[test]
    fn subjects_that_only_mention_an_absence_are_requests() {
        for subject in [
            "Re: out of office party plans",
            "Out of office party plans",
            "Absence of recovery codes",
            "Automatic reply settings lost my 2FA?",
            "Auto-reply from PyPI never arrived",
            "不在中にアカウントが",
            "Question about undeliverable mail",
            "Fwd: Undelivered Mail Returned to Sender",
            "Delivery failure: I never get the reset email",
            "Email delivery error when resetting my password",
            "Returned mail from PyPI?",
            "Undeliverable: my old address is gone",
        ] {
            assert_kind(&mail("", subject), InboundKind::Request, "person");
        }
    }

    #[test]
    fn precedence_first_class_is_not_bulk() {
        assert_kind(
            &mail("Precedence: first-class\r\n", "Lost codes"),
            InboundKind::Request,
            "person",
        );
    }

    #[test]
    fn list_and_bulk_mail() {
        assert_kind(
            &mail("List-Id: <dev.lists.example>\r\n", "x"),
            InboundKind::List,
            "List-Id",
        );
        assert_kind(
            &mail("List-Unsubscribe: <mailto:u@lists.example>\r\n", "x"),
            InboundKind::List,
            "List-Unsubscribe",
        );
        assert_kind(
            &mail("List-Post: <mailto:dev@lists.example>\r\n", "x"),
            InboundKind::List,
            "List-Post",
        );
        assert_kind(
            &mail("Precedence: bulk\r\n", "Weekly news"),
            InboundKind::List,
            "Precedence: bulk",
        );
        assert_kind(
            &mail("Precedence: junk\r\n", "x"),
            InboundKind::List,
            "junk",
        );
        assert_kind(
            &mail("Precedence: list\r\n", "x"),
            InboundKind::List,
            "list",
        );
    }

    #[test]
    fn help_desk_acknowledgements_without_headers_are_auto_replies() {
        for subject in [
            "[Case 00123456] Thank you for contacting Registrar Support",
            "[#12345] We received your request",
            "Your request (48213) has been received",
            "Ticket 99812 created",
        ] {
            assert_kind(&mail("", subject), InboundKind::AutoReply, "help desk");
        }
        // by the opening of the text: a help desk's answer is automatic; a person pasting a
        // notification above their own words is a person
        for (text, kind, reason) in [
            (
                "From: Registrar <help@registrar.example>\r\nSubject: About your message\r\n\r\nHello,\r\n\r\nThis is an automated response to let you know that we received it.\r\n",
                InboundKind::AutoReply,
                "opens as automatic",
            ),
            (
                "From: Ana <ana@example.org>\r\nSubject: locked out\r\n\r\nThis is an automatic notification from PyPI: a new two factor method was added.\r\n\r\nI did NOT add anything!\r\n",
                InboundKind::Request,
                "person",
            ),
        ] {
            assert_kind(&classify(&parse(text.as_bytes()), &ctx()), kind, reason);
        }
        // people thanking or asking about their ticket are people
        for subject in [
            "Thank you for your help",
            "Re: we received your request?",
            "Ticket #4711 opened in January - still locked out",
            "Case 00123 opened: lost 2FA device",
            "Request 12345 received? No reply yet",
            "Your request has been received - what now?",
        ] {
            assert_kind(&mail("", subject), InboundKind::Request, "person");
        }
        assert_kind(
            &mail("", "不在のお知らせ: [MC-7Q2K4P] PyPI account recovery"),
            InboundKind::AutoReply,
            "ja",
        );
    }

    #[test]
    fn generated_mail_with_list_headers_is_list_mail() {
        assert_kind(
            &mail(
                "Auto-Submitted: auto-generated\r\nList-Unsubscribe: <https://d.example/u/1>\r\nPrecedence: list\r\n",
                "[Discussions] Summary",
            ),
            InboundKind::List,
            "List-Unsubscribe",
        );
        // a responder's answer stays an auto-reply, list headers or not
        assert_kind(
            &mail(
                "Auto-Submitted: auto-replied\r\nList-Id: <support.d.example>\r\n",
                "Re: help",
            ),
            InboundKind::AutoReply,
            "Auto-Submitted",
        );
        // generated mail without list headers (Exchange's out-of-office) stays an auto-reply
        assert_kind(
            &mail(
                "Auto-Submitted: auto-generated\r\nPrecedence: bulk\r\n",
                "x",
            ),
            InboundKind::AutoReply,
            "Auto-Submitted",
        );
    }

    #[test]
    fn vacation_reply_with_precedence_bulk_is_an_auto_reply() {
        assert_kind(
            &mail("Precedence: bulk\r\n", "Out of Office: your request"),
            InboundKind::AutoReply,
            "out-of-office",
        );
        assert_kind(
            &mail("Precedence: bulk\r\nAuto-Submitted: auto-replied\r\n", "x"),
            InboundKind::AutoReply,
            "Auto-Submitted",
        );
    }

    #[test]
    fn reports_are_bounces_and_say_which() {
        let dsn = "From: MAILER-DAEMON@mx.example\r\nSubject: x\r\nAuto-Submitted: auto-replied\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; a@x.test\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b--\r\n";
        assert_kind(
            &classify(&parse(dsn.as_bytes()), &ctx()),
            InboundKind::Bounce,
            "delivery status notification (RFC 3464, Action: failed)",
        );
        let mdn = "From: jane@example.org\r\nSubject: Read: x\r\nContent-Type: multipart/report; report-type=disposition-notification; boundary=b\r\n\r\n--b\r\nContent-Type: message/disposition-notification\r\n\r\nOriginal-Message-ID: <a@b>\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n\r\n--b--\r\n";
        assert_kind(
            &classify(&parse(mdn.as_bytes()), &ctx()),
            InboundKind::AutoReply,
            "RFC 8098",
        );
        let arf = "From: abuse@isp.example\r\nSubject: report\r\nContent-Type: multipart/report; report-type=feedback-report; boundary=b\r\n\r\n--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\n\r\n--b--\r\n";
        assert_kind(
            &classify(&parse(arf.as_bytes()), &ctx()),
            InboundKind::Bounce,
            "ARF, RFC 5965, Feedback-Type: abuse",
        );
    }

    #[test]
    fn free_form_bounces_are_bounces() {
        let c = mail_from(
            "MAILER-DAEMON@mx.example (Mail Delivery System)",
            "",
            "failure notice",
            "I'm afraid I wasn't able to deliver",
        );
        assert_kind(&c, InboundKind::Bounce, "mail system");
        let c = mail_from(
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "",
            "Delivery Status Notification (Failure)",
            "x",
        );
        assert_kind(&c, InboundKind::Bounce, "mail system");
        let c = mail_from(
            "Microsoft Outlook <postmaster@contoso.example>",
            "",
            "Undeliverable: Lost 2FA",
            "Delivery has failed",
        );
        assert_kind(&c, InboundKind::Bounce, "undeliverable:");
        let c = mail_from(
            "postmaster@isp.example",
            "Return-Path: <>\r\n",
            "Mail",
            "Your message could not be delivered",
        );
        assert_kind(&c, InboundKind::Bounce, "postmaster");
        let c = mail_from(
            "MAILER-DAEMON <>",
            "",
            "Mail delivery failed",
            "There was an error delivering your mail",
        );
        // The From header has no address; depending on how parse renders it, the display name
        // or the subject and text decide.
        assert_kind(&c, InboundKind::Bounce, "bounce");
        let c = mail_from(
            "a@isp.example",
            "Auto-Submitted: auto-replied\r\n",
            "Nyaan",
            "This is an automatic bounce notification: could not be delivered",
        );
        assert_kind(&c, InboundKind::Bounce, "could not be delivered");
    }

    #[test]
    fn abuse_reports_need_the_enclosed_message() {
        let person = mail("", "Abuse report: malicious package typo-requests");
        assert_kind(&person, InboundKind::Request, "person");
        let raw = "From: staff@hotmail.example\r\nSubject: complaint about message from 192.0.2.1\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: support@pypi.example\r\nMessage-ID: <x@y>\r\n\r\nhi\r\n--b--\r\n";
        let c = classify(&parse(raw.as_bytes()), &ctx());
        assert_kind(&c, InboundKind::Bounce, "encloses a message/rfc822");
    }

    #[test]
    fn postmaster_writing_ordinary_mail_is_a_person() {
        assert_kind(
            &mail_from(
                "Bob <postmaster@example.com>",
                "",
                "Please enjoy this mega long link",
                "hi",
            ),
            InboundKind::Request,
            "person",
        );
    }

    #[test]
    fn a_person_mentioning_a_bounce_is_a_person() {
        let c = mail_from(
            "jane@example.org",
            "",
            "Your reply bounced",
            "Your reply could not be delivered to my old address.",
        );
        assert_kind(&c, InboundKind::Request, "person");
    }

    #[test]
    fn null_sender_noreply_and_x_loop_are_automatic() {
        assert_kind(
            &mail("Return-Path: <>\r\n", "Hello"),
            InboundKind::AutoReply,
            "null sender",
        );
        assert_kind(
            &mail_from(
                "PyPI Status <noreply@status.example>",
                "",
                "Maintenance",
                "x",
            ),
            InboundKind::AutoReply,
            "noreply",
        );
        assert_kind(
            &mail_from("do-not-reply@bank.example", "", "Statement", "x"),
            InboundKind::AutoReply,
            "noreply",
        );
        assert_kind(
            &mail("X-Loop: jane@example.org\r\n", "x"),
            InboundKind::AutoReply,
            "X-Loop",
        );
    }

    #[test]
    fn noreply_addresses() {
        for a in [
            "MAILER-DAEMON@x.test",
            "mailer-daemon",
            "postmaster@x.test",
            "noreply@x.test",
            "no-reply@x.test",
            "no_reply@x.test",
            "DoNotReply@x.test",
            "do-not-reply@x.test",
            "info-noreply@x.test",
            "bounces+8f3a2c@mail.x.test",
            "bounce-123@x.test",
            "autoreply@x.test",
        ] {
            assert!(is_noreply_address(a), "{a}");
        }
        for a in [
            "jane@x.test",
            "norepl@x.test",
            "reply@x.test",
            "bouncer.jane@x.test",
            "",
            "support@pypi.example",
        ] {
            assert!(!is_noreply_address(a), "{a}");
        }
    }

    #[test]
    fn strip_comments_handles_nesting_and_escapes() {
        assert_eq!(
            strip_comments("auto-replied (vacation (nested)) x"),
            "auto-replied  x"
        );
        assert_eq!(strip_comments(r"a (b \) c) d"), "a  d");
        assert_eq!(first_token(" (c) Auto-Replied;x=1"), "auto-replied");
    }
}

//! The pure, parallel half of the pipeline: parse → classify → visible text → redact →
//! extract, for one message, with no database. `mailcase inspect` shows exactly this.

use crate::classify::{self, Classification};
use crate::domain::InboundKind;
use crate::extract::{self, Extraction, secrets};
use crate::parse::{self, ParsedMessage, Problem};
use crate::visible::{self, SegmentKind, Visible};
use serde::Serialize;

/// What analysing needs to know about us.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub classify: classify::Context,
    /// Messages larger than this are read headers-only.
    pub max_message_bytes: usize,
    /// authserv-ids whose `Authentication-Results` are trusted.
    pub trusted_authserv_ids: Vec<String>,
}

impl Context {
    /// The context a config describes (our addresses, Message-ID domain, trusted servers).
    pub fn from_config(cfg: &crate::config::Config) -> Context {
        Context {
            classify: classify::Context {
                own_addresses: cfg.own_addresses(),
                message_id_domain: cfg.message_id_domain.clone(),
                loop_header: crate::reply::compose::LOOP_HEADER.to_ascii_lowercase(),
            },
            max_message_bytes: cfg.max_message_bytes,
            trusted_authserv_ids: cfg.trusted_authserv_ids.clone(),
        }
    }
}

/// Everything mailcase reads from one message on its own.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub parsed: ParsedMessage,
    pub class: Classification,
    /// Segments of the body (unredacted: redact before storing or showing).
    pub visible: Visible,
    /// The visible text, redacted: what extraction read and what staff see.
    pub text: String,
    /// Secrets found anywhere in the body.
    pub secrets: Vec<secrets::SecretKind>,
    pub extraction: Extraction,
    /// What the trusted receiving server recorded about the sender (RFC 8601).
    pub auth: crate::auth::AuthVerdict,
    /// Columns serialised here, on the analysis threads, so the sequential apply does not.
    pub columns: Columns,
}

/// Message columns that depend on the message alone, as stored (JSON text; empty when there
/// is nothing to say, to keep rows small).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// The redacted segments, or empty when the whole body is new text (then the visible text
    /// is the body).
    pub segments: String,
    pub problems: String,
    pub attachments: String,
    pub auth: String,
    pub report: String,
}

impl Columns {
    fn of(a: &Analysis) -> Columns {
        fn json_or_empty<T: Serialize>(v: &T, empty: bool) -> String {
            if empty {
                String::new()
            } else {
                serde_json::to_string(v).unwrap_or_default()
            }
        }
        let trivial = a
            .visible
            .segments
            .iter()
            .all(|s| s.kind == SegmentKind::New);
        Columns {
            segments: if trivial {
                String::new()
            } else {
                json_or_empty(&a.redacted_segments(), false)
            },
            problems: json_or_empty(&a.parsed.problems, a.parsed.problems.is_empty()),
            attachments: json_or_empty(&a.parsed.attachments, a.parsed.attachments.is_empty()),
            auth: json_or_empty(&a.auth, a.auth.authserv_ids.is_empty()),
            report: a
                .parsed
                .report
                .as_ref()
                .map(|r| json_or_empty(r, false))
                .unwrap_or_default(),
        }
    }
}

impl Analysis {
    /// Re-reads the visible text after segments changed (our own text found in it).
    pub fn refresh(&mut self) {
        let (text, _) = secrets::redact(&self.visible.text());
        self.extraction = read(&self.parsed, &text);
        self.text = text;
        self.columns = Columns::of(self);
    }

    /// The segments, redacted, for storage and display.
    pub fn redacted_segments(&self) -> Visible {
        let mut v = self.visible.clone();
        for s in &mut v.segments {
            s.text = secrets::redact(&s.text).0;
        }
        v
    }

    /// Whether nothing usable could be read (no headers, no sender, no text).
    pub fn unparseable(&self) -> bool {
        self.parsed
            .problems
            .iter()
            .any(|p| matches!(p, Problem::Unparseable | Problem::Empty))
    }
}

/// What a message's visible text (redacted) and subject state, read as from its sender (a
/// subject signed with the sender's own name names no account).
fn read(parsed: &ParsedMessage, text: &str) -> Extraction {
    let mut e = extract::extract(&parsed.subject, text);
    e.drop_senders_name_from_subject(parsed.from.as_ref().and_then(|f| f.name.as_deref()));
    e
}

/// Analyses one raw message. Never panics on any input (see the property tests); the caller
/// still guards with `catch_unwind`, so a bug here cannot stop the run.
pub fn analyze(raw: &[u8], ctx: &Context) -> Analysis {
    let parsed = if ctx.max_message_bytes > 0 && raw.len() > ctx.max_message_bytes {
        let mut p = parse::parse(header_block(raw));
        p.text.clear();
        p.problems.push(Problem::Oversized { size: raw.len() });
        p
    } else {
        parse::parse(raw)
    };
    let class = if parsed
        .problems
        .iter()
        .any(|p| matches!(p, Problem::Unparseable | Problem::Empty))
    {
        Classification {
            kind: InboundKind::Request,
            reason: "unreadable: no headers could be parsed".into(),
        }
    } else {
        classify::classify(&parsed, &ctx.classify)
    };
    let visible = visible::analyze(&parsed.text);
    let secrets = secrets::redact(&parsed.text).1;
    let (text, _) = secrets::redact(&visible.text());
    let extraction = if class.kind.is_automatic() {
        Extraction::default()
    } else {
        read(&parsed, &text)
    };
    let auth = crate::auth::evaluate(&parsed, &ctx.trusted_authserv_ids);
    let mut a = Analysis {
        parsed,
        class,
        visible,
        text,
        secrets,
        extraction,
        auth,
        columns: Columns::default(),
    };
    a.columns = Columns::of(&a);
    a
}

/// The header block of a raw message (up to the first empty line).
fn header_block(raw: &[u8]) -> &[u8] {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|p| p + 2))
        .unwrap_or(raw.len().min(64 * 1024));
    &raw[..end]
}

/// Analyses with a guard: a panic becomes an analysis that says so.
pub fn analyze_guarded(raw: &[u8], ctx: &Context) -> Analysis {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(raw, ctx))) {
        Ok(a) => a,
        Err(_) => {
            let mut parsed = ParsedMessage::default();
            parsed.problems.push(Problem::Unparseable);
            Analysis {
                parsed,
                class: Classification {
                    kind: InboundKind::Request,
                    reason: "unreadable: the parser failed on it".into(),
                },
                visible: Visible::default(),
                text: String::new(),
                secrets: Vec::new(),
                extraction: Extraction::default(),
                auth: Default::default(),
                columns: Columns::default(),
            }
        }
    }
}

/// The `mailcase inspect --json` view of an analysis.
#[derive(Debug, Serialize)]
pub struct Inspection {
    pub message_id: Option<String>,
    pub kind: InboundKind,
    pub kind_reason: String,
    pub visible_text: String,
    pub fields: crate::domain::Fields,
    pub field_sources: std::collections::BTreeMap<&'static str, crate::domain::Source>,
    pub secrets: usize,
    pub flags: Vec<&'static str>,
    pub problems: Vec<Problem>,
    pub numbered_answers: Vec<extract::Numbered>,
    pub quoted_text: String,
}

impl Inspection {
    pub fn of(a: &Analysis) -> Inspection {
        let mid = a.parsed.message_id.as_ref().map(|m| format!("<{m}>"));
        let kind = if a.class.kind == InboundKind::Request
            && (!a.parsed.in_reply_to.is_empty() || !a.parsed.references.is_empty())
        {
            InboundKind::FollowUp
        } else {
            a.class.kind
        };
        let mut flags = Vec::new();
        if !a.secrets.is_empty() {
            flags.push("secret_shared");
        }
        if a.extraction.suspected_compromise.is_some() {
            flags.push("suspected_compromise");
        }
        if a.extraction.testpypi.is_some() {
            flags.push("testpypi");
        }
        if a.auth.unauthenticated {
            flags.push("unauthenticated_sender");
        }
        let quoted = a
            .redacted_segments()
            .segments
            .iter()
            .filter(|s| s.kind != SegmentKind::New)
            .map(|s| s.text.clone())
            .collect::<Vec<_>>()
            .join("\n");
        Inspection {
            message_id: mid.clone(),
            kind,
            kind_reason: a.class.reason.clone(),
            visible_text: a.text.clone(),
            fields: a.extraction.fields(),
            field_sources: a
                .extraction
                .sources(mid.as_deref().unwrap_or(""))
                .into_iter()
                .map(|(k, v)| (k.as_str(), v))
                .collect(),
            secrets: a.secrets.len(),
            flags,
            problems: a.parsed.problems.clone(),
            numbered_answers: a.extraction.numbered.clone(),
            quoted_text: quoted,
        }
    }
}

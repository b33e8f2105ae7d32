//! The sequential half of the pipeline, inside one transaction: thread a message to its case,
//! fold what its messages state into the case's fields, flags and status, and queue the
//! automated reply the change calls for.

use super::analyze::Analysis;
use super::{Pipeline, Stats};
use crate::clock::timestamp;
use crate::domain::{Case, Field, FieldValue, Flag, InboundKind, OutboundKind, Source, Status, address_key};
use crate::extract::{self, Extraction, Statement, strength};
use crate::reply::{self, compose, templates};
use crate::report::ReportKind;
use crate::store::messages::{self, Processed};
use crate::store::outbox::{self, NewOutbound, Outbound};
use crate::store::{Tx, cases, from_json, to_json};
use crate::thread;
use crate::visible::{Segment, SegmentKind, Visible};
use serde::{Deserialize, Serialize};

/// How a message found its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// `In-Reply-To`/`References` (or a DSN's original Message-ID) names a message of the case.
    Header,
    /// A signed outbound Message-ID of ours names the case (its row may be gone).
    Signed,
    /// The case reference tag is in the subject.
    Tag,
    /// Same requester, open case, same normalised subject, recent.
    Fallback,
    /// Reprocessing keeps a filed message where it is.
    Kept,
}

/// What the pipeline keeps of a message's statements (the `extraction` column).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Facts {
    pub extraction: Extraction,
    /// Numbered answers resolved against the questions of the mail replied to.
    pub answers: Vec<Statement>,
    /// Whether the statements count for the case (false for a different sender).
    pub merged: bool,
    /// How the message was threaded.
    pub matched_by: Option<String>,
}

impl Pipeline {
    pub(super) async fn apply(&self, tx: &mut Tx, id: i64, mut a: Analysis, reprocess: bool) -> anyhow::Result<Stats> {
        let mut stats = Stats { processed: 1, ..Stats::default() };
        let now = self.clock.now_str();
        let Some(basics) = messages::basics(tx, id).await? else {
            return Ok(Stats::default());
        };
        let first_time = basics.state != "processed";
        let mut p = self.processed_base(&a);

        if a.unparseable() || p.from_addr.is_empty() && !a.class.kind.is_automatic() {
            // nothing to thread or answer: stored, marked, listed for staff
            p.state = if a.unparseable() { "unparseable" } else { "processed" };
            p.case_id = basics.case_id;
            p.seq = basics.seq;
            if p.from_addr.is_empty() && !a.unparseable() {
                p.kind_reason = format!("{}; no sender address, so no case", p.kind_reason);
            }
            messages::record(tx, id, &p).await?;
            stats.unparseable += u64::from(a.unparseable());
            stats.unfiled += u64::from(basics.case_id.is_none());
            return Ok(stats);
        }

        let automatic = a.class.kind.is_automatic();
        let found = match (reprocess, basics.case_id) {
            (true, Some(case_id)) => cases::load(tx, case_id).await?.map(|c| (c, Match::Kept, None)),
            _ => self.thread(tx, &a, automatic).await?,
        };

        let Some((mut case, how, replied_to)) = found else {
            if automatic {
                messages::record(tx, id, &p).await?;
                stats.unfiled += 1;
                return Ok(stats);
            }
            return self.open_case(tx, id, &basics.message_id, a, p, first_time, stats).await;
        };

        // Filed into an existing case.
        stats.filed += 1;
        let before = case.clone();
        let is_new_here = basics.case_id != Some(case.id);
        if is_new_here {
            p.seq = Some(case.take_seq());
            case.message_count += 1;
        } else {
            p.seq = basics.seq;
        }
        p.case_id = Some(case.id);
        case.last_activity = now.clone();

        let mut facts = Facts { matched_by: Some(format!("{how:?}").to_lowercase()), ..Facts::default() };
        let from_requester = !automatic && address_key(&p.from_addr) == case.requester_key();
        if automatic {
            if a.class.kind == InboundKind::Bounce && bounced(&a) {
                p.flags.push(Flag::Bounced);
            }
        } else if !from_requester {
            p.kind = Some(InboundKind::FollowUp);
            p.flags.push(Flag::DifferentSender);
            if !a.secrets.is_empty() {
                p.flags.push(Flag::SecretShared);
            }
            facts.extraction = a.extraction.clone();
        } else {
            p.kind = Some(InboundKind::FollowUp);
            let outbound = outbox::of_case(tx, case.id).await?;
            let known: Vec<&str> = outbound.iter().map(|o| o.body.as_str()).collect();
            if strip_known(&mut a.visible, &known) {
                a.refresh();
                p.visible_text = a.text.clone();
                p.segments = to_json(&a.redacted_segments());
            }
            let asked_by = replied_to
                .as_ref()
                .filter(|o| !o.asked.is_empty())
                .or_else(|| outbound.iter().rev().find(|o| !o.asked.is_empty()));
            if let Some(o) = asked_by {
                facts.answers = extract::answer(&a.extraction, &a.text, &o.asked);
                p.answers = Some(o.id);
            }
            facts.extraction = a.extraction.clone();
            facts.merged = true;
            p.flags.extend(self.message_flags(&a));
            if case.status == Status::Closed {
                case.status = Status::AwaitingInfo; // the requester answered after all: reopen
            }
        }
        p.extraction = to_json(&facts);
        messages::record(tx, id, &p).await?;

        self.refold(tx, &mut case).await?;
        if from_requester {
            self.flag_duplicates(tx, &mut case).await?;
        }
        let change = reply::Change {
            opened: false,
            from_requester,
            was_complete: before.missing().is_empty(),
            status_before: before.status,
            status_after: case.status,
        };
        if first_time {
            if let Some(kind) = reply::plan(&change, &case.missing()) {
                let name = a.parsed.from.as_ref().and_then(|m| m.name.clone()).unwrap_or_default();
                if self.queue(tx, &mut case, kind, id, &basics.message_id, &a, &name).await? {
                    stats.replies_queued += 1;
                }
            }
        }
        cases::save(tx, &case).await?;
        Ok(stats)
    }

    /// Opens a case for a person's message that matched none.
    #[allow(clippy::too_many_arguments)]
    async fn open_case(
        &self,
        tx: &mut Tx,
        id: i64,
        message_id: &str,
        a: Analysis,
        mut p: Processed,
        first_time: bool,
        mut stats: Stats,
    ) -> anyhow::Result<Stats> {
        let now = self.clock.now_str();
        let mut reference = self.refs.generate();
        while cases::reference_exists(tx, &reference).await? {
            reference = self.refs.generate();
        }
        let case = Case {
            id: 0,
            reference,
            status: Status::AwaitingInfo,
            requester: p.from_addr.clone(),
            subject: templates::one_line(&a.parsed.subject),
            fields: Default::default(),
            sources: Default::default(),
            flags: Default::default(),
            next_seq: 1,
            message_count: 1,
            created_at: now.clone(),
            last_activity: now,
        };
        let mut case = cases::insert(tx, case).await?;
        stats.cases_opened += 1;
        p.case_id = Some(case.id);
        p.seq = Some(0);
        p.kind = Some(InboundKind::Request);
        p.flags.extend(self.message_flags(&a));
        let facts = Facts { extraction: a.extraction.clone(), answers: Vec::new(), merged: true, matched_by: None };
        p.extraction = to_json(&facts);
        messages::record(tx, id, &p).await?;
        self.refold(tx, &mut case).await?;
        self.flag_duplicates(tx, &mut case).await?;
        if first_time {
            let name = a.parsed.from.as_ref().and_then(|m| m.name.clone()).unwrap_or_default();
            if self.queue(tx, &mut case, OutboundKind::Acknowledgement, id, message_id, &a, &name).await? {
                stats.replies_queued += 1;
            }
        }
        cases::save(tx, &case).await?;
        Ok(stats)
    }

    /// The columns every message gets, whatever happens to it.
    fn processed_base(&self, a: &Analysis) -> Processed {
        let parsed = &a.parsed;
        Processed {
            state: "processed",
            kind: Some(a.class.kind),
            kind_reason: a.class.reason.clone(),
            from_addr: parsed.from_address(),
            from_name: parsed.from.as_ref().and_then(|m| m.name.clone()),
            to_addrs: parsed.to.iter().chain(&parsed.cc).map(|m| m.address.as_str()).collect::<Vec<_>>().join(", "),
            subject: parsed.subject.clone(),
            date: parsed.date.clone(),
            visible_text: a.text.clone(),
            segments: to_json(&a.redacted_segments()),
            extraction: to_json(&Facts::default()),
            problems: to_json(&parsed.problems),
            attachments: to_json(&parsed.attachments),
            report: parsed.report.as_ref().map(to_json).unwrap_or_default(),
            ..Processed::default()
        }
    }

    /// Flags a requester's own message raises.
    fn message_flags(&self, a: &Analysis) -> Vec<Flag> {
        let mut f = Vec::new();
        if !a.secrets.is_empty() {
            f.push(Flag::SecretShared);
        }
        if a.extraction.suspected_compromise.is_some() {
            f.push(Flag::SuspectedCompromise);
        }
        if a.extraction.testpypi.is_some() {
            f.push(Flag::Testpypi);
        }
        f
    }

    /// Finds the case a message belongs to: headers (and a DSN's original id), the signed
    /// token, the subject tag, then the careful fallback (persons only).
    async fn thread(&self, tx: &mut Tx, a: &Analysis, automatic: bool) -> anyhow::Result<Option<(Case, Match, Option<Outbound>)>> {
        let mut ids: Vec<String> = Vec::new();
        if let Some(orig) = a.parsed.report.as_ref().and_then(|r| r.original_message_id.clone()) {
            ids.push(orig);
        }
        for id in thread::reply_ids(&a.parsed.in_reply_to, &a.parsed.references) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for mid in &ids {
            if let Some(out) = outbox::by_message_id(tx, mid).await? {
                if let Some(case) = cases::load(tx, out.case_id).await? {
                    return Ok(Some((case, Match::Header, Some(out))));
                }
            }
            if let Some(case_id) = messages::case_of(tx, mid).await? {
                if let Some(case) = cases::load(tx, case_id).await? {
                    return Ok(Some((case, Match::Header, None)));
                }
            }
            if let Some(reference) = self.signer.verify(mid) {
                if let Some(case) = cases::by_reference(tx, &reference).await? {
                    return Ok(Some((case, Match::Signed, None)));
                }
            }
        }
        for reference in self.refs.find_all(&a.parsed.subject) {
            if let Some(case) = cases::by_reference(tx, &reference).await? {
                return Ok(Some((case, Match::Tag, None)));
            }
        }
        let from = address_key(&a.parsed.from_address());
        let subject_key = thread::normalise_subject(&a.parsed.subject);
        if !automatic && !from.is_empty() && !subject_key.is_empty() {
            let since = timestamp(self.clock.now() - chrono::Duration::days(self.settings.fallback_days));
            if let Some(case_id) = cases::fallback_match(tx, &from, &subject_key, &since).await? {
                if let Some(case) = cases::load(tx, case_id).await? {
                    return Ok(Some((case, Match::Fallback, None)));
                }
            }
        }
        Ok(None)
    }

    /// Recomputes a case's fields, sources, flags and (automatic) status from all its messages
    /// in thread order: a later statement replaces an earlier one; a reason stays unless a later
    /// one is given explicitly; a withdrawal moves an automatic status to `withdrawn`.
    async fn refold(&self, tx: &mut Tx, case: &mut Case) -> anyhow::Result<()> {
        let msgs = messages::of_case(tx, case.id).await?;
        let keep_dup = case.flags.contains(&Flag::PossibleDuplicate);
        case.fields = Default::default();
        case.sources.clear();
        case.flags.clear();
        if keep_dup {
            case.flags.insert(Flag::PossibleDuplicate);
        }
        let mut withdrawn = false;
        for m in &msgs {
            case.flags.extend(m.flags.iter().copied());
            let facts: Facts = from_json(Some(&m.extraction));
            if !facts.merged {
                continue;
            }
            let mut stmts = facts.extraction.statements.clone();
            for ans in facts.answers {
                if !stmts.iter().any(|s| s.field == ans.field) {
                    stmts.push(ans);
                }
            }
            for s in stmts {
                if s.field == Field::Reason && case.fields.reason.is_some() && s.strength < strength::EXPLICIT {
                    continue;
                }
                if case.fields.set(s.field, s.value.clone()) {
                    case.sources.insert(s.field, Source { message_id: format!("<{}>", m.message_id), excerpt: s.excerpt.clone() });
                }
            }
            withdrawn |= facts.extraction.withdrawn.is_some();
        }
        if case.status.is_automatic() {
            case.status = if withdrawn {
                Status::Withdrawn
            } else if case.missing().is_empty() {
                Status::ReadyForReview
            } else {
                Status::AwaitingInfo
            };
        }
        Ok(())
    }

    /// Sets `possible_duplicate` on this case and on every other open case with the same
    /// requester or username.
    async fn flag_duplicates(&self, tx: &mut Tx, case: &mut Case) -> anyhow::Result<()> {
        if !case.status.is_open() {
            return Ok(());
        }
        let others = cases::open_duplicates(tx, case.id, &case.requester_key(), case.fields.username.as_deref()).await?;
        if !others.is_empty() {
            case.flags.insert(Flag::PossibleDuplicate);
            for other in others {
                cases::add_flag(tx, other, Flag::PossibleDuplicate).await?;
            }
        }
        Ok(())
    }

    /// Renders, builds and queues an automated message; false when the trigger already has one.
    #[allow(clippy::too_many_arguments)]
    async fn queue(
        &self,
        tx: &mut Tx,
        case: &mut Case,
        kind: OutboundKind,
        trigger_id: i64,
        trigger_message_id: &str,
        a: &Analysis,
        name: &str,
    ) -> anyhow::Result<bool> {
        if outbox::exists_for_trigger(tx, trigger_id).await? {
            return Ok(false);
        }
        let asked: Vec<Field> = match kind {
            OutboundKind::Complete => Vec::new(),
            _ => case.missing(),
        };
        let vars = templates::Vars {
            reference: case.reference.clone(),
            subject: if case.subject.is_empty() { "Your account recovery request".into() } else { case.subject.clone() },
            name: templates::one_line(name),
            support_name: self.settings.support_name.clone(),
            understood: understood(case),
            questions: self.templates.questions(&asked),
            grace_days: 0,
        };
        let (subject, body) = self.templates.render(kind, &vars)?;
        let message_id = self.signer.message_id(&case.reference);
        let mut references: Vec<String> = a.parsed.references.clone();
        if !references.iter().any(|r| r == trigger_message_id) {
            references.push(trigger_message_id.to_string());
        }
        let keep = references.len().saturating_sub(20);
        let references = references.split_off(keep);
        let now = self.clock.now();
        let raw = compose::build(&compose::Outgoing {
            from_name: &self.settings.support_name,
            from_addr: &self.settings.support_address,
            to_addr: &case.requester,
            subject: &subject,
            body: &body,
            message_id: &message_id,
            in_reply_to: Some(trigger_message_id),
            references,
            date: now.timestamp(),
            loop_id: &self.settings.support_address,
            automated: true,
        });
        let row = NewOutbound {
            case_id: case.id,
            seq: case.take_seq(),
            kind,
            trigger_id: Some(trigger_id),
            message_id,
            from_addr: self.settings.support_address.clone(),
            to_addr: case.requester.clone(),
            subject,
            body,
            raw,
            asked,
            created_at: timestamp(now),
        };
        Ok(outbox::insert(tx, &row).await?.is_some())
    }
}

/// Whether a bounce says our mail failed (a DSN with a failed recipient, or a free-form bounce;
/// read receipts and abuse reports are reports, not failures).
fn bounced(a: &Analysis) -> bool {
    match &a.parsed.report {
        Some(r) if r.kind == ReportKind::DeliveryStatus => r.failed_recipients().next().is_some(),
        Some(_) => false,
        None => true,
    }
}

/// A short summary of what was understood, for the acknowledgement. Never a secret and never
/// the requester's own words (the reason and proof are only acknowledged as received).
fn understood(case: &Case) -> Vec<String> {
    let f = &case.fields;
    let mut out = Vec::new();
    if let Some(u) = &f.username {
        out.push(format!("account name: {u}"));
    }
    if f.reason.is_some() {
        out.push("the reason you cannot sign in".into());
    }
    match f.email_access {
        Some(true) => out.push("you can still read mail at the account's address".into()),
        Some(false) => out.push("you can no longer read mail at the account's address".into()),
        None => {}
    }
    match f.password_access {
        Some(true) => out.push("you still know the password".into()),
        Some(false) => out.push("you no longer know the password".into()),
        None => {}
    }
    if let Some(c) = f.recovery_codes {
        out.push(format!("recovery codes: {}", FieldValue::Codes(c).display()));
    }
    if f.ownership_proof.is_some() {
        out.push("other proof of ownership".into());
    }
    match f.code_of_conduct {
        Some(true) => out.push("Code of Conduct: accepted".into()),
        Some(false) => out.push("Code of Conduct: not accepted".into()),
        None => {}
    }
    if f.acknowledgement == Some(true) {
        out.push("review time: acknowledged".into());
    }
    out
}

/// Moves lines of `New` segments that reproduce our own outbound text into `Quote` segments
/// (a client that pastes our mail back without `>` markers). Returns whether anything moved.
fn strip_known(v: &mut Visible, known: &[&str]) -> bool {
    fn norm(l: &str) -> String {
        l.trim().trim_start_matches(['>', ' ']).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
    }
    let known: std::collections::HashSet<String> =
        known.iter().flat_map(|t| t.lines()).map(norm).filter(|l| l.len() >= 4).collect();
    if known.is_empty() {
        return false;
    }
    let mut changed = false;
    let mut out: Vec<Segment> = Vec::new();
    for seg in std::mem::take(&mut v.segments) {
        if seg.kind != SegmentKind::New {
            out.push(seg);
            continue;
        }
        let lines: Vec<&str> = seg.text.lines().collect();
        let hit: Vec<bool> = lines.iter().map(|l| known.contains(&norm(l))).collect();
        let mut mark = vec![false; lines.len()];
        let mut i = 0;
        while i < lines.len() {
            if !hit[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < lines.len() && (hit[j] || lines[j].trim().is_empty()) {
                j += 1;
            }
            let run: Vec<usize> = (i..j).filter(|k| hit[*k]).collect();
            if run.len() >= 2 || run.iter().any(|k| norm(lines[*k]).len() >= 40) {
                for k in i..j {
                    mark[k] = true;
                }
            }
            i = j;
        }
        let mut cur: Option<(SegmentKind, Vec<&str>)> = None;
        for (k, line) in lines.iter().enumerate() {
            let kind = if mark[k] { SegmentKind::Quote } else { SegmentKind::New };
            changed |= mark[k];
            match &mut cur {
                Some((ck, buf)) if *ck == kind => buf.push(line),
                _ => {
                    if let Some((ck, buf)) = cur.take() {
                        out.push(Segment { kind: ck, text: buf.join("\n") });
                    }
                    cur = Some((kind, vec![line]));
                }
            }
        }
        if let Some((ck, buf)) = cur {
            out.push(Segment { kind: ck, text: buf.join("\n") });
        }
    }
    v.segments = out;
    changed
}

//! The sequential half of the pipeline: thread each message to its case, fold what the case's
//! messages state into its fields, flags and status, and plan the automated reply.
//!
//! A batch is applied in three steps inside one transaction: **prefetch** everything the batch
//! can touch with a handful of set-at-a-time queries, **apply** each message in order to that
//! in-memory working set (so a follow-up can thread to a request earlier in the same batch),
//! then **write** the changed cases, messages and outbound mail with a few multi-row
//! statements. New cases and outbound rows carry negative ids until the write assigns real ones.

use super::analyze::Analysis;
use super::automated::Automated;
use super::{Pipeline, Stats};
use crate::clock::timestamp;
use crate::domain::{
    Case, Field, FieldValue, Flag, InboundKind, OutboundKind, Source, Status, address_key,
};
use crate::extract::{self, Extraction, Statement, strength};
use crate::reply::{self, templates};
use crate::report::ReportKind;
use crate::store::batch::{self, FoldRow, OutLite};
use crate::store::limits;
use crate::store::messages::{Basics, Processed};
use crate::store::outbox::NewOutbound;
use crate::store::{Tx, from_json, to_json};
use crate::thread;
use crate::visible::Visible;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};

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
    /// Whether the statements count for the case (false for automatic mail and other senders).
    pub merged: bool,
    /// How the message was threaded.
    pub matched_by: Option<String>,
    /// A hash of the visible text (whitespace folded), to recognise a message sent again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_hash: String,
}

/// The hash of a visible text with whitespace folded and case ignored.
fn text_hash(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let folded: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if folded.is_empty() {
        return String::new();
    }
    crate::thread::hex(&Sha256::digest(folded.as_bytes())[..12])
}

/// One filed message, as the fold reads it.
#[derive(Debug, Clone)]
pub(crate) struct FoldMsg {
    id: i64,
    seq: i64,
    message_id: String,
    facts: Facts,
    flags: Vec<Flag>,
}

impl FoldMsg {
    pub(crate) fn seq(&self) -> i64 {
        self.seq
    }

    pub(crate) fn from_row(r: FoldRow) -> FoldMsg {
        FoldMsg {
            id: r.id,
            seq: r.seq,
            message_id: r.message_id,
            facts: from_json(Some(&r.extraction)),
            flags: r.flags,
        }
    }
}

/// A case in the working set, with what its fold and its replies need.
#[derive(Debug, Clone)]
struct CaseState {
    case: Case,
    subject_key: String,
    msgs: Vec<FoldMsg>,
    outs: Vec<OutLite>,
    new: bool,
    dirty: bool,
}

/// Everything a batch can touch.
#[derive(Default)]
struct Work {
    cases: HashMap<i64, CaseState>,
    /// Message-ID (inbound or outbound, without brackets) → case id.
    by_message_id: HashMap<String, i64>,
    /// Outbound Message-ID → the outbound message.
    outbound: HashMap<String, OutLite>,
    by_reference: HashMap<String, i64>,
    /// Requester key → open case ids (fallback threading).
    open_by_requester: HashMap<String, Vec<i64>>,
    /// References free for new cases, checked against the database.
    fresh_refs: Vec<String>,
    next_temp_id: i64,
    processed: Vec<(i64, Processed)>,
    queued: Vec<NewOutbound>,
    /// Loop brakes: automated mail per requester key in the last 24 hours (the database's
    /// count plus what this batch queued), and addresses under suppression (key → reason).
    automated_today: HashMap<String, u32>,
    suppressed: HashMap<String, String>,
    /// Hard bounces seen in this batch: (address key, reason, until).
    new_suppressions: Vec<(String, String, String)>,
}

impl Work {
    fn temp_id(&mut self) -> i64 {
        self.next_temp_id -= 1;
        self.next_temp_id
    }
}

impl Pipeline {
    /// Applies a batch of analysed messages in one transaction.
    pub(super) async fn apply_all(
        &self,
        tx: &mut Tx,
        analysed: Vec<(i64, Analysis)>,
        reprocess: bool,
    ) -> anyhow::Result<Stats> {
        let ids: Vec<i64> = analysed.iter().map(|(id, _)| *id).collect();
        let basics = batch::basics_many(tx, &ids).await?;
        let mut work = self.prefetch(tx, &analysed, &basics).await?;
        let mut stats = Stats::default();
        for (id, a) in analysed {
            let Some(b) = basics.get(&id) else { continue };
            stats += self.apply_one(&mut work, id, b, a, reprocess);
        }
        self.write(tx, work).await?;
        Ok(stats)
    }

    /// Loads every case the batch can reach: by header ids, signed ids, subject tags, the
    /// requesters' open cases, and the cases reprocessed messages already belong to.
    async fn prefetch(
        &self,
        tx: &mut Tx,
        analysed: &[(i64, Analysis)],
        basics: &HashMap<i64, Basics>,
    ) -> anyhow::Result<Work> {
        let mut msg_ids: BTreeSet<String> = BTreeSet::new();
        let mut refs: BTreeSet<String> = BTreeSet::new();
        let mut requesters: BTreeSet<String> = BTreeSet::new();
        let mut case_ids: BTreeSet<i64> = BTreeSet::new();
        let mut persons = 0usize;
        for (id, a) in analysed {
            for mid in candidate_ids(a) {
                if let Some(r) = self.signer.verify(&mid) {
                    refs.insert(r);
                }
                msg_ids.insert(mid);
            }
            refs.extend(self.refs.find_all(&a.parsed.subject));
            if !a.class.kind.is_automatic() {
                persons += 1;
                let key = address_key(&a.parsed.from_address());
                if !key.is_empty() {
                    requesters.insert(key);
                }
            }
            if let Some(c) = basics.get(id).and_then(|b| b.case_id) {
                case_ids.insert(c);
            }
        }
        let msg_ids: Vec<String> = msg_ids.into_iter().collect();
        let refs: Vec<String> = refs.into_iter().collect();
        let requesters: Vec<String> = requesters.into_iter().collect();

        let mut work = Work::default();
        for (mid, case_id) in batch::inbound_links(tx, &msg_ids).await? {
            work.by_message_id.insert(mid, case_id);
            case_ids.insert(case_id);
        }
        for o in batch::outbound_links(tx, &msg_ids).await? {
            work.by_message_id.insert(o.message_id.clone(), o.case_id);
            case_ids.insert(o.case_id);
        }
        for (r, case_id) in batch::cases_by_reference(tx, &refs).await? {
            work.by_reference.insert(r, case_id);
            case_ids.insert(case_id);
        }
        case_ids.extend(batch::open_cases_of(tx, &requesters).await?);

        let case_ids: Vec<i64> = case_ids.into_iter().collect();
        let mut rows: HashMap<i64, Vec<FoldRow>> = HashMap::new();
        for r in batch::fold_rows(tx, &case_ids).await? {
            rows.entry(r.case_id).or_default().push(r);
        }
        let mut outs: HashMap<i64, Vec<OutLite>> = HashMap::new();
        for o in batch::outbound_of(tx, &case_ids).await? {
            work.outbound.insert(o.message_id.clone(), o.clone());
            outs.entry(o.case_id).or_default().push(o);
        }
        for case in batch::load_cases(tx, &case_ids).await? {
            let mut msgs: Vec<FoldMsg> = rows
                .remove(&case.id)
                .unwrap_or_default()
                .into_iter()
                .map(FoldMsg::from_row)
                .collect();
            msgs.sort_by_key(|m| m.seq);
            let mut o = outs.remove(&case.id).unwrap_or_default();
            o.sort_by_key(|x| x.seq);
            self.index_case(&mut work, &case);
            work.cases.insert(
                case.id,
                CaseState {
                    subject_key: thread::normalise_subject(&case.subject),
                    case,
                    msgs,
                    outs: o,
                    new: false,
                    dirty: false,
                },
            );
        }

        // loop brakes for everyone this batch may write to
        let mut keys: BTreeSet<String> = requesters.iter().cloned().collect();
        keys.extend(work.cases.values().map(|s| s.case.requester_key()));
        let keys: Vec<String> = keys.into_iter().collect();
        let now = self.clock.now();
        if self.settings.per_address_per_day > 0 {
            let since = timestamp(now - chrono::Duration::hours(24));
            work.automated_today = limits::automated_since(tx, &keys, &since).await?;
        }
        work.suppressed = limits::suppressed(tx, &keys, &timestamp(now)).await?;

        // references for the cases this batch may open, unique against the database
        let mut fresh: Vec<String> = (0..persons).map(|_| self.refs.generate()).collect();
        loop {
            fresh.sort();
            fresh.dedup();
            let taken: HashSet<String> = batch::references_taken(tx, &fresh)
                .await?
                .into_iter()
                .collect();
            fresh.retain(|r| !taken.contains(r));
            if fresh.len() >= persons {
                break;
            }
            fresh.extend((fresh.len()..persons).map(|_| self.refs.generate()));
        }
        work.fresh_refs = fresh;
        Ok(work)
    }

    fn index_case(&self, work: &mut Work, case: &Case) {
        work.by_reference.insert(case.reference.clone(), case.id);
        if case.status.is_open() {
            let list = work
                .open_by_requester
                .entry(case.requester_key())
                .or_default();
            if !list.contains(&case.id) {
                list.push(case.id);
            }
        }
    }

    /// Applies one message to the working set.
    fn apply_one(
        &self,
        work: &mut Work,
        id: i64,
        basics: &Basics,
        mut a: Analysis,
        reprocess: bool,
    ) -> Stats {
        let mut stats = Stats {
            processed: 1,
            ..Stats::default()
        };
        let now = self.clock.now_str();
        let first_time = basics.state != "processed";
        if let Some(size) = basics.truncated_from {
            // only the header was stored (IMAP intake over max_message_bytes)
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            if !a
                .parsed
                .problems
                .iter()
                .any(|p| matches!(p, crate::parse::Problem::Oversized { .. }))
            {
                a.parsed
                    .problems
                    .insert(0, crate::parse::Problem::Oversized { size });
                a.columns.problems = to_json(&a.parsed.problems);
            }
        }
        let mut p = processed_base(&a);
        let automatic = a.class.kind.is_automatic();

        if a.unparseable() || (p.from_addr.is_empty() && !automatic) {
            // nothing to thread or answer: stored, marked, listed for staff
            p.state = if a.unparseable() {
                "unparseable"
            } else {
                "processed"
            };
            if !a.unparseable() {
                p.kind_reason = format!("{}; no sender address, so no case", p.kind_reason);
            }
            p.case_id = basics.case_id;
            p.seq = basics.seq;
            stats.unparseable += u64::from(a.unparseable());
            stats.unfiled += u64::from(basics.case_id.is_none());
            work.processed.push((id, p));
            return stats;
        }

        let found = match (reprocess, basics.case_id) {
            (true, Some(case_id)) if work.cases.contains_key(&case_id) => {
                Some((case_id, Match::Kept, None))
            }
            _ => self.thread(work, &a, automatic),
        };
        let Some((case_id, how, replied_to)) = found else {
            if automatic {
                stats.unfiled += 1;
                work.processed.push((id, p));
                return stats;
            }
            return self.open_case(work, id, &basics.message_id, a, p, first_time, stats);
        };

        stats.filed += 1;
        let from_key = address_key(&p.from_addr);
        let state = work
            .cases
            .get_mut(&case_id)
            .expect("threaded cases are in the working set");
        let before = state.case.clone();
        let is_new_here = basics.case_id != Some(case_id);
        p.seq = if is_new_here {
            state.case.message_count += 1;
            Some(state.case.take_seq())
        } else {
            basics.seq
        };
        p.case_id = Some(case_id);
        state.case.last_activity = now;
        state.dirty = true;

        let mut facts = Facts {
            matched_by: Some(format!("{how:?}").to_lowercase()),
            ..Facts::default()
        };
        let from_requester = !automatic && from_key == state.case.requester_key();
        let mut hard_bounce_of: Option<String> = None;
        if automatic {
            if a.class.kind == InboundKind::Bounce && bounced(&a) {
                p.flags.push(Flag::Bounced);
                if first_time {
                    hard_bounce_of = Some(state.case.requester_key());
                }
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
            let known: Vec<&str> = state.outs.iter().map(|o| o.body.as_str()).collect();
            if strip_known(&mut a.visible, &known) {
                a.refresh();
                p.visible_text = a.text.clone();
                p.segments = a.columns.segments.clone();
            }
            let asked_by = replied_to
                .as_ref()
                .filter(|o| !o.asked.is_empty())
                .or_else(|| state.outs.iter().rev().find(|o| !o.asked.is_empty()));
            if let Some(o) = asked_by {
                let interleaved =
                    extract::interleaved_answers(&a.visible.segments, &o.asked, &o.body);
                facts.answers = extract::answer(&a.extraction, &a.text, &o.asked, &interleaved);
                p.answers = (o.id > 0).then_some(o.id);
            }
            facts.extraction = a.extraction.clone();
            // a reply's subject repeats the case's subject: it states nothing new
            facts.extraction.statements.retain(|s| {
                !(s.strength == strength::SUBJECT && s.excerpt.starts_with("Subject: "))
            });
            facts.merged = true;
            p.flags.extend(message_flags(&a));
            if state.case.status == Status::Closed {
                state.case.status = Status::AwaitingInfo; // the requester answered after all: reopen
            }
        }
        facts.text_hash = text_hash(&a.text);
        // the same words sent again (a second press of Send, a resend "in case it got lost")
        // state nothing new: filed, not answered
        let repeat = from_requester
            && !facts.text_hash.is_empty()
            && state
                .msgs
                .iter()
                .any(|m| m.id != id && m.facts.text_hash == facts.text_hash);
        if repeat {
            p.kind_reason = format!(
                "{}; the same text as an earlier message of the case, so no automated mail",
                p.kind_reason
            );
        }
        p.extraction = to_json(&facts);
        let fm = FoldMsg {
            id,
            seq: p.seq.unwrap_or(0),
            message_id: basics.message_id.clone(),
            facts,
            flags: p.flags.clone(),
        };
        state.msgs.retain(|m| m.id != id);
        state.msgs.push(fm);
        state.msgs.sort_by_key(|m| m.seq);
        refold(&mut state.case, &state.msgs);
        work.processed.push((id, p));
        work.by_message_id
            .insert(basics.message_id.clone(), case_id);
        if let Some(requester) = hard_bounce_of {
            self.record_hard_bounce(work, &a, &requester, &basics.message_id);
        }

        let change = reply::Change {
            opened: false,
            from_requester,
            was_complete: before.missing().is_empty(),
            status_before: before.status,
            status_after: work.cases[&case_id].case.status,
        };
        if first_time
            && !repeat
            && let Some(kind) = reply::plan(&change, &work.cases[&case_id].case.missing())
        {
            let name = a
                .parsed
                .from
                .as_ref()
                .and_then(|m| m.name.clone())
                .unwrap_or_default();
            if self.queue(work, case_id, kind, id, &basics.message_id, &a, &name) {
                stats.replies_queued += 1;
            }
        }
        stats
    }

    /// Opens a case for a person's message that matched none.
    #[allow(clippy::too_many_arguments)]
    fn open_case(
        &self,
        work: &mut Work,
        id: i64,
        message_id: &str,
        a: Analysis,
        mut p: Processed,
        first_time: bool,
        mut stats: Stats,
    ) -> Stats {
        let now = self.clock.now_str();
        let case_id = work.temp_id();
        let reference = work
            .fresh_refs
            .pop()
            .unwrap_or_else(|| self.refs.generate());
        let mut case = Case {
            id: case_id,
            reference,
            status: Status::AwaitingInfo,
            requester: p.from_addr.clone(),
            subject: templates::one_line(&thread::without_gateway_tags(&a.parsed.subject)),
            fields: Default::default(),
            sources: Default::default(),
            flags: Default::default(),
            manual: Default::default(),
            next_seq: 1,
            message_count: 1,
            created_at: now.clone(),
            last_activity: now,
        };
        stats.cases_opened += 1;
        p.case_id = Some(case_id);
        p.seq = Some(0);
        p.kind = Some(InboundKind::Request);
        p.flags.extend(message_flags(&a));
        let facts = Facts {
            extraction: a.extraction.clone(),
            answers: Vec::new(),
            merged: true,
            matched_by: None,
            text_hash: text_hash(&a.text),
        };
        p.extraction = to_json(&facts);
        let msgs = vec![FoldMsg {
            id,
            seq: 0,
            message_id: message_id.to_string(),
            facts,
            flags: p.flags.clone(),
        }];
        refold(&mut case, &msgs);
        self.index_case(work, &case);
        work.by_message_id.insert(message_id.to_string(), case_id);
        work.cases.insert(
            case_id,
            CaseState {
                subject_key: thread::normalise_subject(&case.subject),
                case,
                msgs,
                outs: Vec::new(),
                new: true,
                dirty: true,
            },
        );
        work.processed.push((id, p));
        if first_time {
            let name = a
                .parsed
                .from
                .as_ref()
                .and_then(|m| m.name.clone())
                .unwrap_or_default();
            if self.queue(
                work,
                case_id,
                OutboundKind::Acknowledgement,
                id,
                message_id,
                &a,
                &name,
            ) {
                stats.replies_queued += 1;
            }
        }
        stats
    }

    /// Finds the case a message belongs to: headers (and a DSN's original id), the signed
    /// token, the subject tag, then the careful fallback (persons only).
    fn thread(
        &self,
        work: &Work,
        a: &Analysis,
        automatic: bool,
    ) -> Option<(i64, Match, Option<OutLite>)> {
        for mid in candidate_ids(a) {
            if let Some(case_id) = work
                .by_message_id
                .get(&mid)
                .filter(|c| work.cases.contains_key(c))
            {
                return Some((*case_id, Match::Header, work.outbound.get(&mid).cloned()));
            }
            if let Some(case_id) = self
                .signer
                .verify(&mid)
                .and_then(|r| work.by_reference.get(&r))
            {
                return Some((*case_id, Match::Signed, None));
            }
        }
        for reference in self.refs.find_all(&a.parsed.subject) {
            if let Some(case_id) = work.by_reference.get(&reference) {
                return Some((*case_id, Match::Tag, None));
            }
        }
        let from = address_key(&a.parsed.from_address());
        let subject_key = thread::normalise_subject(&a.parsed.subject);
        // a forward without threading headers is new mail on the same matter, not a reply
        if automatic
            || from.is_empty()
            || subject_key.is_empty()
            || thread::is_forward_subject(&a.parsed.subject)
        {
            return None;
        }
        let since =
            timestamp(self.clock.now() - chrono::Duration::days(self.settings.fallback_days));
        work.open_by_requester
            .get(&from)?
            .iter()
            .filter_map(|id| work.cases.get(id))
            .filter(|s| {
                s.case.status.is_open()
                    && s.subject_key == subject_key
                    && s.case.last_activity >= since
                    && !names_another_account(a, &s.case)
            })
            .max_by(|x, y| x.case.last_activity.cmp(&y.case.last_activity))
            .map(|s| (s.case.id, Match::Fallback, None))
    }

    /// Renders and queues an automated message for a case in the working set. Returns true
    /// when it is queued for sending; false when a loop brake recorded it as `suppressed` (or
    /// its template failed).
    #[allow(clippy::too_many_arguments)]
    fn queue(
        &self,
        work: &mut Work,
        case_id: i64,
        kind: OutboundKind,
        trigger_id: i64,
        trigger_message_id: &str,
        a: &Analysis,
        name: &str,
    ) -> bool {
        let outbox_temp = work.temp_id();
        let to_key = work.cases[&case_id].case.requester_key();
        let brake = loop_brake(
            &self.settings,
            &to_key,
            work.automated_today.get(&to_key).copied().unwrap_or(0),
            work.suppressed.get(&to_key),
        );
        let state = work
            .cases
            .get_mut(&case_id)
            .expect("queued for a case in the working set");
        let case = &mut state.case;
        let asked: Vec<Field> = match kind {
            OutboundKind::Complete => Vec::new(),
            _ => case.missing(),
        };
        let mut references: Vec<String> = a.parsed.references.clone();
        if !references.iter().any(|r| r == trigger_message_id) {
            references.push(trigger_message_id.to_string());
        }
        let keep = references.len().saturating_sub(20);
        let references = references.split_off(keep);
        let queued = brake.is_none();
        let row = self.automated(
            case,
            Automated {
                kind,
                name,
                understood: understood(case),
                asked,
                grace_days: 0,
                trigger_id: Some(trigger_id),
                in_reply_to: trigger_message_id.to_string(),
                references,
                brake,
            },
        );
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), case = %case.reference, "template failed; no automated mail queued");
                return false;
            }
        };
        if queued {
            state.outs.push(OutLite {
                id: outbox_temp,
                case_id,
                seq: row.seq,
                message_id: row.message_id.clone(),
                kind,
                body: row.body.clone(),
                asked: row.asked.clone(),
                trigger_id: Some(trigger_id),
            });
            work.by_message_id.insert(row.message_id.clone(), case_id);
            *work.automated_today.entry(to_key).or_default() += 1;
        }
        work.queued.push(row);
        queued
    }

    /// A hard bounce of our mail: no automated mail to the failed recipients (or, when the
    /// bounce names none, to the case's requester) for `bounce_suppression_days`. A refusal
    /// that says the address is fine (spam or policy, a full mailbox) suppresses nothing.
    fn record_hard_bounce(&self, work: &mut Work, a: &Analysis, requester: &str, message_id: &str) {
        let days = self.settings.bounce_suppression_days;
        if days <= 0 {
            return;
        }
        let failed: Vec<&crate::report::RecipientStatus> = a
            .parsed
            .report
            .iter()
            .flat_map(|r| r.recipients.iter().filter(|x| x.is_failure()))
            .collect();
        let mut keys: Vec<String> = failed
            .iter()
            .filter(|x| x.is_address_failure())
            .map(|x| address_key(&x.recipient))
            .filter(|k| !k.is_empty())
            .collect();
        if failed.is_empty() {
            keys.push(requester.to_string());
        }
        let until = timestamp(self.clock.now() + chrono::Duration::days(days));
        for key in keys {
            let reason = format!("hard bounce <{message_id}>");
            work.suppressed
                .insert(key.clone(), format!("{reason} (until {until})"));
            work.new_suppressions.push((key, reason, until.clone()));
        }
    }

    /// Writes the working set: new cases (getting their real ids), changed cases, messages,
    /// outbound mail; then flags possible duplicates.
    async fn write(&self, tx: &mut Tx, mut work: Work) -> anyhow::Result<()> {
        let new: Vec<&Case> = work
            .cases
            .values()
            .filter(|s| s.new)
            .map(|s| &s.case)
            .collect();
        let assigned = batch::insert_cases(tx, &new).await?;
        let mut real: HashMap<i64, i64> = HashMap::new();
        for s in work.cases.values().filter(|s| s.new) {
            if let Some(id) = assigned.get(&s.case.reference) {
                real.insert(s.case.id, *id);
            }
        }
        let map = |id: i64| {
            if id < 0 {
                real.get(&id).copied().unwrap_or(id)
            } else {
                id
            }
        };
        for s in work.cases.values_mut() {
            s.case.id = map(s.case.id);
        }
        let changed: Vec<&Case> = work
            .cases
            .values()
            .filter(|s| s.dirty && !s.new)
            .map(|s| &s.case)
            .collect();
        batch::update_cases(tx, &changed).await?;
        for (_, p) in &mut work.processed {
            p.case_id = p.case_id.map(map);
        }
        batch::update_messages(tx, &work.processed).await?;
        for q in &mut work.queued {
            q.case_id = map(q.case_id);
        }
        batch::insert_outbox(tx, &work.queued).await?;
        let now = self.clock.now_str();
        for (key, reason, until) in &work.new_suppressions {
            limits::suppress(tx, key, reason, until, &now).await?;
        }

        // possible duplicates: open cases sharing a requester or a username
        let touched: Vec<&Case> = work
            .cases
            .values()
            .filter(|s| s.dirty && s.case.status.is_open())
            .map(|s| &s.case)
            .collect();
        if touched.is_empty() {
            return Ok(());
        }
        let keys: Vec<String> = touched
            .iter()
            .map(|c| c.requester_key())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let names: Vec<String> = touched
            .iter()
            .filter_map(|c| c.fields.username.as_ref().map(|u| u.to_lowercase()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let open = batch::open_cases_matching(tx, &keys, &names).await?;
        let mut flag: BTreeSet<i64> = BTreeSet::new();
        for c in &touched {
            let (rk, un) = (
                c.requester_key(),
                c.fields.username.as_ref().map(|u| u.to_lowercase()),
            );
            let others: Vec<i64> = open
                .iter()
                .filter(|(id, k, u)| *id != c.id && (*k == rk || (un.is_some() && *u == un)))
                .map(|(id, _, _)| *id)
                .collect();
            if !others.is_empty() {
                flag.insert(c.id);
                flag.extend(others);
            }
        }
        let mut to_update: Vec<Case> = Vec::new();
        let mut missing_ids: Vec<i64> = Vec::new();
        for id in flag {
            match work.cases.values().find(|s| s.case.id == id) {
                Some(s) if !s.case.flags.contains(&Flag::PossibleDuplicate) => {
                    let mut c = s.case.clone();
                    c.flags.insert(Flag::PossibleDuplicate);
                    to_update.push(c);
                }
                Some(_) => {}
                None => missing_ids.push(id),
            }
        }
        for mut c in batch::load_cases(tx, &missing_ids).await? {
            if c.flags.insert(Flag::PossibleDuplicate) {
                to_update.push(c);
            }
        }
        batch::update_cases(tx, &to_update.iter().collect::<Vec<_>>()).await?;
        Ok(())
    }
}

/// Whether a message names an account other than the case's (then a same-subject mail from
/// the same requester is a new request about another account, not a follow-up).
fn names_another_account(a: &Analysis, case: &Case) -> bool {
    let said = a.extraction.fields().username;
    matches!((said, &case.fields.username), (Some(new), Some(old)) if !new.eq_ignore_ascii_case(old))
}

/// Why an automated message to `to_key` must not be sent, if it must not: our own address, an
/// address under suppression (hard bounce), or the per-address daily limit reached.
pub(crate) fn loop_brake(
    settings: &super::Settings,
    to_key: &str,
    automated_today: u32,
    suppressed: Option<&String>,
) -> Option<String> {
    if to_key.is_empty() || settings.own_keys.iter().any(|k| k == to_key) {
        return Some("not sent: the address is our own".into());
    }
    if let Some(why) = suppressed {
        return Some(format!("not sent: the address is suppressed after a {why}"));
    }
    let cap = settings.per_address_per_day;
    if cap > 0 && automated_today >= cap {
        return Some(format!(
            "not sent: {cap} automated messages to this address in 24 hours (limits.per_address_per_day)"
        ));
    }
    None
}

/// The ids a message names, in the order to try them: a DSN's original message first, then
/// In-Reply-To, then References newest first.
fn candidate_ids(a: &Analysis) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    if let Some(orig) = a
        .parsed
        .report
        .as_ref()
        .and_then(|r| r.original_message_id.clone())
    {
        ids.push(orig);
    }
    // a bounce that is no RFC 3464 report ("系统退信" with the returned mail attached) names
    // the mail it returns only by enclosing it
    if a.class.kind == InboundKind::Bounce
        && let Some(enclosed) = &a.parsed.enclosed_message_id
        && !ids.contains(enclosed)
    {
        ids.push(enclosed.clone());
    }
    for id in thread::reply_ids(&a.parsed.in_reply_to, &a.parsed.references) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The columns every message gets, whatever happens to it.
fn processed_base(a: &Analysis) -> Processed {
    let parsed = &a.parsed;
    let c = &a.columns;
    Processed {
        state: "processed",
        kind: Some(a.class.kind),
        kind_reason: a.class.reason.clone(),
        from_addr: parsed.from_address(),
        from_name: parsed.from.as_ref().and_then(|m| m.name.clone()),
        to_addrs: parsed
            .to
            .iter()
            .chain(&parsed.cc)
            .map(|m| m.address.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        subject: parsed.subject.clone(),
        date: parsed.date.clone(),
        visible_text: a.text.clone(),
        segments: c.segments.clone(),
        extraction: String::new(),
        problems: c.problems.clone(),
        attachments: c.attachments.clone(),
        report: c.report.clone(),
        auth: c.auth.clone(),
        ..Processed::default()
    }
}

/// Flags a requester's own message raises.
fn message_flags(a: &Analysis) -> Vec<Flag> {
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
    if a.auth.unauthenticated {
        f.push(Flag::UnauthenticatedSender);
    }
    f
}

/// Recomputes a case's fields, sources, flags and (automatic) status from its messages in
/// thread order: a later statement replaces an earlier one; a reason stays unless a later one
/// is given explicitly; a withdrawal moves an automatic status to `withdrawn`; values staff set
/// by hand win over all of it.
pub(crate) fn refold(case: &mut Case, msgs: &[FoldMsg]) {
    let keep_dup = case.flags.contains(&Flag::PossibleDuplicate);
    case.fields = Default::default();
    case.sources.clear();
    case.flags.clear();
    if keep_dup {
        case.flags.insert(Flag::PossibleDuplicate);
    }
    let mut withdrawn = false;
    for m in msgs {
        case.flags.extend(m.flags.iter().copied());
        if !m.facts.merged {
            continue;
        }
        let mut stmts = m.facts.extraction.statements.clone();
        for ans in &m.facts.answers {
            if !stmts.iter().any(|s| s.field == ans.field) {
                stmts.push(ans.clone());
            }
        }
        for s in stmts {
            if s.field == Field::Reason
                && case.fields.reason.is_some()
                && s.strength < strength::EXPLICIT
            {
                continue;
            }
            if case.fields.set(s.field, s.value.clone()) {
                case.sources.insert(
                    s.field,
                    Source {
                        message_id: format!("<{}>", m.message_id),
                        excerpt: s.excerpt.clone(),
                        by_staff: None,
                    },
                );
            }
        }
        withdrawn |= m.facts.extraction.withdrawn.is_some();
    }
    for (field, mv) in &case.manual {
        match &mv.value {
            Some(v) => {
                case.fields.set(*field, v.clone());
            }
            None => case.fields.clear(*field),
        }
        case.sources.insert(
            *field,
            Source {
                message_id: String::new(),
                excerpt: format!("set by {} at {}", mv.staff, mv.at),
                by_staff: Some(mv.staff.clone()),
            },
        );
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
        out.push(format!(
            "recovery codes: {}",
            FieldValue::Codes(c).display()
        ));
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

/// Re-labels our own outbound text pasted back without `>` markers as quoted, and answers typed
/// inside a quote of our mail as new; true when anything moved (the visible text must then be
/// read again).
fn strip_known(v: &mut Visible, known: &[&str]) -> bool {
    if known.is_empty() {
        return false;
    }
    let before = v.segments.clone();
    crate::visible::answers_inside_our_quote(v, known);
    crate::visible::strip_known(v, known);
    v.segments != before
}

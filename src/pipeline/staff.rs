//! What staff do to a case, each in one transaction with its audit entry: change the status,
//! correct a field by hand (the manual value wins over extraction), add an internal note, and
//! reply to the requester through the outbox (`staff_reply`, threaded like automated mail).

use super::Pipeline;
use super::apply::{FoldMsg, refold};
use crate::domain::{Case, Field, FieldValue, ManualValue, OutboundKind, Status};
use crate::reply::templates;
use crate::store::outbox::NewOutbound;
use crate::store::{Tx, batch, cases, staff_log};
use anyhow::{Context as _, bail};

impl Pipeline {
    async fn case_for_update(&self, tx: &mut Tx, reference: &str) -> anyhow::Result<Case> {
        let canonical = self
            .refs
            .parse(reference)
            .unwrap_or_else(|| reference.trim().to_ascii_uppercase());
        cases::by_reference(tx, &canonical)
            .await?
            .with_context(|| format!("no case {reference:?}"))
    }

    async fn refold_case(&self, tx: &mut Tx, case: &mut Case) -> anyhow::Result<()> {
        let mut msgs: Vec<FoldMsg> = batch::fold_rows(tx, &[case.id])
            .await?
            .into_iter()
            .map(FoldMsg::from_row)
            .collect();
        msgs.sort_by_key(|m| m.seq());
        refold(case, &msgs);
        Ok(())
    }

    /// Sets a case's status. `awaiting_info`/`ready_for_review` hand the case back to
    /// mailcase, which then derives which of the two from the fields.
    pub async fn staff_set_status(
        &self,
        reference: &str,
        status: Status,
        staff: &str,
    ) -> anyhow::Result<Case> {
        let mut tx = self.store.begin().await?;
        let mut case = self.case_for_update(&mut tx, reference).await?;
        let before = case.status;
        case.status = status;
        if status.is_automatic() {
            self.refold_case(&mut tx, &mut case).await?;
        }
        case.last_activity = self.clock.now_str();
        cases::save(&mut tx, &case).await?;
        staff_log::audit(
            &mut tx,
            case.id,
            staff,
            "status",
            &format!("status {before} → {}", case.status),
            &case.last_activity,
        )
        .await?;
        crate::store::search::flush(&mut tx).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// Sets (or, with `None`, clears) a field by hand; the value wins over extraction until
    /// staff change it again.
    pub async fn staff_set_field(
        &self,
        reference: &str,
        field: Field,
        value: Option<FieldValue>,
        staff: &str,
    ) -> anyhow::Result<Case> {
        let mut tx = self.store.begin().await?;
        let mut case = self.case_for_update(&mut tx, reference).await?;
        let now = self.clock.now_str();
        let shown = value
            .as_ref()
            .map(FieldValue::display)
            .unwrap_or_else(|| "(cleared)".into());
        case.manual.insert(
            field,
            ManualValue {
                value,
                staff: staff.to_string(),
                at: now.clone(),
            },
        );
        self.refold_case(&mut tx, &mut case).await?;
        case.last_activity = now.clone();
        cases::save(&mut tx, &case).await?;
        staff_log::audit(
            &mut tx,
            case.id,
            staff,
            "field",
            &format!("{} set to {shown}", field.as_str()),
            &now,
        )
        .await?;
        crate::store::search::flush(&mut tx).await?;
        tx.commit().await?;
        Ok(case)
    }

    /// Adds an internal note (never sent to anyone).
    pub async fn staff_add_note(
        &self,
        reference: &str,
        body: &str,
        staff: &str,
    ) -> anyhow::Result<i64> {
        let body = body.trim();
        if body.is_empty() {
            bail!("a note needs some text");
        }
        let mut tx = self.store.begin().await?;
        let case = self.case_for_update(&mut tx, reference).await?;
        let now = self.clock.now_str();
        let id = staff_log::add_note(&mut tx, case.id, staff, body, &now).await?;
        staff_log::audit(&mut tx, case.id, staff, "note", "internal note added", &now).await?;
        crate::store::search::flush(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Queues a reply from staff to the requester, threaded to the requester's latest message.
    pub async fn staff_reply(
        &self,
        reference: &str,
        body: &str,
        staff: &str,
    ) -> anyhow::Result<i64> {
        let text = body.trim();
        if text.is_empty() {
            bail!("a reply needs some text");
        }
        let mut tx = self.store.begin().await?;
        let mut case = self.case_for_update(&mut tx, reference).await?;
        let thread = crate::store::messages::of_case(&mut tx, case.id).await?;
        let outbound = crate::store::outbox::of_case(&mut tx, case.id).await?;
        let requester_key = case.requester_key();
        let answered = thread
            .iter()
            .rev()
            .find(|m| crate::domain::address_key(&m.from) == requester_key)
            .or_else(|| thread.last())
            .map(|m| m.message_id.clone());
        let mut chain: Vec<(i64, String)> = thread
            .iter()
            .map(|m| (m.seq, m.message_id.clone()))
            .collect();
        chain.extend(outbound.iter().map(|o| (o.seq, o.message_id.clone())));
        chain.sort();
        let mut references: Vec<String> = chain.into_iter().map(|(_, id)| id).collect();
        let keep = references.len().saturating_sub(20);
        let references = references.split_off(keep);
        let subject = templates::one_line(&format!("Re: [{}] {}", case.reference, case.subject));
        let body = format!("{text}\n\n-- \n{}\n", self.settings.support_name);
        let message_id = self.signer.message_id(&case.reference);
        let now = self.clock.now();
        let raw = self.compose_to_requester(
            &case,
            &subject,
            &body,
            &message_id,
            answered.as_deref(),
            references,
            false,
        );
        let row = NewOutbound {
            case_id: case.id,
            seq: case.take_seq(),
            kind: OutboundKind::StaffReply,
            trigger_id: None,
            in_reply_to: answered.clone(),
            message_id: message_id.clone(),
            from_addr: self.settings.support_address.clone(),
            to_addr: case.requester.clone(),
            subject,
            body,
            raw,
            asked: Vec::new(),
            created_at: crate::clock::timestamp(now),
            status: crate::domain::OutboxStatus::Queued,
            last_error: None,
        };
        let ids = batch::insert_outbox(&mut tx, &[row]).await?;
        case.last_activity = crate::clock::timestamp(now);
        cases::save(&mut tx, &case).await?;
        staff_log::audit(
            &mut tx,
            case.id,
            staff,
            "reply",
            "reply sent to the requester",
            &case.last_activity,
        )
        .await?;
        crate::store::search::flush(&mut tx).await?;
        tx.commit().await?;
        ids.get(&message_id)
            .copied()
            .context("the reply was not queued")
    }
}

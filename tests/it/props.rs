//! Property tests: random and mutated messages through the whole pipeline (parse → classify →
//! strip → extract → thread → replies) never panic, and every distinct message is stored.

use mailcase::clock::Clock;
use mailcase::config::Config;
use mailcase::pipeline::{Incoming, Pipeline};
use mailcase::store::Store;
use proptest::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

const SEEDS: &[&str] = &[
    "From: Jane Roe <jane@example.org>\r\nTo: support@mailcase.localhost\r\nSubject: Locked out\r\nMessage-ID: <seed-1@example.org>\r\n\r\nMy PyPI username is janeroe. I lost my phone. I never saved the recovery codes.\r\n",
    "From: Jane Roe <jane@example.org>\r\nSubject: Re: [MC-0000000] Locked out\r\nIn-Reply-To: <seed-1@example.org>\r\nReferences: <seed-1@example.org>\r\nMessage-ID: <seed-2@example.org>\r\n\r\n1. yes\r\n2. yes\r\n\r\nOn Mon, Feb 9, 2026 at 10:00 AM Support <support@mailcase.localhost> wrote:\r\n> 1. Can you still read mail?\r\n",
    "From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <seed-3@mx.example>\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; jane@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <seed-1@example.org>\r\n\r\n--b--\r\n",
    "From: \"=?utf-8?B?6ZmI?=\" <chen@example.com>\r\nSubject: =?utf-8?Q?Account_=E2=9C=93?=\r\nMessage-ID: <seed-4@example.com>\r\nContent-Type: multipart/alternative; boundary=x\r\n\r\n--x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<div>### PyPI Username</div><div>`chen`</div><blockquote>old</blockquote><script>alert(1)</script>\r\n--x--\r\n",
    "Subject: no from, no id\r\n\r\npassword: hunter22 and code 5e0c2b9a17f4d386\r\n",
];

const FRAGMENTS: &[&str] = &[
    "My username is ",
    "pypi.org/user/",
    "I lost my phone",
    "recovery codes",
    "are rejected",
    "I agree to follow the Code of Conduct",
    "I understand it may take a while",
    "I no longer have access to my email",
    "\r\n",
    "\n\n",
    "> ",
    "On Mon wrote:",
    "-- \r\n",
    "Sent from my iPhone",
    "<b>",
    "</div>",
    "=?utf-8?q?x?=",
    "Content-Type: multipart/mixed; boundary=",
    "--",
    "\u{fffd}",
    "é",
    "[x] ",
    "### Reason",
    "1. yes",
    "please disregard",
    "test.pypi.org",
    "hacked",
    "5e0c2b9a17f4d386",
    "MC-ABCDE1",
];

fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        0..SEEDS.len(),
        prop::collection::vec((any::<u16>(), any::<u8>(), 0u8..4), 0..12),
    )
        .prop_map(|(i, edits)| {
            let mut b = SEEDS[i].as_bytes().to_vec();
            for (pos, byte, op) in edits {
                if b.is_empty() {
                    b.push(byte);
                    continue;
                }
                let p = pos as usize % b.len();
                match op {
                    0 => b[p] = byte,
                    1 => b.insert(p, byte),
                    2 => {
                        b.remove(p);
                    }
                    _ => {
                        let frag = FRAGMENTS[byte as usize % FRAGMENTS.len()].as_bytes();
                        b.splice(p..p, frag.iter().copied());
                    }
                }
            }
            b
        })
}

fn assembled() -> impl Strategy<Value = Vec<u8>> {
    (prop::collection::vec(0..FRAGMENTS.len(), 0..40), any::<u8>()).prop_map(|(frags, n)| {
        let mut s = format!("From: p{n}@example.org\r\nSubject: help {n}\r\nMessage-ID: <gen-{n}@example.org>\r\n\r\n");
        for f in frags {
            s.push_str(FRAGMENTS[f]);
        }
        s.into_bytes()
    })
}

fn message() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        mutated(),
        assembled()
    ]
}

fn dedup_key(raw: &[u8]) -> String {
    mailcase::parse::scan_message_id(raw).unwrap_or_else(|| {
        Sha256::digest(raw)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_and_mutated_mail_never_panics_and_is_always_stored(msgs in prop::collection::vec(message(), 1..10)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (stored, pending) = rt.block_on(async {
            let mut cfg = Config::default();
            cfg.validate().unwrap();
            let store = Store::open_memory().await.unwrap();
            let clock = Clock::fixed_from_str("2026-02-10T12:00:00Z").unwrap();
            let pipeline = Pipeline::new(&cfg, store.clone(), clock).await.unwrap();
            let batch: Vec<Incoming> = msgs.iter().map(|m| Incoming { raw: m.clone(), source: "proptest".into(), truncated_from: None }).collect();
            // twice: the second run must be all duplicates
            pipeline.ingest(batch.clone()).await.unwrap();
            let again = pipeline.ingest(batch).await.unwrap();
            assert_eq!(again.stored, 0);
            let mut conn = store.conn().await.unwrap();
            let listed = mailcase::store::messages::list(&mut conn).await.unwrap();
            let pending = listed.iter().filter(|m| m.state == "pending").count();
            (listed.len(), pending)
        });
        let distinct: HashSet<String> = msgs.iter().map(|m| dedup_key(m)).collect();
        prop_assert_eq!(stored, distinct.len());
        prop_assert_eq!(pending, 0);
    }
}

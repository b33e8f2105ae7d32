//! Every message and mbox file of the shared corpus goes through `mailcase ingest` in one run:
//! none may fail the run, every message must be stored and listed, and none of the automatic
//! messages (bounces, auto-replies, complaints, receipts) may open a case or get a reply.

use crate::support::shared_dir;
use mailcase::intake::files::MboxReader;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::process::Command;

/// The id mailcase stores a message under: its Message-ID, or one derived from its hash.
fn stored_id(raw: &[u8]) -> String {
    match mailcase::parse::scan_message_id(raw) {
        Some(id) => id,
        None => {
            let sha: String = Sha256::digest(raw)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{}@no-message-id.invalid", &sha[..32])
        }
    }
}

#[test]
fn the_whole_corpus_ingests_is_listed_and_automatic_mail_is_never_answered() {
    let Some(shared) =
        shared_dir("the_whole_corpus_ingests_is_listed_and_automatic_mail_is_never_answered")
    else {
        return;
    };
    let corpus = shared.join("corpus");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(corpus.join("index.json")).unwrap()).unwrap();
    let mut paths = Vec::new();
    let mut expected: HashMap<String, bool> = HashMap::new(); // stored id -> never_answer
    for f in index["files"].as_array().unwrap() {
        let role = f["role"].as_str().unwrap_or("");
        if role != "message" && role != "mbox" {
            continue;
        }
        let path = corpus.join(f["path"].as_str().unwrap());
        let never = f["expect"]["never_answer"].as_bool().unwrap_or(false);
        let raw = std::fs::read(&path).unwrap();
        let as_mbox = matches!(
            mailcase::intake::files::classify_file(&path),
            Ok(mailcase::intake::files::Input::Mbox(_))
        );
        assert_eq!(
            as_mbox,
            role == "mbox",
            "{} is read as the corpus says it is",
            path.display()
        );
        if as_mbox {
            let mut r = MboxReader::new(std::io::Cursor::new(raw));
            while let Some(m) = r.next_message().unwrap() {
                let e = expected.entry(stored_id(&m)).or_insert(false);
                *e |= never;
            }
        } else {
            let e = expected.entry(stored_id(&raw)).or_insert(false);
            *e |= never;
        }
        paths.push(path);
    }
    assert!(
        paths.len() > 1000,
        "the corpus has over a thousand files, found {}",
        paths.len()
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("corpus.db");
    let t = std::time::Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(dir.path())
        .env("RUST_LOG", "mailcase=warn")
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .args(&paths)
        .output()
        .unwrap();
    println!(
        "ingested {} corpus files in {:.1} s: {}",
        paths.len(),
        t.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&out.stdout).trim()
    );
    assert!(
        out.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let listed = Command::new(env!("CARGO_BIN_EXE_mailcase"))
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["messages", "--json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let by_id: HashMap<String, &serde_json::Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["message_id"]
                    .as_str()
                    .unwrap()
                    .trim_matches(['<', '>'])
                    .to_string(),
                m,
            )
        })
        .collect();
    let missing: Vec<&String> = expected
        .keys()
        .filter(|id| !by_id.contains_key(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} messages not listed, e.g. {:?}",
        missing.len(),
        &missing[..missing.len().min(5)]
    );

    // automatic messages: never a person's kind, never the opener of a case, never answered
    let rt = tokio::runtime::Runtime::new().unwrap();
    let answered: HashSet<String> = rt.block_on(async {
        let store = mailcase::store::Store::open(&db).await.unwrap();
        let mut conn = store.conn().await.unwrap();
        let cases = mailcase::store::cases::list(&mut conn, &Default::default())
            .await
            .unwrap();
        let mut answered = HashSet::new();
        for c in cases {
            let v = mailcase::view::load(&mut conn, c).await.unwrap();
            let json = mailcase::view::case_json(&v);
            for m in json["messages"].as_array().unwrap() {
                if let Some(irt) = m["in_reply_to"].as_str() {
                    answered.insert(irt.trim_matches(['<', '>']).to_string());
                }
            }
        }
        answered
    });
    let mut wrong = Vec::new();
    let never: Vec<&String> = expected
        .iter()
        .filter(|(_, n)| **n)
        .map(|(id, _)| id)
        .collect();
    for id in &never {
        let m = by_id[*id];
        let kind = m["kind"].as_str().unwrap_or("");
        if kind == "request" || kind == "follow_up" || answered.contains(*id) {
            wrong.push(format!("{id} ({kind})"));
        }
    }
    println!(
        "never-answer messages: {}, answered or filed as a person's: {}",
        never.len(),
        wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "automatic mail treated as a person's: {wrong:?}"
    );
}

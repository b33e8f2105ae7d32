//! The command line: what the user said ([`Cli`]) and what each command does. Data goes to
//! stdout (tables, `--json`), logs to stderr.

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::{Field, Flag, Status};
use crate::intake::files;
use crate::outbox;
use crate::pipeline::{Pipeline, Stats, analyze};
use crate::store::{Store, cases, messages};
use crate::view;
use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "mailcase",
    version,
    about = "Turns a support mailbox into threaded, structured account-recovery cases"
)]
pub struct Cli {
    /// Database file (overrides the config's `database` and MAILCASE_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Config file.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        default_value = "config/mailcase.toml"
    )]
    pub config: PathBuf,
    /// Pin the clock to this RFC 3339 time (tests, replays); also MAILCASE_NOW.
    #[arg(long, global = true, value_name = "TIME", env = "MAILCASE_NOW")]
    pub now: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Store and process .eml files, mbox files and Maildir folders, in the order given.
    Ingest {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Run the daemon: watch the intake, deliver the outbox (Ctrl-C stops after the message in hand).
    Run {
        /// Scan and deliver once, then exit.
        #[arg(long)]
        once: bool,
    },
    /// Re-run the pipeline on stored messages (no automated mail is sent twice).
    Reprocess {
        /// One message, by Message-ID.
        #[arg(long, value_name = "MESSAGE-ID", conflicts_with_all = ["case", "all"])]
        message: Option<String>,
        /// Every message of a case.
        #[arg(long, value_name = "REF", conflicts_with = "all")]
        case: Option<String>,
        /// Every stored message.
        #[arg(long)]
        all: bool,
    },
    /// List cases.
    Cases {
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        #[arg(long, value_name = "FLAG")]
        flag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one case.
    Case {
        #[command(subcommand)]
        command: CaseCommand,
    },
    /// List every stored inbound message with its kind and case.
    Messages {
        #[arg(long)]
        json: bool,
    },
    /// Explain how one message file is read (no database touched).
    Inspect {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Deliver due outbound mail once.
    Deliver,
    /// Where intake stands per mailbox (last poll, UIDVALIDITY, UID position, backlog) and the
    /// outbox queue (queued, retrying, failed, uncertain), with rows that need a person.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// One pass of the scheduler: reminders and closing for non-response (as the daemon does
    /// every `schedule.interval_secs`; use --now to test, or cron).
    Tick,
    /// Outbound mail that needs a decision: list it, send it once more, or record it as sent.
    Outbox {
        #[command(subcommand)]
        command: OutboxCommand,
    },
    /// Serve the staff web UI (bound to 127.0.0.1:8025 unless told otherwise).
    Serve {
        /// Address and port, e.g. 127.0.0.1:8025 (default: the config's web.listen, else that).
        #[arg(long, value_name = "ADDR:PORT")]
        listen: Option<String>,
    },
    /// Manage staff accounts of the web UI.
    Staff {
        #[command(subcommand)]
        command: crate::web::StaffCommand,
    },
    /// Measure: each analysis stage alone, then `ingest` end to end on a fresh database.
    Bench {
        /// mbox files, .eml files or Maildir folders (e.g. from ../shared/tools/gen-mailload).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Skip the per-stage timings.
        #[arg(long)]
        no_stages: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Rows by status (default: uncertain and failed).
    List {
        #[arg(long, value_name = "STATUS")]
        status: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Send an `uncertain` or `failed` row again (check first that it did not arrive).
    Requeue { id: i64 },
    /// Record an `uncertain` row as sent (it arrived after all).
    MarkSent { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// The thread, fields with where they came from, and flags.
    Show {
        reference: String,
        #[arg(long)]
        json: bool,
    },
    /// Change the status (in_review, resolved, rejected, withdrawn, closed; awaiting_info or
    /// ready_for_review hand the case back to mailcase).
    Status {
        reference: String,
        status: String,
        /// Who does it (recorded in the audit log).
        #[arg(
            long = "as",
            value_name = "STAFF",
            env = "USER",
            default_value = "staff"
        )]
        staff: String,
    },
    /// Correct a field by hand (an empty value clears it); the manual value wins over mail.
    Set {
        reference: String,
        field: String,
        value: String,
        #[arg(
            long = "as",
            value_name = "STAFF",
            env = "USER",
            default_value = "staff"
        )]
        staff: String,
    },
    /// Add an internal note.
    Note {
        reference: String,
        text: String,
        #[arg(
            long = "as",
            value_name = "STAFF",
            env = "USER",
            default_value = "staff"
        )]
        staff: String,
    },
    /// Reply to the requester through the outbox (the text is read from stdin when not given).
    Reply {
        reference: String,
        text: Option<String>,
        #[arg(
            long = "as",
            value_name = "STAFF",
            env = "USER",
            default_value = "staff"
        )]
        staff: String,
    },
}

/// Loads the config (`--db` applied last).
pub fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let explicit = cli.config != Path::new("config/mailcase.toml");
    let mut cfg = Config::load(&cli.config, explicit)?;
    if let Some(db) = &cli.db {
        cfg.database = db.clone();
    }
    Ok(cfg)
}

fn clock(cli: &Cli) -> anyhow::Result<Clock> {
    match &cli.now {
        Some(s) => Clock::fixed_from_str(s),
        None => Ok(Clock::System),
    }
}

async fn open_store(cfg: &Config) -> anyhow::Result<Store> {
    Store::open(&cfg.database).await
}

/// Runs a command, writing data to `out`.
pub async fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    if let Command::Inspect { file, json } = &cli.command {
        return inspect(&cli, file, *json, out);
    }
    let cfg = load_config(&cli)?;
    let clock = clock(&cli)?;
    match &cli.command {
        Command::Ingest { paths } => {
            let inputs = files::resolve(paths)?;
            let store = open_store(&cfg).await?;
            let pipeline = Pipeline::new(&cfg, store.clone(), clock).await?;
            let mut stats = pipeline.process_pending().await?;
            let mut reader = files::Reader::new(inputs, crate::pipeline::BATCH);
            stats += pipeline
                .ingest_stream(std::iter::from_fn(|| reader.next_batch().transpose()))
                .await?;
            print_stats(out, &stats)?;
            store.flush_search().await?;
            store.close().await;
        }
        Command::Run { once } => run_daemon(&cfg, clock, *once).await?,
        Command::Reprocess { message, case, all } => {
            let store = open_store(&cfg).await?;
            let pipeline = Pipeline::new(&cfg, store.clone(), clock).await?;
            let sel = if let Some(m) = message {
                messages::Reselect::MessageId(m.trim().trim_matches(['<', '>']).to_string())
            } else if let Some(r) = case {
                let c = find_case(&store, pipeline.references(), r).await?;
                messages::Reselect::Case(c.id)
            } else if *all {
                messages::Reselect::All
            } else {
                messages::Reselect::Unparseable
            };
            let stats = pipeline.reprocess(sel).await?;
            print_stats(out, &stats)?;
            store.flush_search().await?;
            store.close().await;
        }
        Command::Cases { status, flag, json } => {
            let filter = cases::Filter {
                status: status.as_deref().map(parse_status).transpose()?,
                flag: flag.as_deref().map(parse_flag).transpose()?,
            };
            let store = open_store(&cfg).await?;
            let mut conn = store.conn().await?;
            let list = cases::list(&mut conn, &filter).await?;
            if *json {
                let arr: Vec<_> = list.iter().map(view::case_summary_json).collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&arr)?)?;
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|c| {
                        vec![
                            c.reference.clone(),
                            c.status.to_string(),
                            view::cell(&c.requester, 32),
                            view::cell(c.fields.username.as_deref().unwrap_or("-"), 20),
                            list_or_dash(c.missing().iter().map(|f| f.as_str())),
                            list_or_dash(c.flags.iter().map(|f| f.as_str())),
                            c.last_activity
                                .get(..16)
                                .unwrap_or(&c.last_activity)
                                .replace('T', " "),
                        ]
                    })
                    .collect();
                out.write_all(
                    view::table(
                        &[
                            "REFERENCE",
                            "STATUS",
                            "REQUESTER",
                            "USERNAME",
                            "MISSING",
                            "FLAGS",
                            "LAST ACTIVITY",
                        ],
                        &rows,
                    )
                    .as_bytes(),
                )?;
                writeln!(out, "{} case(s)", list.len())?;
            }
        }
        Command::Case {
            command:
                CaseCommand::Status {
                    reference,
                    status,
                    staff,
                },
        } => {
            let status = parse_status(status)?;
            let pipeline = Pipeline::new(&cfg, open_store(&cfg).await?, clock).await?;
            let case = pipeline.staff_set_status(reference, status, staff).await?;
            writeln!(out, "{} is now {}", case.reference, case.status)?;
        }
        Command::Case {
            command:
                CaseCommand::Set {
                    reference,
                    field,
                    value,
                    staff,
                },
        } => {
            let f = Field::parse(field).with_context(|| {
                format!(
                    "unknown field {field:?}: use one of {}",
                    Field::ALL
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?;
            let v =
                crate::domain::FieldValue::parse_for(f, value).map_err(|e| anyhow::anyhow!(e))?;
            let pipeline = Pipeline::new(&cfg, open_store(&cfg).await?, clock).await?;
            let case = pipeline.staff_set_field(reference, f, v, staff).await?;
            writeln!(
                out,
                "{}: {} set; status {}",
                case.reference,
                f.as_str(),
                case.status
            )?;
        }
        Command::Case {
            command:
                CaseCommand::Note {
                    reference,
                    text,
                    staff,
                },
        } => {
            let pipeline = Pipeline::new(&cfg, open_store(&cfg).await?, clock).await?;
            pipeline.staff_add_note(reference, text, staff).await?;
            writeln!(out, "note added")?;
        }
        Command::Case {
            command:
                CaseCommand::Reply {
                    reference,
                    text,
                    staff,
                },
        } => {
            let body = match text {
                Some(t) => t.clone(),
                None => {
                    let mut b = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut b)
                        .context("cannot read the reply from stdin")?;
                    b
                }
            };
            let pipeline = Pipeline::new(&cfg, open_store(&cfg).await?, clock).await?;
            pipeline.staff_reply(reference, &body, staff).await?;
            writeln!(out, "reply queued")?;
        }
        Command::Case {
            command: CaseCommand::Show { reference, json },
        } => {
            let store = open_store(&cfg).await?;
            let refs = crate::thread::References::new(&cfg.reference_prefix);
            let case = find_case(&store, &refs, reference).await?;
            let mut conn = store.conn().await?;
            let v = view::load(&mut conn, case).await?;
            if *json {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&view::case_json(&v))?
                )?;
            } else {
                print_case(out, &v)?;
            }
        }
        Command::Messages { json } => {
            let store = open_store(&cfg).await?;
            let mut conn = store.conn().await?;
            let list = messages::list(&mut conn).await?;
            if *json {
                writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|m| {
                        vec![
                            m.case.clone().unwrap_or_else(|| "-".into()),
                            m.kind.clone().unwrap_or_else(|| m.state.clone()),
                            view::cell(m.from.as_deref().unwrap_or("-"), 32),
                            view::cell(m.subject.as_deref().unwrap_or(""), 48),
                            view::cell(&m.message_id, 60),
                        ]
                    })
                    .collect();
                out.write_all(
                    view::table(&["CASE", "KIND", "FROM", "SUBJECT", "MESSAGE-ID"], &rows)
                        .as_bytes(),
                )?;
                writeln!(out, "{} message(s)", list.len())?;
            }
        }
        Command::Deliver => {
            let _lock = crate::daemon::lock(&cfg.database)?;
            let store = open_store(&cfg).await?;
            let transport = outbox::Transport::from_config(&cfg)?;
            let deliverer = outbox::Deliverer::new(
                &cfg,
                store.clone(),
                transport,
                clock,
                std::sync::Arc::new(crate::daemon::metrics::Metrics::default()),
            );
            deliverer.recover().await?;
            let (d, stop) = deliverer.deliver_now().await?;
            writeln!(
                out,
                "sent {}, deferred {}, failed {}, uncertain {}",
                d.sent, d.deferred, d.failed, d.uncertain
            )?;
            if let Some(stop) = stop {
                let (outbox::Stop::Held(why) | outbox::Stop::RelayDown(why)) = stop;
                bail!("delivery stopped, the rest stays queued: {why}");
            }
            store.close().await;
        }
        Command::Status { json } => {
            let store = open_store(&cfg).await?;
            let r = crate::daemon::status::report(&store, clock).await?;
            if *json {
                writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
            } else {
                crate::daemon::status::print(out, &r)?;
            }
            store.close().await;
        }
        Command::Tick => {
            let store = open_store(&cfg).await?;
            let pipeline = Pipeline::new(&cfg, store.clone(), clock).await?;
            let t = pipeline.tick().await?;
            writeln!(
                out,
                "reminders {}, closed {}, suppressed {}",
                t.reminders, t.closed, t.suppressed
            )?;
            store.close().await;
        }
        Command::Outbox { command } => outbox_command(&cfg, clock, command, out).await?,
        Command::Bench { paths, no_stages } => {
            crate::bench::run(&cfg, paths, !*no_stages, out).await?
        }
        Command::Serve { listen } => {
            crate::web::serve_command(&cfg, clock, listen.as_deref()).await?
        }
        Command::Staff { command } => crate::web::staff_command(&cfg, clock, command, out).await?,
        Command::Inspect { .. } => unreachable!("handled above"),
    }
    Ok(())
}

async fn run_daemon(cfg: &Config, clock: Clock, once: bool) -> anyhow::Result<()> {
    crate::daemon::run(cfg, clock, once).await
}

async fn outbox_command(
    cfg: &Config,
    clock: Clock,
    command: &OutboxCommand,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use crate::domain::OutboxStatus;
    use crate::store::outbox as rows;
    let store = open_store(cfg).await?;
    let mut conn = store.conn().await?;
    match command {
        OutboxCommand::List { status, json } => {
            let statuses: Vec<OutboxStatus> = if status.is_empty() {
                vec![OutboxStatus::Uncertain, OutboxStatus::Failed]
            } else {
                status
                    .iter()
                    .map(|s| {
                        OutboxStatus::parse(s).with_context(|| {
                            format!("unknown outbox status {s:?}: use queued, sending, sent, failed, uncertain or suppressed")
                        })
                    })
                    .collect::<anyhow::Result<_>>()?
            };
            let list = rows::with_status(&mut conn, &statuses, 10_000).await?;
            if *json {
                let arr: Vec<_> = list
                    .iter()
                    .map(|o| {
                        serde_json::json!({
                            "id": o.id, "status": o.status.as_str(), "kind": o.kind.as_str(),
                            "to": o.to_addr, "message_id": format!("<{}>", o.message_id),
                            "subject": o.subject, "created_at": o.created_at, "sending_at": o.sending_at,
                            "sent_at": o.sent_at, "attempts": o.attempts, "reason": o.last_error,
                            "smtp_response": o.smtp_response,
                        })
                    })
                    .collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&arr)?)?;
            } else {
                let table: Vec<Vec<String>> = list
                    .iter()
                    .map(|o| {
                        vec![
                            o.id.to_string(),
                            o.status.to_string(),
                            o.kind.to_string(),
                            view::cell(&o.to_addr, 32),
                            view::cell(o.last_error.as_deref().unwrap_or("-"), 80),
                        ]
                    })
                    .collect();
                out.write_all(
                    view::table(&["ID", "STATUS", "KIND", "TO", "REASON"], &table).as_bytes(),
                )?;
                writeln!(out, "{} row(s)", list.len())?;
            }
        }
        OutboxCommand::Requeue { id } => {
            let staff = std::env::var("USER").unwrap_or_else(|_| "staff".into());
            let ok = rows::staff_set(
                &mut conn,
                *id,
                &[OutboxStatus::Uncertain, OutboxStatus::Failed],
                OutboxStatus::Queued,
                &format!("queued again by {staff}"),
                &clock.now_str(),
            )
            .await?;
            if !ok {
                bail!(
                    "outbox row {id} is not uncertain or failed: `mailcase outbox list` shows those"
                );
            }
            writeln!(out, "outbox row {id} queued again")?;
        }
        OutboxCommand::MarkSent { id } => {
            let staff = std::env::var("USER").unwrap_or_else(|_| "staff".into());
            let ok = rows::staff_set(
                &mut conn,
                *id,
                &[OutboxStatus::Uncertain],
                OutboxStatus::Sent,
                &format!("recorded as sent by {staff}"),
                &clock.now_str(),
            )
            .await?;
            if !ok {
                bail!("outbox row {id} is not uncertain: `mailcase outbox list` shows those");
            }
            writeln!(out, "outbox row {id} recorded as sent")?;
        }
    }
    drop(conn);
    store.close().await;
    Ok(())
}

fn inspect(cli: &Cli, file: &Path, json: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let raw = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let cfg = load_config(cli)?;
    let ctx = analyze::Context::from_config(&cfg);
    let a = analyze::analyze_guarded(&raw, &ctx);
    let ins = analyze::Inspection::of(&a);
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&ins)?)?;
        return Ok(());
    }
    writeln!(
        out,
        "message   {}",
        ins.message_id.as_deref().unwrap_or("(no Message-ID)")
    )?;
    writeln!(out, "from      {}", a.parsed.from_address())?;
    writeln!(out, "subject   {}", a.parsed.subject)?;
    writeln!(out, "kind      {} - {}", ins.kind, ins.kind_reason)?;
    if !ins.problems.is_empty() {
        writeln!(out, "problems  {}", serde_json::to_string(&ins.problems)?)?;
    }
    writeln!(out, "secrets   {} (redacted below)", ins.secrets)?;
    if !ins.flags.is_empty() {
        writeln!(out, "flags     {}", ins.flags.join(", "))?;
    }
    writeln!(out, "\nfields this message states:")?;
    for f in Field::ALL {
        match a.extraction.statements.iter().find(|s| s.field == *f) {
            Some(s) => writeln!(
                out,
                "  {:<16} {}\n  {:<16} from: \"{}\"",
                view::field_label(*f),
                s.value.display(),
                "",
                s.excerpt
            )?,
            None => writeln!(out, "  {:<16} -", view::field_label(*f))?,
        }
    }
    if !ins.numbered_answers.is_empty() {
        writeln!(
            out,
            "\nnumbered answers (matched to the questions of the mail replied to):"
        )?;
        for n in &ins.numbered_answers {
            writeln!(out, "  {}. {}", n.n, n.text)?;
        }
    }
    writeln!(
        out,
        "\nvisible text (what extraction read):\n{}",
        indent(&ins.visible_text)
    )?;
    if !ins.quoted_text.trim().is_empty() {
        writeln!(
            out,
            "\nhidden as quote or signature:\n{}",
            indent(&ins.quoted_text)
        )?;
    }
    Ok(())
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("  | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn print_case(out: &mut impl Write, v: &view::CaseView) -> anyhow::Result<()> {
    let c = &v.case;
    writeln!(out, "{}  {}  {}", c.reference, c.status, c.requester)?;
    writeln!(out, "subject   {}", c.subject)?;
    writeln!(
        out,
        "opened    {}   last activity {}",
        c.created_at, c.last_activity
    )?;
    writeln!(
        out,
        "missing   {}",
        list_or_dash(c.missing().iter().map(|f| f.as_str()))
    )?;
    writeln!(out, "\nfields:")?;
    for f in Field::ALL {
        match c.fields.get(*f) {
            Some(val) => {
                writeln!(
                    out,
                    "  {:<16} {}",
                    view::field_label(*f),
                    view::cell(&val.display(), 100)
                )?;
                if let Some(src) = c.sources.get(f) {
                    writeln!(
                        out,
                        "  {:<16} from {}: \"{}\"",
                        "",
                        src.message_id,
                        view::cell(&src.excerpt, 120)
                    )?;
                }
            }
            None => writeln!(out, "  {:<16} -", view::field_label(*f))?,
        }
    }
    if !c.flags.is_empty() {
        writeln!(out, "\nflags:")?;
        for f in &c.flags {
            writeln!(out, "  {:<22} {}", f.as_str(), view::explain_flag(*f))?;
        }
    }
    writeln!(out, "\nthread:")?;
    for e in &v.thread {
        match e {
            view::Entry::In(m) => {
                let kind = m.kind.map(|k| k.as_str()).unwrap_or("?");
                writeln!(
                    out,
                    "\n  <- {} {}  from {}  {}",
                    kind, m.date, m.from, m.message_id
                )?;
                if !m.flags.is_empty() {
                    writeln!(
                        out,
                        "     flags: {}",
                        m.flags
                            .iter()
                            .map(|f| f.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )?;
                }
                writeln!(out, "     subject: {}", m.subject)?;
                writeln!(out, "{}", indent(&m.visible_text))?;
            }
            view::Entry::Out(o) => {
                writeln!(
                    out,
                    "\n  -> {} {}  to {}  [{}]",
                    o.kind, o.created_at, o.to_addr, o.status
                )?;
                writeln!(out, "     subject: {}", o.subject)?;
                writeln!(out, "{}", indent(&o.body))?;
            }
        }
    }
    Ok(())
}

fn list_or_dash<'a>(it: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = it.collect();
    if v.is_empty() {
        "-".into()
    } else {
        v.join(",")
    }
}

fn print_stats(out: &mut impl Write, s: &Stats) -> anyhow::Result<()> {
    writeln!(
        out,
        "stored {}, duplicates {}, processed {}, unparseable {}, cases opened {}, filed {}, unfiled {}, replies queued {}",
        s.stored,
        s.duplicates,
        s.processed,
        s.unparseable,
        s.cases_opened,
        s.filed,
        s.unfiled,
        s.replies_queued
    )?;
    Ok(())
}

async fn find_case(
    store: &Store,
    refs: &crate::thread::References,
    reference: &str,
) -> anyhow::Result<crate::domain::Case> {
    let canonical = refs
        .parse(reference)
        .unwrap_or_else(|| reference.trim().to_ascii_uppercase());
    let mut conn = store.conn().await?;
    cases::by_reference(&mut conn, &canonical)
        .await?
        .with_context(|| format!("no case {reference:?}: `mailcase cases` lists the references"))
}

fn parse_status(s: &str) -> anyhow::Result<Status> {
    Status::parse(s).with_context(|| {
        format!(
            "unknown status {s:?}: use one of {}",
            Status::ALL
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn parse_flag(s: &str) -> anyhow::Result<Flag> {
    Flag::parse(s).with_context(|| {
        format!(
            "unknown flag {s:?}: use one of {}",
            Flag::ALL
                .iter()
                .map(|f| f.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

//! The outbound templates in `config/templates/` (editable without rebuilding; the copies
//! compiled in are used when the folder is absent). Each `KIND.txt` starts with a `Subject:`
//! line, then a blank line, then the body; `questions.toml` words the numbered questions.

use crate::domain::{Field, OutboundKind};
use anyhow::{Context as _, bail};
use minijinja::Environment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const BUILTIN: &[(&str, &str)] = &[
    (
        "acknowledgement",
        include_str!("../../config/templates/acknowledgement.txt"),
    ),
    (
        "missing_info",
        include_str!("../../config/templates/missing_info.txt"),
    ),
    (
        "complete",
        include_str!("../../config/templates/complete.txt"),
    ),
    (
        "reminder",
        include_str!("../../config/templates/reminder.txt"),
    ),
    ("closed", include_str!("../../config/templates/closed.txt")),
    (
        "signature",
        include_str!("../../config/templates/signature.txt"),
    ),
];
const BUILTIN_QUESTIONS: &str = include_str!("../../config/templates/questions.toml");

/// The wording of one question.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub question: String,
    pub guidance: String,
}

/// A numbered question as a template sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Numbered {
    pub n: usize,
    pub field: &'static str,
    pub question: String,
    pub guidance: String,
}

/// What a template may use.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Vars {
    pub reference: String,
    pub subject: String,
    pub name: String,
    pub support_name: String,
    pub understood: Vec<String>,
    pub questions: Vec<Numbered>,
    pub grace_days: i64,
}

/// Loaded templates.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    questions: BTreeMap<Field, Question>,
}

impl Templates {
    /// Loads the folder, falling back to the built-in copy of each file it lacks. A template
    /// that does not compile is an error naming the file.
    pub fn load(dir: &Path) -> anyhow::Result<Templates> {
        let mut env = Environment::new();
        for (name, builtin) in BUILTIN {
            let path = dir.join(format!("{name}.txt"));
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => builtin.to_string(),
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("cannot read template {}", path.display()));
                }
            };
            env.add_template_owned(name.to_string(), text)
                .with_context(|| format!("template {} does not compile", path.display()))?;
        }
        let qpath = dir.join("questions.toml");
        let qtext = match std::fs::read_to_string(&qpath) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BUILTIN_QUESTIONS.to_string(),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", qpath.display())),
        };
        let raw: BTreeMap<String, Question> = toml::from_str(&qtext)
            .map_err(|e| anyhow::anyhow!("{}: {}", qpath.display(), e.message().trim()))?;
        let mut questions = BTreeMap::new();
        for (k, q) in raw {
            let Some(field) = Field::parse(&k) else {
                bail!("{}: [{k}] is not a field of fields.md", qpath.display());
            };
            questions.insert(field, q);
        }
        for f in Field::ALL.iter().filter(|f| f.required()) {
            if !questions.contains_key(f) {
                bail!(
                    "{}: the question for {} is missing",
                    qpath.display(),
                    f.as_str()
                );
            }
        }
        Ok(Templates { env, questions })
    }

    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Self::load(Path::new("/nonexistent/mailcase-templates"))
            .expect("the built-in templates compile")
    }

    /// Numbered questions for these fields, in this order.
    pub fn questions(&self, fields: &[Field]) -> Vec<Numbered> {
        fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| {
                let q = self.questions.get(f)?;
                Some(Numbered {
                    n: i + 1,
                    field: f.as_str(),
                    question: q.question.clone(),
                    guidance: q.guidance.clone(),
                })
            })
            .collect()
    }

    /// Renders a kind's template into (subject, body).
    pub fn render(&self, kind: OutboundKind, vars: &Vars) -> anyhow::Result<(String, String)> {
        let base = minijinja::Value::from(minijinja::value::Serde(vars));
        let signature = self.env.get_template("signature")?.render(base.clone())?;
        let ctx = minijinja::context! { signature => signature.trim_end(), ..base };
        let text = self
            .env
            .get_template(kind.as_str())
            .with_context(|| format!("no template for {kind}"))?
            .render(ctx)
            .with_context(|| format!("template {kind}.txt failed"))?;
        let (subject, body) = match text.split_once('\n') {
            Some((first, rest)) if first.starts_with("Subject:") => {
                (first["Subject:".len()..].trim().to_string(), rest)
            }
            _ => (
                format!("[{}] {}", vars.reference, vars.subject),
                text.as_str(),
            ),
        };
        Ok((
            one_line(&subject),
            body.trim_start_matches('\n').trim_end().to_string() + "\n",
        ))
    }
}

/// Header-safe: control characters (CR/LF included) become spaces, runs of space collapse.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_render_questions_in_order_without_injection() {
        let t = Templates::builtin();
        let vars = Vars {
            reference: "MC-ABCDE1".into(),
            subject: "Locked out\r\nBcc: evil@example.org".into(),
            name: "Jane".into(),
            support_name: "Support".into(),
            understood: vec!["account name: jane".into()],
            questions: t.questions(&[Field::EmailAccess, Field::CodeOfConduct]),
            grace_days: 7,
        };
        let (subject, body) = t.render(OutboundKind::Acknowledgement, &vars).unwrap();
        assert!(subject.starts_with("[MC-ABCDE1] Locked out"), "{subject}");
        assert!(!subject.contains('\n') && !subject.contains('\r'));
        let q1 = body.find("1. Can you still read mail").expect("question 1");
        let q2 = body
            .find("2. Do you agree to follow the PSF Code of Conduct?")
            .expect("question 2");
        assert!(q1 < q2);
        for kind in [
            OutboundKind::MissingInfo,
            OutboundKind::Complete,
            OutboundKind::Reminder,
            OutboundKind::Closed,
        ] {
            let (s, b) = t.render(kind, &vars).unwrap();
            assert!(s.contains("MC-ABCDE1") && b.contains("MC-ABCDE1"), "{kind}");
        }
    }
}

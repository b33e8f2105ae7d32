//! The file transport: each outbound message becomes `DIR/<message-id>.eml`, written to a
//! temporary name and renamed, so a reader never sees half a message. The name is derived
//! from the Message-ID, so delivering the same row twice (a crash between the rename and the
//! database update) finds the file already there and writes nothing new.

use super::SendError;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct FileTransport {
    pub dir: PathBuf,
}

impl FileTransport {
    pub fn new(dir: impl Into<PathBuf>) -> FileTransport {
        FileTransport { dir: dir.into() }
    }

    fn file_name(message_id: &str) -> String {
        let safe: String = message_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{safe}.eml")
    }

    pub async fn send(
        &self,
        message_id: &str,
        _from: &str,
        _to: &[String],
        raw: &[u8],
    ) -> Result<(), SendError> {
        let target = self.dir.join(Self::file_name(message_id));
        if tokio::fs::try_exists(&target).await.unwrap_or(false) {
            return Ok(()); // delivered before a crash: nothing sent twice
        }
        tokio::fs::create_dir_all(&self.dir).await.map_err(|e| {
            SendError::Transient(format!("cannot create {}: {e}", self.dir.display()))
        })?;
        let tmp = self
            .dir
            .join(format!(".tmp-{}", Self::file_name(message_id)));
        tokio::fs::write(&tmp, raw)
            .await
            .map_err(|e| SendError::Transient(format!("cannot write {}: {e}", tmp.display())))?;
        tokio::fs::rename(&tmp, &target)
            .await
            .map_err(|e| SendError::Transient(format!("cannot rename {}: {e}", tmp.display())))?;
        Ok(())
    }
}

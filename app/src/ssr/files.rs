//! Stored files — hearing documents and attachments (`attachments`) — behind a file store (a local
//! directory by default, `INNSPILL_FILE_DIR`), and what an upload really is (`kind`). Several
//! server processes must share the directory (a network volume) or a store of that kind.

pub mod attachments;
pub mod kind;

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn local(root: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(&root)
            .map_err(|e| format!("INNSPILL_FILE_DIR ({}): {e}", root.display()))?;
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        // Keys are ours (hex), but never let one climb out of the store.
        let ok = key.len() >= 3 && key.chars().all(|c| c.is_ascii_hexdigit());
        ok.then(|| self.root.join(&key[..2]).join(key))
    }

    /// Stores `bytes` under a new random key, which it returns.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = uuid::Uuid::new_v4().simple().to_string();
        let path = self
            .path(&key)
            .ok_or_else(|| std::io::Error::other("bad key"))?;
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::write(&path, bytes).await?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let path = self
            .path(key)
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
        tokio::fs::read(path).await
    }

    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        match self.path(key) {
            Some(p) => match tokio::fs::remove_file(p).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            },
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn files_go_in_and_come_out_and_keys_cannot_escape_the_store() {
        let dir = std::env::temp_dir().join(format!("innspill-store-{}", uuid::Uuid::new_v4()));
        let store = FileStore::local(dir.clone()).unwrap();
        let key = store.put(b"%PDF-1.7 hello").await.unwrap();
        assert_eq!(store.get(&key).await.unwrap(), b"%PDF-1.7 hello");
        assert!(store.get("../../etc/passwd").await.is_err());
        store.delete(&key).await.unwrap();
        assert!(store.get(&key).await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}

//! Stored files — hearing documents and attachments (`attachments`) — behind a file store, and
//! what an upload really is (`kind`). The store is a local directory (`INNSPILL_FILE_DIR`, the
//! default) or S3-compatible object storage (`INNSPILL_FILE_STORE=s3://bucket[/prefix]`, through
//! the `object_store` crate), which several instances share without a network file system.
//! Both keep a file under `<first two hex digits>/<key>`; a file is written whole or not at all,
//! read as a stream, and deleted with its record.

pub mod attachments;
pub mod kind;

/// A stored file being read: `meta.size` and `into_stream()`.
pub use object_store::GetResult as Reading;
use object_store::ObjectStore;
use object_store::path::Path;
use std::path::PathBuf;
use std::sync::Arc;

/// Files at least this large go to object storage in parts of this size (S3's multipart
/// upload), so no part needs to be held twice.
const PART: usize = 8 * 1024 * 1024;

/// Object storage reached with these, not the environment's (tests; a provider set in code).
#[derive(Debug, Clone)]
pub struct S3Access {
    pub endpoint: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub region: String,
}

#[derive(Clone)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
    /// Where, for the log and `Debug`: a directory or an s3:// URL (never credentials).
    place: String,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FileStore({})", self.place)
    }
}

impl FileStore {
    /// Files in the directory `root` (created if missing).
    pub fn local(root: PathBuf) -> Result<Self, String> {
        std::fs::create_dir_all(&root)
            .map_err(|e| format!("INNSPILL_FILE_DIR ({}): {e}", root.display()))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(&root)
            .map_err(|e| format!("INNSPILL_FILE_DIR ({}): {e}", root.display()))?;
        Ok(Self {
            store: Arc::new(store),
            place: root.display().to_string(),
        })
    }

    /// Files in S3-compatible object storage at `url` (`s3://bucket` or `s3://bucket/prefix`),
    /// with credentials, region and endpoint from the environment (`AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT` for a provider other than AWS),
    /// or from `access` where given.
    pub fn s3(url: &str, access: Option<&S3Access>) -> Result<Self, String> {
        let parsed = url
            .strip_prefix("s3://")
            .filter(|rest| !rest.is_empty())
            .ok_or_else(|| {
                format!("INNSPILL_FILE_STORE must be s3://bucket[/prefix], not {url:?}")
            })?;
        let (bucket, prefix) = parsed.split_once('/').unwrap_or((parsed, ""));
        let mut builder = object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket);
        if let Some(a) = access {
            builder = builder
                .with_endpoint(&a.endpoint)
                .with_allow_http(a.endpoint.starts_with("http://"))
                .with_access_key_id(&a.access_key_id)
                .with_secret_access_key(&a.secret_access_key)
                .with_region(&a.region);
        }
        let s3 = builder
            .build()
            .map_err(|e| format!("INNSPILL_FILE_STORE ({url}): {e}"))?;
        let prefix = prefix.trim_matches('/');
        let store: Arc<dyn ObjectStore> = if prefix.is_empty() {
            Arc::new(s3)
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(s3, prefix))
        };
        Ok(Self {
            store,
            place: format!("s3://{bucket}/{prefix}"),
        })
    }

    fn path(key: &str) -> Option<Path> {
        // Keys are ours (hex), but never let one climb out of the store.
        let ok = key.len() >= 3 && key.chars().all(|c| c.is_ascii_hexdigit());
        ok.then(|| Path::from(format!("{}/{key}", &key[..2])))
    }

    /// Stores `bytes` under a new random key, which it returns.
    pub async fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let key = uuid::Uuid::new_v4().simple().to_string();
        let path = Self::path(&key).ok_or_else(|| std::io::Error::other("bad key"))?;
        if bytes.len() < PART {
            self.store
                .put(&path, bytes.to_vec().into())
                .await
                .map_err(io)?;
        } else {
            let upload = self.store.put_multipart(&path).await.map_err(io)?;
            let mut parts = object_store::WriteMultipart::new_with_chunk_size(upload, PART);
            for chunk in bytes.chunks(PART) {
                parts.wait_for_capacity(2).await.map_err(io)?;
                parts.write(chunk);
            }
            parts.finish().await.map_err(io)?;
        }
        Ok(key)
    }

    /// The whole file (for the exports that pack files into an archive one at a time).
    pub async fn get(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let bytes = self.open(key).await?.bytes().await.map_err(io)?;
        Ok(bytes.to_vec())
    }

    /// The file to be read as it comes (`into_stream`), with its size (`meta.size`).
    pub async fn open(&self, key: &str) -> std::io::Result<Reading> {
        let path =
            Self::path(key).ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
        self.store.get(&path).await.map_err(io)
    }

    /// Deletes the file; one that is not there is deleted already.
    pub async fn delete(&self, key: &str) -> std::io::Result<()> {
        let Some(path) = Self::path(key) else {
            return Ok(());
        };
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io(e)),
        }
    }
}

fn io(e: object_store::Error) -> std::io::Error {
    match e {
        object_store::Error::NotFound { .. } => std::io::Error::from(std::io::ErrorKind::NotFound),
        other => std::io::Error::other(other),
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
        assert!(
            dir.join(&key[..2]).join(&key).is_file(),
            "where the local store has always kept it"
        );
        assert!(store.get("../../etc/passwd").await.is_err());
        store.delete(&key).await.unwrap();
        assert!(store.get(&key).await.is_err());
        store.delete(&key).await.unwrap();
        let big = vec![7u8; PART + 10];
        let key = store.put(&big).await.unwrap();
        assert_eq!(store.open(&key).await.unwrap().meta.size, big.len() as u64);
        let _ = std::fs::remove_dir_all(dir);
        assert!(FileStore::s3("https://bucket", None).is_err());
    }
}

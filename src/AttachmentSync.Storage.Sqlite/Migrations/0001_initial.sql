-- Ledger, queue and audit tables. Table names and the summary view keep the names the monitoring
-- queries in the README use. Times are ISO-8601 UTC text ('2026-01-31T12:00:00.000Z'), so they sort.

CREATE TABLE attachment_sync_metadata (
    id                  TEXT PRIMARY KEY,          -- our attachment id (GUID)
    work_item_id        INTEGER NOT NULL,
    attachment_guid     TEXT,                      -- Azure DevOps attachment id
    file_name           TEXT NOT NULL,             -- the user's name, exactly as given; never a path
    file_size           INTEGER,
    content_type        TEXT,
    sha256_hash         TEXT,
    source              TEXT NOT NULL CHECK (source IN ('TOOL', 'ADO')),
    ado_attachment_url  TEXT,
    local_file_path     TEXT,                      -- store-relative path derived from sha256_hash
    sync_status         TEXT NOT NULL CHECK (sync_status IN
                            ('PENDING', 'UPLOADING', 'UPLOADED', 'LINKED', 'DOWNLOADING', 'SYNCED', 'FAILED', 'DELETED')),
    status_reason       TEXT,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);
CREATE INDEX ix_metadata_work_item ON attachment_sync_metadata (work_item_id, sync_status);
CREATE INDEX ix_metadata_sha256 ON attachment_sync_metadata (sha256_hash);
CREATE INDEX ix_metadata_guid ON attachment_sync_metadata (attachment_guid);
-- One live record per work item and Azure DevOps attachment, and one live tool record per work item and
-- content. Azure DevOps may hold the same bytes twice on one work item, so records from there may repeat content.
CREATE UNIQUE INDEX ux_metadata_work_item_guid ON attachment_sync_metadata (work_item_id, attachment_guid)
    WHERE attachment_guid IS NOT NULL AND sync_status <> 'DELETED';
CREATE UNIQUE INDEX ux_metadata_work_item_tool_sha ON attachment_sync_metadata (work_item_id, sha256_hash)
    WHERE sha256_hash IS NOT NULL AND source = 'TOOL' AND sync_status NOT IN ('DELETED', 'FAILED');

CREATE TABLE chunked_upload_sessions (
    session_uuid     TEXT PRIMARY KEY,
    work_item_id     INTEGER,
    file_name        TEXT,
    total_size       INTEGER NOT NULL,
    bytes_received   INTEGER NOT NULL DEFAULT 0,
    chunks_received  INTEGER NOT NULL DEFAULT 0,
    total_chunks     INTEGER,
    status           TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'COMPLETED', 'TERMINATED', 'EXPIRED')),
    attachment_id    TEXT,
    expires_at       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE sync_job_queue (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    job_type          TEXT NOT NULL CHECK (job_type IN ('UPLOAD', 'DOWNLOAD', 'UNLINK', 'RECONCILE')),
    status            TEXT NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
    priority          INTEGER NOT NULL DEFAULT 100,
    work_item_id      INTEGER NOT NULL,
    attachment_id     TEXT,
    retry_count       INTEGER NOT NULL DEFAULT 0,
    next_retry_at     TEXT NOT NULL,
    lease_owner       TEXT,
    lease_expires_at  TEXT,
    last_error        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX ix_jobs_due ON sync_job_queue (status, next_retry_at, priority);
CREATE INDEX ix_jobs_work_item ON sync_job_queue (work_item_id, status);

CREATE TABLE sync_event_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    event_type     TEXT NOT NULL,
    severity       TEXT NOT NULL CHECK (severity IN ('INFO', 'WARN', 'ERROR')),
    message        TEXT NOT NULL,
    work_item_id   INTEGER,
    attachment_id  TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX ix_events_created ON sync_event_log (created_at);

CREATE TABLE webhook_subscriptions (
    subscription_id  TEXT PRIMARY KEY,
    event_type       TEXT NOT NULL,
    callback_url     TEXT NOT NULL,
    is_active        INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE deduplication_index (
    sha256_hash          TEXT PRIMARY KEY,
    attachment_guid      TEXT NOT NULL,
    ado_attachment_url   TEXT NOT NULL,
    file_size            INTEGER NOT NULL,
    duplicate_count      INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

-- Received service-hook deliveries; delivery_key is the notification id, or a hash of the body.
CREATE TABLE webhook_deliveries (
    delivery_key     TEXT PRIMARY KEY,
    event_type       TEXT NOT NULL,
    work_item_id     INTEGER NOT NULL,
    revision         INTEGER,
    subscription_id  TEXT,
    received_at      TEXT NOT NULL
);

CREATE VIEW v_attachment_sync_summary AS
SELECT
    work_item_id,
    COUNT(*) FILTER (WHERE sync_status <> 'DELETED')                        AS total_attachments,
    COUNT(*) FILTER (WHERE sync_status = 'SYNCED')                          AS synced_count,
    COUNT(*) FILTER (WHERE sync_status NOT IN ('SYNCED', 'FAILED', 'DELETED')) AS pending_count,
    COUNT(*) FILTER (WHERE sync_status = 'FAILED')                          AS failed_count,
    COUNT(*) FILTER (WHERE sync_status = 'DELETED')                         AS deleted_count,
    COUNT(*) FILTER (WHERE source = 'TOOL' AND sync_status <> 'DELETED')    AS from_tool_count,
    COUNT(*) FILTER (WHERE source = 'ADO' AND sync_status <> 'DELETED')     AS from_ado_count,
    COALESCE(SUM(file_size) FILTER (WHERE sync_status <> 'DELETED'), 0)     AS total_bytes,
    MAX(updated_at)                                                          AS last_updated_at
FROM attachment_sync_metadata
GROUP BY work_item_id;

-- Columns and tables for restart-safe uploads, revision-ordered reconciliation, the reconciliation
-- sweep and the retention of deleted content.

-- Work item revision at which the relation of the record was last seen or made.
ALTER TABLE attachment_sync_metadata ADD COLUMN relation_rev INTEGER;
-- Azure DevOps id and acknowledged byte count of a chunked upload in flight, so a restart continues it.
ALTER TABLE attachment_sync_metadata ADD COLUMN chunked_upload_guid TEXT;
ALTER TABLE attachment_sync_metadata ADD COLUMN chunked_upload_offset INTEGER;
-- When the content of a soft-deleted record was removed from the store after the retention period.
ALTER TABLE attachment_sync_metadata ADD COLUMN content_purged_at TEXT;
CREATE INDEX ix_metadata_deleted ON attachment_sync_metadata (sync_status, deleted_at);

-- Named points in time, such as the System.ChangedDate up to which the sweep has compared work items.
CREATE TABLE sync_watermarks (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

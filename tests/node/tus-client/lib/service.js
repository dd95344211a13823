// Starts the AttachmentSync service (src/AttachmentSync.Server, Release build) as a child process on a loopback
// port, pointed at a standalone emulator, with its database, content store and tus directory under one directory.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { digestOf } from './emulator.js';
import { releaseBuild, startDotnet } from './processes.js';
import { tusHeaders } from './uploads.js';

export const uploadsPath = '/api/sync/uploads';

/**
 * Starts the service. `settings` are extra configuration values as environment variables, such as
 * `{ Tus__Expiration: '00:00:01' }`. Starting again with the same directory continues with the same data.
 */
export async function startService(emulator, directory, settings = {}) {
  const dll = releaseBuild('src/AttachmentSync.Server', 'AttachmentSync.Server');
  const env = {
    AzureDevOps__OrganizationUrl: emulator.organizationUrl,
    AzureDevOps__Project: emulator.project,
    AzureDevOps__Pat: emulator.pat,
    AzureDevOps__ChunkedUploadThreshold: String(1024 * 1024),
    AzureDevOps__ChunkSize: String(256 * 1024),
    Storage__DatabasePath: path.join(directory, 'sync.db'),
    Storage__ContentPath: path.join(directory, 'content'),
    Webhook__Secret: randomBytes(24).toString('hex'),
    Sync__RetryBaseDelay: '00:00:00.200',
    Sync__RetryMaxDelay: '00:00:02',
    Logging__LogLevel__Default: 'Warning',
    ...settings,
  };
  const child = await startDotnet('service', dll, ['--urls', 'http://127.0.0.1:0'], env,
    /AttachmentSync listening on (http:\/\/127\.0\.0\.1:(\d+))/);
  const url = child.match[1];

  const api = async (relative) => {
    const response = await fetch(new URL(relative, url));
    if (!response.ok) {
      throw new Error(`GET ${relative} returned ${response.status}: ${await response.text()}`);
    }
    return response.json();
  };

  return {
    url,
    port: Number(child.match[2]),
    pid: child.pid,
    uploadsUrl: `${url}${uploadsPath}`,
    get output() {
      return child.output;
    },
    stop: (signal) => child.stop(signal),

    /** Stops the service (SIGKILL simulates a crash) and starts it again on the same data. */
    async restart(signal = 'SIGTERM') {
      await child.stop(signal);
      return startService(emulator, directory, settings);
    },

    /** Returns the progress record of a tus upload from GET /api/sync/upload-session/{id}. */
    uploadSession: (uploadId) => api(`/api/sync/upload-session/${uploadId}`),

    /** Returns the live attachment records of a work item. */
    attachments: (workItemId) => api(`/api/sync/attachments/${workItemId}`),

    /** Streams an attachment's content from the service and returns its SHA-256 and length. */
    async contentDigest(attachmentId) {
      const response = await fetch(new URL(`/api/sync/attachments/${attachmentId}/content`, url));
      if (!response.ok) {
        throw new Error(`content of ${attachmentId} returned ${response.status}: ${await response.text()}`);
      }
      return digestOf(response.body);
    },

    /** Sends a raw tus request to an upload URL and returns the fetch response. */
    tus(uploadUrl, method, headers = {}, body = undefined) {
      return fetch(uploadUrl, { method, headers: { ...tusHeaders, ...headers }, body });
    },
  };
}

/** Returns the upload id, the last segment of an upload URL. */
export function uploadIdOf(uploadUrl) {
  return new URL(uploadUrl).pathname.split('/').pop();
}

// Helpers shared by the suites: tus-js-client uploads as promises, raw tus requests, file digests and polling.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';

export const tusHeaders = { 'Tus-Resumable': '1.0.0' };

/** Delays between tus-js-client's retries, in milliseconds. */
export const retryDelays = [0, 100, 250, 500, 1000, 2000, 3000];

/**
 * Starts an upload. `done` resolves with the upload at its end and rejects with the client's error. `options` may
 * hold callbacks that take the upload as their last argument: onChunkComplete(chunkSize, accepted, total, upload).
 */
export function startUpload(input, options) {
  let upload;
  const done = new Promise((resolve, reject) => {
    upload = new tus.Upload(input, {
      ...options,
      onChunkComplete: options.onChunkComplete
        && ((chunkSize, accepted, total) => options.onChunkComplete(chunkSize, accepted, total, upload)),
      onSuccess: () => resolve(upload),
      onError: (error) => reject(error),
    });
  });
  upload.start();
  return { upload, done };
}

/** Runs an upload to its end; resolves with the upload, rejects with the client's error. */
export function runUpload(input, options) {
  return startUpload(input, options).done;
}

/** Starts an upload and aborts it once its first chunk is stored; `terminate` also deletes it on the server. */
export async function uploadFirstChunk(input, options, terminate = false) {
  let upload;
  await new Promise((resolve, reject) => {
    upload = new tus.Upload(input, {
      ...options,
      retryDelays: [],
      onChunkComplete() {
        upload.abort(terminate).then(resolve, reject);
      },
      onError: reject,
    });
    upload.start();
  });
  return upload;
}

export async function sha256OfFile(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

export function writeRandomFile(directory, name, size) {
  const file = path.join(directory, name);
  writeFileSync(file, randomBytes(size));
  return file;
}

export function head(uploadUrl) {
  return fetch(uploadUrl, { method: 'HEAD', headers: tusHeaders });
}

export function metadataFor(filename, workItemId = 42) {
  return { filename, workItemId: String(workItemId) };
}

/** Calls `probe` every 100 ms until it returns a value other than undefined, and returns that value. */
export async function waitFor(condition, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting until ${condition}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

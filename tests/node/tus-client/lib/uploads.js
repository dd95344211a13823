// Helpers shared by the suites: tus-js-client uploads as promises, raw tus requests and file digests.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';

export const tusHeaders = { 'Tus-Resumable': '1.0.0' };

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

/** Returns the stored state of an upload from the test host: offset, length, sha256, completions. */
export async function storedUpload(hostUrl, uploadUrl) {
  const id = new URL(uploadUrl).pathname.split('/').pop();
  const response = await fetch(`${hostUrl}/test/uploads/${id}`);
  return response.status === 200 ? response.json() : { status: response.status };
}

export function head(uploadUrl) {
  return fetch(uploadUrl, { method: 'HEAD', headers: tusHeaders });
}

export function metadataFor(filename) {
  return { filename, workItemId: '42' };
}

// Checks that a finished upload enters the sync path once however often the client repeats its last PATCH: the
// response to the last PATCH is lost, the client retries, and raw repeats follow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../lib/emulator.js';
import { startProxy } from '../lib/proxy.js';
import { startService, uploadIdOf, uploadsPath } from '../lib/service.js';
import { waitUntilSynced } from '../lib/sync.js';
import { metadataFor, retryDelays, runUpload, writeRandomFile } from '../lib/uploads.js';

const chunkSize = 256 * 1024;
let directory;
let emulator;
let service;
let proxy;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-completion-'));
  emulator = await startEmulator();
  service = await startService(emulator, path.join(directory, 'service'));
  proxy = await startProxy(service.port);
});

after(async () => {
  await proxy?.stop();
  await service?.stop();
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('repeated last PATCH adds exactly one relation', async () => {
  const workItemId = await emulator.createWorkItem('log whose last response is lost');
  const file = writeRandomFile(directory, 'last-chunk.bin', 1024 * 1024 + 5000);
  const size = statSync(file).size;
  const lastOffset = Math.floor(size / chunkSize) * chunkSize;
  const lastChunk = readFileSync(file).subarray(lastOffset);
  let lostResponses = 0;

  // The service stores the last chunk and runs the completion, but its 204 never reaches the client, which then
  // retries: HEAD returns the full offset and the client reports success without sending the chunk again.
  const upload = await runUpload(createReadStream(file), {
    endpoint: `${proxy.url}${uploadsPath}`,
    chunkSize,
    retryDelays,
    metadata: metadataFor('last-chunk.bin', workItemId),
    onBeforeRequest(request) {
      if (request.getMethod() === 'PATCH' && request.getHeader('Upload-Offset') === String(lastOffset)
        && lostResponses === 0) {
        lostResponses += 1;
        proxy.dropNextResponse();
      }
    },
  });
  const uploadUrl = new URL(new URL(upload.url).pathname, service.url).href;
  const chunkHeaders = (offset) => ({ 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': offset });
  const repeatedChunk = await service.tus(uploadUrl, 'PATCH', chunkHeaders(String(lastOffset)), lastChunk);
  const problem = await repeatedChunk.json();
  const emptyAtEnd = await service.tus(uploadUrl, 'PATCH', chunkHeaders(String(size)), Buffer.alloc(0));
  const resumed = await runUpload(createReadStream(file), { uploadUrl, chunkSize, retryDelays });
  const record = await waitUntilSynced(service, uploadUrl);
  const relations = await emulator.attachedFiles(workItemId);
  const records = await service.attachments(workItemId);
  const session = await service.uploadSession(uploadIdOf(uploadUrl));

  assert.equal(lostResponses, 1);
  assert.equal(proxy.cuts, 1);
  assert.equal(repeatedChunk.status, 409);
  assert.match(problem.detail, new RegExp(`${lastOffset}.*${size}`));
  assert.equal(emptyAtEnd.status, 204);
  assert.equal(emptyAtEnd.headers.get('upload-offset'), String(size));
  assert.equal(resumed.url, uploadUrl);
  assert.equal(relations.length, 1);
  assert.equal(relations[0].size, size);
  assert.equal(records.length, 1);
  assert.equal(records[0].id, record.id);
  assert.equal(session.status, 'COMPLETED');
  assert.equal(session.bytesReceived, size);
});

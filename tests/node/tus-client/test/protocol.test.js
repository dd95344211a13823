// Checks checksum rejection, termination and expiry on the service's tus route with tus-js-client and raw
// requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../lib/emulator.js';
import { startService, uploadIdOf } from '../lib/service.js';
import {
  head, metadataFor, runUpload, startUpload, tusHeaders, uploadFirstChunk, waitFor,
} from '../lib/uploads.js';

const base64 = (text) => Buffer.from(text).toString('base64');
let directory;
let emulator;
let service;
let workItemId;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-protocol-'));
  emulator = await startEmulator();
  service = await startService(emulator, path.join(directory, 'service'));
  workItemId = await emulator.createWorkItem('protocol checks');
});

after(async () => {
  await service?.stop();
  await emulator?.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('client sending a wrong Upload-Checksum gets 460', async () => {
  const wrongDigest = `sha256 ${Buffer.alloc(32).toString('base64')}`;

  const { upload, done } = startUpload(Buffer.from('bytes whose digest is not zero'), {
    endpoint: service.uploadsUrl,
    headers: { 'Upload-Checksum': wrongDigest },
    retryDelays: [],
    metadata: metadataFor('checksum.txt', workItemId),
  });
  const error = await done.then(() => assert.fail('upload with a wrong checksum succeeded'), (e) => e);
  const response = await head(upload.url);

  assert.equal(error.originalResponse.getStatus(), 460);
  assert.equal(response.headers.get('upload-offset'), '0');
});

test('raw PATCH with wrong checksum keeps the offset, right checksum appends', async () => {
  const body = randomBytes(1000);
  const created = await fetch(service.uploadsUrl, {
    method: 'POST',
    headers: {
      ...tusHeaders,
      'Upload-Length': String(body.length),
      'Upload-Metadata': `filename ${base64('raw.bin')},workItemId ${base64(String(workItemId))}`,
    },
  });
  assert.equal(created.status, 201);
  const uploadUrl = new URL(created.headers.get('location'), service.url).href;
  const patch = (checksum) => service.tus(uploadUrl, 'PATCH', {
    'Content-Type': 'application/offset+octet-stream',
    'Upload-Offset': '0',
    'Upload-Checksum': checksum,
  }, body);

  const rejected = await patch(`sha1 ${createHash('sha1').update('other').digest('base64')}`);
  const problem = await rejected.json();
  const offsetAfterReject = (await head(uploadUrl)).headers.get('upload-offset');
  const accepted = await patch(`sha1 ${createHash('sha1').update(body).digest('base64')}`);

  assert.equal(rejected.status, 460);
  assert.equal(rejected.headers.get('content-type'), 'application/problem+json');
  assert.equal(problem.header, 'Upload-Checksum');
  assert.equal(offsetAfterReject, '0');
  assert.equal(accepted.status, 204);
  assert.equal(accepted.headers.get('upload-offset'), '1000');
});

test('terminated upload is gone and its session says TERMINATED', async () => {
  const upload = await uploadFirstChunk(randomBytes(512 * 1024), {
    endpoint: service.uploadsUrl,
    chunkSize: 128 * 1024,
    metadata: metadataFor('terminate.bin', workItemId),
  }, true);

  const response = await head(upload.url);
  const session = await service.uploadSession(uploadIdOf(upload.url));

  assert.equal(response.status, 404);
  assert.equal(session.status, 'TERMINATED');
  assert.equal(session.attachmentId, null);
});

test('expired upload returns 410, and 404 once cleanup removes it', async () => {
  const expiringDirectory = path.join(directory, 'expiring');
  let expiring = await startService(emulator, expiringDirectory, { Tus__Expiration: '00:00:01' });
  try {
    const data = randomBytes(256 * 1024);
    const upload = await uploadFirstChunk(data, {
      endpoint: expiring.uploadsUrl,
      chunkSize: 64 * 1024,
      metadata: metadataFor('expire.bin', workItemId),
    });
    const id = uploadIdOf(upload.url);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const expired = await head(upload.url);
    const resumeError = await runUpload(data, { uploadUrl: upload.url, retryDelays: [] })
      .then(() => assert.fail('resuming an expired upload succeeded'), (e) => e);

    assert.equal(expired.status, 410);
    assert.equal(expired.headers.get('tus-resumable'), '1.0.0');
    assert.equal(resumeError.originalResponse.getStatus(), 410);

    // The cleanup service runs once at start-up and then hourly.
    expiring = await expiring.restart();
    const removedUrl = new URL(new URL(upload.url).pathname, expiring.url);
    const removed = await waitFor('the expired upload is removed', async () => {
      const response = await head(removedUrl);
      return response.status === 404 ? response : undefined;
    });
    const session = await expiring.uploadSession(id);
    const tusDirectory = path.join(expiringDirectory, 'content', '.uploads');

    assert.equal(removed.status, 404);
    assert.equal(session.status, 'EXPIRED');
    assert.equal(existsSync(path.join(tusDirectory, `${id}.bin`)), false);
    assert.equal(existsSync(path.join(tusDirectory, `${id}.info.json`)), false);
  } finally {
    await expiring.stop();
  }
});

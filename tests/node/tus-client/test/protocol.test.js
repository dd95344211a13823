// Checks checksum rejection, termination and expiry with tus-js-client and raw requests against the test host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { startHost } from '../lib/host.js';
import { head, metadataFor, runUpload, startUpload, storedUpload, tusHeaders } from '../lib/uploads.js';

const base64 = (text) => Buffer.from(text).toString('base64');
let directory;
let host;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-protocol-'));
  host = await startHost(path.join(directory, 'store'));
});

after(async () => {
  await host?.stop();
  rmSync(directory, { recursive: true, force: true });
});

test('client sending a wrong Upload-Checksum gets 460', async () => {
  const wrongDigest = `sha256 ${Buffer.alloc(32).toString('base64')}`;

  const { upload, done } = startUpload(Buffer.from('bytes whose digest is not zero'), {
    endpoint: `${host.url}/files`,
    headers: { 'Upload-Checksum': wrongDigest },
    retryDelays: [],
    metadata: metadataFor('checksum.txt'),
  });
  const error = await done.then(() => assert.fail('upload with a wrong checksum succeeded'), (e) => e);

  assert.equal(error.originalResponse.getStatus(), 460);
  const response = await head(upload.url);
  assert.equal(response.headers.get('upload-offset'), '0');
});

test('raw PATCH with wrong checksum keeps the offset, right checksum appends', async () => {
  const body = randomBytes(1000);
  const created = await fetch(`${host.url}/files`, {
    method: 'POST',
    headers: {
      ...tusHeaders,
      'Upload-Length': String(body.length),
      'Upload-Metadata': `filename ${base64('raw.bin')},workItemId ${base64('7')}`,
    },
  });
  assert.equal(created.status, 201);
  const uploadUrl = new URL(created.headers.get('location'), host.url).href;
  const patch = (checksum) => fetch(uploadUrl, {
    method: 'PATCH',
    headers: {
      ...tusHeaders,
      'Content-Type': 'application/offset+octet-stream',
      'Upload-Offset': '0',
      'Upload-Checksum': checksum,
    },
    body,
  });

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

test('terminated upload is gone', async () => {
  let upload;
  const terminated = new Promise((resolve, reject) => {
    upload = new tus.Upload(randomBytes(512 * 1024), {
      endpoint: `${host.url}/files`,
      chunkSize: 128 * 1024,
      retryDelays: [],
      metadata: metadataFor('terminate.bin'),
      onChunkComplete() {
        upload.abort(true).then(resolve, reject);
      },
      onError: reject,
    });
    upload.start();
  });
  await terminated;

  const response = await head(upload.url);
  assert.equal(response.status, 404);
  assert.deepEqual(await storedUpload(host.url, upload.url), { status: 404 });
});

test('expired upload returns 410 until cleanup removes it', async () => {
  const expiringDirectory = path.join(directory, 'expiring');
  const expiringHost = await startHost(expiringDirectory, { expiration: '00:00:01' });
  try {
    const data = randomBytes(256 * 1024);
    let upload;
    await new Promise((resolve, reject) => {
      upload = new tus.Upload(data, {
        endpoint: `${expiringHost.url}/files`,
        chunkSize: 64 * 1024,
        retryDelays: [],
        metadata: metadataFor('expire.bin'),
        onChunkComplete() {
          upload.abort().then(resolve, reject);
        },
        onError: reject,
      });
      upload.start();
    });
    const id = new URL(upload.url).pathname.split('/').pop();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const expired = await head(upload.url);
    const resumeError = await runUpload(data, { uploadUrl: upload.url, retryDelays: [] })
      .then(() => assert.fail('resuming an expired upload succeeded'), (e) => e);
    const cleanup = await (await fetch(`${expiringHost.url}/test/cleanup`, { method: 'POST' })).json();
    const removed = await head(upload.url);

    assert.equal(expired.status, 410);
    assert.equal(expired.headers.get('tus-resumable'), '1.0.0');
    assert.equal(resumeError.originalResponse.getStatus(), 410);
    assert.deepEqual(cleanup, { removed: 1 });
    assert.equal(removed.status, 404);
    assert.equal(existsSync(path.join(expiringDirectory, `${id}.bin`)), false);
    assert.equal(existsSync(path.join(expiringDirectory, `${id}.info.json`)), false);
  } finally {
    await expiringHost.stop();
  }
});

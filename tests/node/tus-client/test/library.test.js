// Checks the tus library alone, behind tests/AttachmentSync.Tus.TestHost, where its completion handler counts its
// calls: the service deduplicates by content, so only here does a second call of the handler show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startHost } from '../lib/host.js';
import { startProxy } from '../lib/proxy.js';
import { metadataFor, retryDelays, runUpload, tusHeaders } from '../lib/uploads.js';

const chunkSize = 64 * 1024;
let directory;
let host;
let proxy;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-library-'));
  host = await startHost(path.join(directory, 'store'));
  proxy = await startProxy(host.port);
});

after(async () => {
  await proxy?.stop();
  await host?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function storedUpload(uploadUrl) {
  const id = new URL(uploadUrl).pathname.split('/').pop();
  const response = await fetch(`${host.url}/test/uploads/${id}`);
  return response.json();
}

test('completion handler runs once when the last response is lost', async () => {
  const data = randomBytes(3 * chunkSize + 100);
  const lastOffset = 3 * chunkSize;
  let dropped = false;

  const upload = await runUpload(data, {
    endpoint: `${proxy.url}/files`,
    chunkSize,
    retryDelays,
    metadata: metadataFor('once.bin'),
    onBeforeRequest(request) {
      if (!dropped && request.getMethod() === 'PATCH' && request.getHeader('Upload-Offset') === String(lastOffset)) {
        dropped = true;
        proxy.dropNextResponse();
      }
    },
  });
  const uploadUrl = new URL(new URL(upload.url).pathname, host.url).href;
  const repeat = await fetch(uploadUrl, {
    method: 'PATCH',
    headers: { ...tusHeaders, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(lastOffset) },
    body: data.subarray(lastOffset),
  });
  const stored = await storedUpload(uploadUrl);

  assert.equal(dropped, true);
  assert.equal(proxy.cuts, 1);
  assert.equal(repeat.status, 409);
  assert.equal(stored.offset, data.length);
  assert.equal(stored.completions, 1);
});

// Uploads real files with tus-js-client through a proxy that cuts the connection mid-request, and across a host
// restart, and checks the stored bytes equal the source.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../lib/host.js';
import { startProxy } from '../lib/proxy.js';
import {
  head, metadataFor, runUpload, sha256OfFile, startUpload, storedUpload, writeRandomFile,
} from '../lib/uploads.js';

const fixture = fileURLToPath(new URL('../../../fixtures/real-files/f3.jpg', import.meta.url));
const retryDelays = [0, 100, 250, 500, 1000, 2000, 3000];
let directory;
let host;
let proxy;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-resume-'));
  host = await startHost(path.join(directory, 'store'));
  proxy = await startProxy(host.port);
});

after(async () => {
  await proxy?.stop();
  await host?.stop();
  rmSync(directory, { recursive: true, force: true });
});

async function assertStoredEqualsSource(uploadUrl, file) {
  const stored = await storedUpload(host.url, uploadUrl);
  assert.equal(stored.offset, statSync(file).size);
  assert.equal(stored.length, statSync(file).size);
  assert.equal(stored.sha256, await sha256OfFile(file));
  assert.equal(stored.completions, 1);
}

test('real file resumes after two cut connections', async () => {
  proxy.cutAt([80_000, 190_000]);

  const upload = await runUpload(createReadStream(fixture), {
    endpoint: `${proxy.url}/files`,
    chunkSize: 64 * 1024,
    retryDelays,
    metadata: metadataFor('f3.jpg'),
  });

  assert.equal(proxy.cuts, 2);
  await assertStoredEqualsSource(upload.url, fixture);
});

test('random file with data during creation resumes after two cuts', async () => {
  const file = writeRandomFile(directory, 'random.bin', 4 * 1024 * 1024 + 123);
  const cutsBefore = proxy.cuts;
  proxy.cutAt([1_500_000, 3_000_000]);

  const upload = await runUpload(createReadStream(file), {
    endpoint: `${proxy.url}/files`,
    chunkSize: 1024 * 1024,
    uploadDataDuringCreation: true,
    retryDelays,
    metadata: metadataFor('random.bin'),
  });

  assert.equal(proxy.cuts - cutsBefore, 2);
  await assertStoredEqualsSource(upload.url, file);
});

test('upload resumes after the host process restarts', async () => {
  const file = writeRandomFile(directory, 'restart.bin', 3 * 1024 * 1024);
  const size = statSync(file).size;
  let killed;

  // The host is killed (SIGKILL, like a crash) once 1 MiB is stored; without retries the client then fails.
  const { upload, done } = startUpload(createReadStream(file), {
    endpoint: `${proxy.url}/files`,
    chunkSize: 256 * 1024,
    retryDelays: [],
    metadata: metadataFor('restart.bin'),
    onChunkComplete(_chunkSize, bytesAccepted) {
      if (!killed && bytesAccepted >= 1024 * 1024) {
        killed = host.stop('SIGKILL');
      }
    },
  });
  await assert.rejects(done);
  await killed;
  const uploadUrl = upload.url;

  host = await startHost(path.join(directory, 'store'));
  proxy.targetPort = host.port;
  const response = await head(uploadUrl);
  const storedOffset = Number(response.headers.get('upload-offset'));
  assert.equal(response.status, 200);
  assert.ok(storedOffset >= 1024 * 1024, `offset ${storedOffset} after restart`);
  assert.ok(storedOffset < size, `offset ${storedOffset} after restart`);

  let firstProgress;
  await runUpload(createReadStream(file), {
    uploadUrl,
    chunkSize: 256 * 1024,
    retryDelays,
    onProgress(bytesSent) {
      firstProgress ??= bytesSent;
    },
  });

  assert.ok(firstProgress >= storedOffset, `resumed from ${firstProgress}, stored ${storedOffset}`);
  await assertStoredEqualsSource(uploadUrl, file);
});

// Uploads files to the service with tus-js-client through a proxy that cuts the connection mid-request, and across
// a service crash, then follows each file to the emulator's work item and back out of the content endpoint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../lib/emulator.js';
import { startProxy } from '../lib/proxy.js';
import { startService, uploadsPath } from '../lib/service.js';
import { waitUntilSynced } from '../lib/sync.js';
import {
  head, metadataFor, retryDelays, runUpload, sha256OfFile, startUpload, writeRandomFile,
} from '../lib/uploads.js';

const fixture = fileURLToPath(new URL('../../../fixtures/real-files/f3.jpg', import.meta.url));
let directory;
let emulator;
let service;
let proxy;

before(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'tus-client-resume-'));
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

/** Checks that the file is on the work item once, with the same bytes, and readable from the service. */
async function assertLandedOnWorkItem(uploadUrl, file, workItemId) {
  const size = statSync(file).size;
  const sha256 = await sha256OfFile(file);
  const record = await waitUntilSynced(service, uploadUrl);
  const relations = await emulator.attachedFiles(workItemId);
  const [relation] = relations;
  const inEmulator = await emulator.attachmentDigest(relation.url);
  const readBack = await service.contentDigest(record.id);

  assert.equal(record.sha256, sha256);
  assert.equal(record.fileSize, size);
  assert.equal(relations.length, 1);
  assert.equal(relation.name, path.basename(file));
  assert.equal(relation.size, size);
  assert.equal(inEmulator.sha256, sha256);
  assert.equal(inEmulator.length, size);
  assert.equal(readBack.sha256, sha256);
  assert.equal(readBack.length, size);
}

test('real file resumes after two cut connections and lands on the work item', async () => {
  const workItemId = await emulator.createWorkItem('photo from a flaky VPN');
  proxy.cutAt([80_000, 190_000]);

  const upload = await runUpload(createReadStream(fixture), {
    endpoint: `${proxy.url}${uploadsPath}`,
    chunkSize: 64 * 1024,
    retryDelays,
    metadata: metadataFor('f3.jpg', workItemId),
  });
  const response = await head(upload.url);

  assert.equal(proxy.cuts, 2);
  assert.equal(response.headers.get('upload-offset'), String(statSync(fixture).size));
  await assertLandedOnWorkItem(upload.url, fixture, workItemId);
});

test('data sent during creation resumes after two cuts', async () => {
  const workItemId = await emulator.createWorkItem('log sent with its creation request');
  const file = writeRandomFile(directory, 'creation.bin', 4 * 1024 * 1024 + 123);
  const cutsBefore = proxy.cuts;
  proxy.cutAt([1_500_000, 3_000_000]);

  const upload = await runUpload(createReadStream(file), {
    endpoint: `${proxy.url}${uploadsPath}`,
    chunkSize: 1024 * 1024,
    uploadDataDuringCreation: true,
    retryDelays,
    metadata: metadataFor('creation.bin', workItemId),
  });

  assert.equal(proxy.cuts - cutsBefore, 2);
  await assertLandedOnWorkItem(upload.url, file, workItemId);
});

test('upload resumes after the service process is killed and restarted', async () => {
  const workItemId = await emulator.createWorkItem('log sent across a service crash');
  const file = writeRandomFile(directory, 'restart.bin', 3 * 1024 * 1024);
  const size = statSync(file).size;
  let killed;

  // The service is killed (SIGKILL, like a crash) once 1 MiB is stored; without retries the client then fails.
  const { upload, done } = startUpload(createReadStream(file), {
    endpoint: `${proxy.url}${uploadsPath}`,
    chunkSize: 256 * 1024,
    retryDelays: [],
    metadata: metadataFor('restart.bin', workItemId),
    onChunkComplete(_chunkSize, bytesAccepted) {
      if (!killed && bytesAccepted >= 1024 * 1024) {
        killed = service.stop('SIGKILL');
      }
    },
  });
  await assert.rejects(done);
  await killed;
  const uploadUrl = upload.url;

  service = await service.restart();
  proxy.targetPort = service.port;
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
  await assertLandedOnWorkItem(uploadUrl, file, workItemId);
});

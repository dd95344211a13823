'use strict';
// Calls the emulator through Microsoft's official Node client (azure-devops-node-api) over real HTTP.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { Readable } = require('node:stream');
const azdev = require('azure-devops-node-api');
const { startEmulator } = require('../lib/emulator');

const pat = 'conformance-test-pat';
let emulator;
let connection;
let wit;

before(async () => {
  emulator = await startEmulator(pat);
  connection = new azdev.WebApi(emulator.organizationUrl, azdev.getPersonalAccessTokenHandler(pat));
  wit = await connection.getWorkItemTrackingApi();
});

after(async () => {
  if (emulator) {
    await emulator.stop();
  }
});

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function createTask(title) {
  return wit.createWorkItem(null, [{ op: 'add', path: '/fields/System.Title', value: title }], 'Demo', 'Task');
}

async function uploadText(name, text) {
  return wit.createAttachment(null, Readable.from([Buffer.from(text)]), name, undefined, 'Demo');
}

test('createAttachment stores a text body', async () => {
  const reference = await uploadText('notes.txt', 'plain text attachment');
  assert.match(reference.id, /^[0-9a-f-]{36}$/);
  assert.match(reference.url, new RegExp(`/_apis/wit/attachments/${reference.id}\\?fileName=notes.txt$`));
  const content = await readAll(await wit.getAttachmentContent(reference.id, 'notes.txt', 'Demo'));
  assert.equal(content.toString(), 'plain text attachment');
});

test('createAttachment keeps binary bytes unchanged', async () => {
  const bytes = Buffer.alloc(300000);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = (i * 31 + 7) % 256;
  }
  const reference = await wit.createAttachment(null, Readable.from([bytes]), 'data.bin', undefined, 'Demo');
  const content = await readAll(await wit.getAttachmentContent(reference.id, 'data.bin', undefined, true));
  assert.equal(content.length, bytes.length);
  assert.ok(content.equals(bytes), 'downloaded bytes differ from the uploaded ones');
});

test('createWorkItem and getWorkItem return the item', async () => {
  const created = await createTask('Created by the Node client');
  assert.equal(created.rev, 1);
  assert.equal(created.fields['System.Title'], 'Created by the Node client');
  assert.equal(created.fields['System.WorkItemType'], 'Task');
  const read = await wit.getWorkItem(created.id, undefined, undefined, 1 /* Relations */, 'Demo');
  assert.equal(read.id, created.id);
  assert.equal(read.fields['System.TeamProject'], 'Demo');
  assert.match(read.fields['System.ChangedDate'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/);
});

test('updateWorkItem adds and removes an AttachedFile relation', async () => {
  const item = await createTask('Has an attachment');
  const reference = await uploadText('spec.txt', 'the spec');
  const added = await wit.updateWorkItem(null, [
    { op: 'test', path: '/rev', value: item.rev },
    { op: 'add', path: '/relations/-', value: { rel: 'AttachedFile', url: reference.url, attributes: { comment: 'Spec for the work' } } },
  ], item.id, 'Demo');
  assert.equal(added.rev, 2);
  assert.equal(added.relations.length, 1);
  const relation = added.relations[0];
  assert.equal(relation.rel, 'AttachedFile');
  assert.ok(!relation.url.includes('?'), `relation url keeps a query string: ${relation.url}`);
  assert.ok(relation.url.endsWith(reference.id));
  assert.equal(relation.attributes.name, 'spec.txt');
  assert.equal(relation.attributes.comment, 'Spec for the work');
  assert.equal(relation.attributes.resourceSize, 8);
  assert.equal(typeof relation.attributes.id, 'number');

  const withRelations = await wit.getWorkItem(item.id, undefined, undefined, 1, 'Demo');
  assert.equal(withRelations.relations.length, 1);

  const removed = await wit.updateWorkItem(null, [
    { op: 'test', path: '/rev', value: 2 },
    { op: 'remove', path: '/relations/0' },
  ], item.id, 'Demo');
  assert.equal(removed.rev, 3);
  assert.equal(removed.relations, undefined);

  const updates = await wit.getUpdates(item.id, undefined, undefined, 'Demo');
  assert.equal(updates.length, 3);
  assert.equal(updates[1].relations.added[0].url, relation.url);
  assert.equal(updates[2].relations.removed[0].url, relation.url);
});

test('updateWorkItem with a failing test /rev applies nothing', async () => {
  const item = await createTask('Stale rev');
  await assert.rejects(
    wit.updateWorkItem(null, [
      { op: 'test', path: '/rev', value: 99 },
      { op: 'add', path: '/fields/System.Title', value: 'must not be stored' },
    ], item.id, 'Demo'),
    (error) => {
      assert.equal(error.statusCode, 412);
      assert.match(error.message, /Test Operation for path \/rev failed/);
      return true;
    });
  const read = await wit.getWorkItem(item.id, undefined, undefined, undefined, 'Demo');
  assert.equal(read.rev, 1);
  assert.equal(read.fields['System.Title'], 'Stale rev');
});

test('getWorkItemsBatch returns items with relations', async () => {
  const first = await createTask('Batch one');
  const second = await createTask('Batch two');
  const reference = await uploadText('batch.txt', 'batch');
  await wit.updateWorkItem(null, [
    { op: 'add', path: '/relations/-', value: { rel: 'AttachedFile', url: reference.url } },
  ], second.id, 'Demo');
  const batch = await wit.getWorkItemsBatch({ ids: [first.id, second.id], $expand: 1 }, 'Demo');
  assert.equal(batch.length, 2);
  assert.deepEqual(batch.map((i) => i.id), [first.id, second.id]);
  assert.equal(batch[0].relations, undefined);
  assert.equal(batch[1].relations.length, 1);
  assert.equal(batch[1].relations[0].attributes.name, 'batch.txt');
});

test('queryByWiql filters on System.ChangedDate', async () => {
  const before = await createTask('Before the watermark');
  const watermark = new Date(before.fields['System.ChangedDate']).toISOString();
  const later = await createTask('After the watermark');
  const result = await wit.queryByWiql({
    query: 'SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project ' +
      `AND [System.ChangedDate] > '${watermark}' ORDER BY [System.ChangedDate] ASC`,
  }, { project: 'Demo' }, undefined, 200);
  const ids = result.workItems.map((w) => w.id);
  assert.ok(ids.includes(later.id), `later item ${later.id} missing from ${ids}`);
  assert.ok(!ids.includes(before.id), `item ${before.id} at the watermark should be excluded`);
  assert.equal(result.queryType, 1 /* QueryType.Flat */);
  assert.ok(result.asOf instanceof Date);
  assert.equal(result.columns[0].referenceName, 'System.Id');
});

test('hook subscriptions can be created, read and deleted', async () => {
  const received = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const hookUrl = `http://127.0.0.1:${server.address().port}/hook`;
    const base = emulator.organizationUrl;
    const options = { acceptHeader: 'application/json;api-version=7.1' };
    const created = await connection.rest.create(`${base}/_apis/hooks/subscriptions?api-version=7.1`, {
      publisherId: 'tfs',
      eventType: 'workitem.created',
      resourceVersion: '1.0',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      publisherInputs: { projectId: '' },
      consumerInputs: { url: hookUrl, basicAuthUsername: 'hook', basicAuthPassword: 'secret-value' },
    }, options);
    assert.equal(created.statusCode, 200);
    const id = created.result.id;
    assert.equal(created.result.status, 'enabled');
    assert.equal(created.result.consumerInputs.basicAuthPassword, '********');

    const read = await connection.rest.get(`${base}/_apis/hooks/subscriptions/${id}?api-version=7.1`, options);
    assert.equal(read.result.id, id);

    const item = await createTask('Hooked');
    const deadline = Date.now() + 10000;
    while (!received.some((p) => p.resource.id === item.id) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const payload = received.find((p) => p.resource.id === item.id);
    assert.ok(payload, 'workitem.created was not delivered');
    assert.equal(payload.eventType, 'workitem.created');
    assert.equal(payload.subscriptionId, id);

    const deleted = await connection.rest.del(`${base}/_apis/hooks/subscriptions/${id}?api-version=7.1`, options);
    assert.equal(deleted.statusCode, 204);
    const gone = await connection.rest.get(`${base}/_apis/hooks/subscriptions/${id}?api-version=7.1`, options)
      .then((r) => r.statusCode, (e) => e.statusCode);
    assert.equal(gone, 404);
  } finally {
    server.close();
  }
});

// HTTP client of bench/run for the measures that need many requests or fine timing:
//   seed COUNT          creates COUNT work items on the emulator, prints their ids (one line, space-separated)
//   get-each FIRST LAST reads every work item in FIRST..LAST with its relations, one GET each (P6 reference)
//   latency WORK_ITEM SAMPLES BYTES
//                       adds SAMPLES attachments of BYTES on the emulator and prints, per sample, the seconds
//                       from sending the relation's PATCH until the service lists the attachment as SYNCED (P7)
// Settings come from the environment: EMU_URL, SVC_URL, BENCH_PAT.
import { randomBytes } from 'node:crypto';

const emulator = process.env.EMU_URL;
const service = process.env.SVC_URL;
const auth = 'Basic ' + Buffer.from(':' + process.env.BENCH_PAT).toString('base64');
const project = `${emulator}/emulator/Demo/_apis/wit`;

async function ado(method, url, body, contentType) {
  const response = await fetch(url, {
    method,
    headers: { Authorization: auth, ...(contentType ? { 'Content-Type': contentType } : {}) },
    body,
  });
  if (!response.ok) {
    throw new Error(`${method} ${url} failed with ${response.status}: ${await response.text()}`);
  }

  return response.json();
}

// Runs task(i) for i in 0..count-1 with at most `parallel` in flight.
async function pool(count, parallel, task) {
  let next = 0;
  const results = new Array(count);
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return results;
}

async function seed(count) {
  const ids = await pool(count, 16, async (i) => {
    const patch = [{ op: 'add', path: '/fields/System.Title', value: `bench item ${i}` }];
    const item = await ado('POST', `${project}/workitems/$Task?api-version=7.1`, JSON.stringify(patch),
      'application/json-patch+json');
    return item.id;
  });
  console.log(ids.join(' '));
}

async function getEach(first, last) {
  for (let id = first; id <= last; id++) {
    await ado('GET', `${project}/workitems/${id}?$expand=Relations&api-version=7.1`);
  }
}

async function isSynced(workItem, attachmentId) {
  const response = await fetch(`${service}/api/sync/attachments/${workItem}`);
  if (!response.ok) {
    return false;
  }

  const records = await response.json();
  const list = Array.isArray(records) ? records : records.attachments ?? [];
  return list.some((record) => record.adoAttachmentId === attachmentId && record.syncStatus === 'SYNCED');
}

async function latency(workItem, samples, bytes) {
  for (let i = 0; i < samples; i++) {
    const name = `added-${i}.bin`;
    const attachment = await ado('POST', `${project}/attachments?fileName=${name}&uploadType=Simple&api-version=7.1`,
      randomBytes(bytes), 'application/octet-stream');
    const patch = [{
      op: 'add',
      path: '/relations/-',
      value: { rel: 'AttachedFile', url: attachment.url, attributes: { comment: 'added on the emulator' } },
    }];
    const start = process.hrtime.bigint();
    await ado('PATCH', `${project}/workitems/${workItem}?api-version=7.1`, JSON.stringify(patch),
      'application/json-patch+json');
    const deadline = Date.now() + 60_000;
    while (!(await isSynced(workItem, attachment.id))) {
      if (Date.now() > deadline) {
        throw new Error(`attachment ${attachment.id} was not SYNCED in the service after 60 s`);
      }

      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    console.log((Number(process.hrtime.bigint() - start) / 1e9).toFixed(3));
    // Each sample starts from a quiet service, as a user adding files by hand would see it.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const [command, ...args] = process.argv.slice(2);
const numbers = args.map(Number);
switch (command) {
  case 'seed':
    await seed(numbers[0]);
    break;
  case 'get-each':
    await getEach(numbers[0], numbers[1]);
    break;
  case 'latency':
    await latency(numbers[0], numbers[1], numbers[2]);
    break;
  default:
    console.error('Usage: client.mjs seed COUNT | get-each FIRST LAST | latency WORK_ITEM SAMPLES BYTES');
    process.exit(2);
}

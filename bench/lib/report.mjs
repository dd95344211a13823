// Writes bench/results.md from the raw figures: report.mjs OUT_DIR RESULTS_FILE.
// Each bench/out/raw-PN.txt contains "key value" lines, one per run and key; the table shows medians.
// bench/notes.md, written by hand (method and profiling notes), is appended as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [outDir, resultsFile] = process.argv.slice(2);
const env = Object.fromEntries(readFileSync(join(outDir, 'run.env'), 'utf8').trim().split('\n')
  .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));

function readRaw(id) {
  const path = join(outDir, `raw-${id}.txt`);
  const values = {};
  if (!existsSync(path)) {
    return values;
  }

  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key) {
      (values[key] ??= []).push(value);
    }
  }

  return values;
}

function median(list) {
  const numbers = (list ?? []).map(Number).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (numbers.length === 0) {
    return null;
  }

  const middle = Math.floor(numbers.length / 2);
  return numbers.length % 2 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2;
}

const format = (value, digits = 1) => value === null || value === undefined ? 'not measured'
  : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const unit = (value, suffix, digits = 1) => value === null || value === undefined ? 'not measured'
  : format(value, digits) + suffix;
const ratio = (ours, reference) => ours === null || reference === null || reference === 0 ? '—'
  : (ours / reference).toFixed(2) + '×';
const verdict = (ok) => ok === null ? 'not measured' : ok ? 'yes' : '**no**';
const size = (bytes) => bytes >= 1 << 30 ? `${bytes / 2 ** 30} GiB` : `${bytes / 2 ** 20} MiB`;

const raw = Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8'].map((id) => [id, readRaw(id)]));
const m = (id, key) => median(raw[id][key]);
const rows = [];

function rateRow(id, label, referenceLabel, goal) {
  const ours = m(id, 'ours_mib_s');
  const reference = m(id, 'reference_mib_s');
  const met = ours === null || reference === null ? null : ours >= goal * reference;
  rows.push([id, label, unit(ours, ' MiB/s'), `${unit(reference, ' MiB/s')} (${referenceLabel})`,
    ratio(ours, reference), `≥ ${goal}×`, verdict(met)]);
}

const transfer = size(Number(env.transfer_bytes));
rateRow('P1', `ingest ${transfer} tool → service, stored and hashed`, 'curl PUT to nginx, body to disk', 0.8);
rateRow('P2', `push ${transfer} service → emulator, chunked`, 'curl chunked upload to the emulator', 0.8);

const large = m('P3', 'large_peak_mb');
const small = m('P3', 'small_peak_mb');
rows.push(['P3', `peak RSS moving ${size(Number(env.memory_bytes))} in and out (MB = 10^6 bytes)`, unit(large, ' MB'), '—', '—',
  '≤ 200 MB', verdict(large === null ? null : large <= 200)]);
rows.push(['P3', `growth over ${size(Number(env.memory_small_bytes))} (${unit(small, ' MB')})`,
  large === null || small === null ? 'not measured' : `+${format(large - small)} MB`, '—', '—', '≤ +32 MB',
  verdict(large === null || small === null ? null : large - small <= 32)]);

rateRow('P4', 'SHA-256 rate of the content store', 'sha256sum', 0.9);

const acked = m('P5', 'ours_acked_per_s');
const p99 = m('P5', 'ours_p99_ms');
const connections = env.webhook_connections;
rows.push(['P5', `webhook deliveries acked, ${connections} senders`, unit(acked, '/s', 0), '—', '—', '≥ 2,000/s',
  verdict(acked === null ? null : acked >= 2000)]);
rows.push(['P5', 'webhook ack latency p99', `${unit(p99, ' ms')} (p50 ${unit(m('P5', 'ours_p50_ms'), ' ms')})`, '—',
  '—', '≤ 25 ms', verdict(p99 === null ? null : p99 <= 25)]);

const items = Number(env.reconcile_items);
const referenceRequests = m('P6', 'reference_requests');
const referenceSeconds = m('P6', 'reference_seconds');
if (m('P6', 'sweep_observed')) {
  const requests = m('P6', 'ours_requests');
  const seconds = m('P6', 'ours_seconds');
  rows.push(['P6', `reconcile sweep, ${items.toLocaleString('en-US')} unchanged work items: requests`,
    format(requests, 0), `${format(referenceRequests, 0)} (one GET each)`, ratio(requests, referenceRequests),
    '≤ 60', verdict(requests <= 60)]);
  rows.push(['P6', 'reconcile sweep: time', `${format(seconds)} s`, `${format(referenceSeconds)} s`,
    ratio(seconds, referenceSeconds), '≤ 10 s', verdict(seconds <= 10)]);
} else if (raw.P6.force_sync_sample) {
  // No sweep in this build: force-sync per work item, scaled from the sample (an estimate).
  const sample = m('P6', 'force_sync_sample');
  const requests = m('P6', 'force_sync_requests') / sample * items;
  const seconds = m('P6', 'force_sync_seconds') / sample * items;
  rows.push(['P6', `reconcile ${items.toLocaleString('en-US')} unchanged work items: requests (no sweep; ` +
    `force-sync each, estimated from ${sample})`, `≈ ${format(requests, 0)}`, `${format(referenceRequests, 0)}`,
    ratio(requests, referenceRequests), '≤ 60', verdict(requests <= 60)]);
  rows.push(['P6', 'reconcile: time (same estimate)', `≈ ${format(seconds, 0)} s`, `${format(referenceSeconds)} s`,
    ratio(seconds, referenceSeconds), '≤ 10 s', verdict(seconds <= 10)]);
} else {
  rows.push(['P6', 'reconcile unchanged work items', 'not measured', '—', '—', '≤ 60 requests, ≤ 10 s',
    'not measured']);
}

const p50 = m('P7', 'ours_p50_s');
rows.push(['P7', 'attachment added on the emulator → SYNCED in the service, p50', unit(p50, ' s', 3), '—', '—',
  '≤ 1 s', verdict(p50 === null ? null : p50 <= 1)]);

const sent = raw.P8.ours_bytes_sent ? Math.max(...raw.P8.ours_bytes_sent.map(Number)) : null;
rows.push(['P8', `re-upload of ${transfer} already stored (same and other work item)`,
  sent === null ? 'not measured' : `${sent.toLocaleString('en-US')} bytes sent`, '—', '—', '0 bytes',
  verdict(sent === null ? null : sent === 0)]);

const table = [
  '| id | measure | ours | reference | ratio | goal | met? |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');

const perRun = Object.entries(raw).filter(([, values]) => Object.keys(values).length)
  .map(([id, values]) => `- ${id}: ` + Object.entries(values)
    .filter(([key]) => !key.includes('_sample_s'))
    .map(([key, list]) => `${key} ${list.join(', ')}`).join('; '))
  .join('\n');

const allMeasures = 'P1,P2,P3,P4,P5,P6,P7,P8';
const partialNote = env.measured && env.measured !== allMeasures
  ? ` This run measured ${env.measured.replaceAll(',', ', ')} only: the other rows repeat what earlier runs left in
\`bench/out\`, measured on their own commits.`
  : '';

const notesPath = join(dirname(resultsFile), 'notes.md');
const notes = existsSync(notesPath) ? '\n' + readFileSync(notesPath, 'utf8') : '';
const text = `# Benchmark results

Written by \`bench/run\` (see [README.md](README.md)) on ${env.started} (finished ${env.finished}), commit
${env.commit}. Each figure is the median of ${env.runs} runs; every reference was measured in the same run on the
same machine.${partialNote}

Machine: ${env.machine}. Load average (1, 5, 15 min) ${env.load_before} at the start and ${env.load_after} at the
end${env.load_note ? `; ${env.load_note}` : ''}.${env.service_env ? `

Extra service settings of this run (diagnosis, not the default configuration): \`${env.service_env}\`.` : ''}

${table}

${env.memory_method === 'not run' ? 'P3 was not measured in this run.' : `P3 was measured by ${env.memory_method}.`}

Figures per run (the median of each list is in the table):

${perRun}
${notes}`;
writeFileSync(resultsFile, text);
console.log(table);

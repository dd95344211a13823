// Starts the Azure DevOps emulator (src/AdoEmulator, Release build) on a loopback port and acts on it through its
// REST API with its PAT, as a user of Azure DevOps would.
import { createHash, randomBytes } from 'node:crypto';
import { releaseBuild, startDotnet } from './processes.js';

const apiVersion = '7.1';

export async function startEmulator(settings = {}) {
  const dll = releaseBuild('src/AdoEmulator', 'AdoEmulator');
  const pat = `tus-suite-${randomBytes(12).toString('hex')}`;
  const env = { Emulator__Pat: pat, Logging__LogLevel__Default: 'Warning', ...settings };
  const child = await startDotnet('emulator', dll, ['--urls', 'http://127.0.0.1:0'], env,
    /Organization URL: (http:\/\/127\.0\.0\.1:\d+\/\S+)\s[\s\S]*?Project: (\S+) \(/);
  const organizationUrl = child.match[1];
  const project = child.match[2];
  const authorization = `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;

  const call = async (method, url, body, contentType) => {
    const target = new URL(url);
    target.searchParams.set('api-version', apiVersion);
    const response = await fetch(target, {
      method,
      headers: { Authorization: authorization, ...(contentType ? { 'Content-Type': contentType } : {}) },
      body,
    });
    if (!response.ok) {
      throw new Error(`${method} ${target.pathname} returned ${response.status}: ${await response.text()}`);
    }
    return response;
  };

  return {
    organizationUrl,
    project,
    pat,
    pid: child.pid,
    stop: (signal) => child.stop(signal),

    async createWorkItem(title) {
      const patch = [{ op: 'add', path: '/fields/System.Title', value: title }];
      const response = await call('POST', `${organizationUrl}/${project}/_apis/wit/workitems/$Bug`,
        JSON.stringify(patch), 'application/json-patch+json');
      return (await response.json()).id;
    },

    /** Returns the AttachedFile relations of a work item as { url, name, size }. */
    async attachedFiles(workItemId) {
      const url = new URL(`${organizationUrl}/${project}/_apis/wit/workitems/${workItemId}`);
      url.searchParams.set('$expand', 'relations');
      const item = await (await call('GET', url)).json();
      return (item.relations ?? [])
        .filter((relation) => relation.rel === 'AttachedFile')
        .map((relation) => ({
          url: relation.url,
          name: relation.attributes.name,
          size: relation.attributes.resourceSize,
        }));
    },

    /** Streams an attachment from the emulator and returns its SHA-256 and length. */
    async attachmentDigest(attachmentUrl) {
      const response = await call('GET', attachmentUrl);
      return digestOf(response.body);
    },
  };
}

/** Reads a web stream to its end and returns its SHA-256 (hex) and length. */
export async function digestOf(body) {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of body) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { sha256: hash.digest('hex'), length };
}

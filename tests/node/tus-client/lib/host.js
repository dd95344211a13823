// Starts the tus test host (tests/AttachmentSync.Tus.TestHost, Release build) as a child process on a loopback
// port, with its store in a directory the caller chooses.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const projectDirectory = path.join(repositoryRoot, 'tests/AttachmentSync.Tus.TestHost');
const hostDll = path.join(projectDirectory, 'bin/Release/net10.0/AttachmentSync.Tus.TestHost.dll');
const startTimeoutMs = 60_000;

/** Builds the test host when no Release build exists yet, for a run outside test.sh. */
function ensureBuilt() {
  if (existsSync(hostDll)) {
    return;
  }
  const build = spawnSync('dotnet', ['build', projectDirectory, '-c', 'Release', '-nologo', '-v', 'quiet'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    throw new Error(`building ${projectDirectory} failed with exit code ${build.status}`);
  }
}

/**
 * Starts a host and resolves once it prints its address.
 * `options.expiration` is a .NET time span such as "00:00:02".
 */
export async function startHost(directory, options = {}) {
  ensureBuilt();
  const args = [
    hostDll,
    '--urls', 'http://127.0.0.1:0',
    `--Tus:Directory=${directory}`,
    '--Tus:RequiredMetadataKeys:0=filename',
    '--Tus:RequiredMetadataKeys:1=workItemId',
  ];
  if (options.expiration) {
    args.push(`--Tus:Expiration=${options.expiration}`);
  }

  const child = spawn('dotnet', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tus test host did not start within ${startTimeoutMs} ms; output:\n${output}`));
    }, startTimeoutMs);
    const onData = (data) => {
      output += data;
      const match = /tus test host listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], port: Number(match[2]) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tus test host exited with code ${code} before starting; output:\n${output}`));
    });
  });

  return {
    ...address,
    /** Stops the host; `signal` SIGKILL simulates a crash. */
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}

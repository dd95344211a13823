// Starts .NET programs from their Release builds as child processes and waits until they print a line that shows
// they accept requests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

const startTimeoutMs = 60_000;

/**
 * Returns the path of a project's Release build, building the project first when the build is missing (a run
 * outside test.sh, which builds the solution before the Node suites).
 */
export function releaseBuild(projectDirectory, assemblyName) {
  const directory = path.join(repositoryRoot, projectDirectory);
  const dll = path.join(directory, 'bin/Release/net10.0', `${assemblyName}.dll`);
  if (existsSync(dll)) {
    return dll;
  }

  const build = spawnSync('dotnet', ['build', directory, '-c', 'Release', '-nologo', '-v', 'quiet'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    throw new Error(`building ${directory} failed with exit code ${build.status}`);
  }

  return dll;
}

/**
 * Runs `dotnet dll ...args` and resolves once its output matches `ready`, with the match and a handle to stop it.
 * The output is kept so that a failing test can show it.
 */
export async function startDotnet(name, dll, args, env, ready) {
  const child = spawn('dotnet', [dll, ...args], {
    cwd: path.dirname(dll),
    env: { ...process.env, DOTNET_NOLOGO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${startTimeoutMs} ms; output:\n${output}`));
    }, startTimeoutMs);
    const onData = (data) => {
      output += data;
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it started; output:\n${output}`));
    });
  });

  return {
    match,
    pid: child.pid,
    get output() {
      return output;
    },
    /** Stops the process; `signal` SIGKILL simulates a crash. */
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
      await exited;
    },
  };
}

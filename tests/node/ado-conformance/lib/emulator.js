'use strict';
// Starts the emulator from the Release build as a child process on a free loopback port and stops it again.
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const dll = path.join(repoRoot, 'src', 'AdoEmulator', 'bin', 'Release', 'net10.0', 'AdoEmulator.dll');
const startTimeoutMs = 30000;

async function startEmulator(pat) {
  if (!fs.existsSync(dll)) {
    throw new Error(`Emulator build not found at ${dll}. Run: dotnet build src/AdoEmulator -c Release`);
  }

  const child = spawn('dotnet', [dll, '--urls', 'http://127.0.0.1:0'], {
    cwd: repoRoot,
    env: { ...process.env, Emulator__Pat: pat, Emulator__HookRetryScale: '0.001' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const organizationUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Emulator did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /Organization URL: (http:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Emulator exited with code ${code} before it listened:\n${output}`));
    });
  });

  return {
    organizationUrl,
    async stop() {
      if (child.exitCode !== null) {
        return;
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

module.exports = { startEmulator };

// Starts the tus test host (tests/AttachmentSync.Tus.TestHost, Release build), which serves the tus library alone
// at /files, as a child process on a loopback port with its store in a directory the caller chooses.
import { releaseBuild, startDotnet } from './processes.js';

/** Starts a host. `options.expiration` is a .NET time span such as "00:00:02". */
export async function startHost(directory, options = {}) {
  const dll = releaseBuild('tests/AttachmentSync.Tus.TestHost', 'AttachmentSync.Tus.TestHost');
  const args = [
    '--urls', 'http://127.0.0.1:0',
    `--Tus:Directory=${directory}`,
    '--Tus:RequiredMetadataKeys:0=filename',
    '--Tus:RequiredMetadataKeys:1=workItemId',
  ];
  if (options.expiration) {
    args.push(`--Tus:Expiration=${options.expiration}`);
  }

  const child = await startDotnet('tus test host', dll, args, {},
    /tus test host listening on (http:\/\/127\.0\.0\.1:(\d+))/);
  return {
    url: child.match[1],
    port: Number(child.match[2]),
    /** Stops the host; `signal` SIGKILL simulates a crash. */
    stop: (signal) => child.stop(signal),
  };
}

// Follows a finished tus upload through the service's sync path to the emulator's work item.
import { waitFor } from './uploads.js';
import { uploadIdOf } from './service.js';

/**
 * Waits until the service has pushed the upload to Azure DevOps and returns its attachment record. Fails when the
 * record ends in another final state.
 */
export async function waitUntilSynced(service, uploadUrl) {
  const uploadId = uploadIdOf(uploadUrl);
  const session = await waitFor(`upload ${uploadId} is COMPLETED`, async () => {
    const current = await service.uploadSession(uploadId);
    return current.status === 'COMPLETED' && current.attachmentId ? current : undefined;
  });

  return waitFor(`attachment ${session.attachmentId} is SYNCED`, async () => {
    const records = await service.attachments(session.workItemId);
    const record = records.find((candidate) => candidate.id === session.attachmentId);
    if (record?.syncStatus === 'FAILED') {
      throw new Error(`attachment ${record.id} failed: ${record.statusReason}`);
    }
    return record?.syncStatus === 'SYNCED' ? record : undefined;
  });
}

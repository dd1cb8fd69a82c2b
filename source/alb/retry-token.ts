// Which ClientToken a retry of a change carries. A change whose asynchronous job ended Failed was
// rolled back by ALB, and the same token would only be answered with that failed job again: the
// retry needs a new one. After any other failure the call may have reached the service, so only the
// same token is safe. The wizard, the edit and apply-to-many all ask here.
import { randomUUID } from 'node:crypto';
import { isAlbError } from './errors.js';

/** Whether the error is a change's job that ended Failed (ALB rolled it back). */
export function isFailedJob(error: unknown): boolean {
  return isAlbError(error) && error.failedJobId !== undefined;
}

/** The token for a retry after `error`: a fresh one after a failed job, else undefined (keep the same). */
export function retryClientToken(error: unknown, fresh: () => string = randomUUID): string | undefined {
  return isFailedJob(error) ? fresh() : undefined;
}

// The one rule every change follows on a retry: a new ClientToken only after a job that failed.
import { describe, expect, it } from 'vitest';
import { AlbError } from '../../source/alb/errors.js';
import { isFailedJob, retryClientToken } from '../../source/alb/retry-token.js';
import { both } from '../../source/domain/i18n.js';

const failedJob = new AlbError({
  kind: 'server',
  code: 'JobFailed',
  message: both('rolled back', '已回滚'),
  failedJobId: 'job-1',
});
const lostReply = new AlbError({ kind: 'timeout', code: 'ReadTimeout', message: both('reset', '重置') });

describe('retryClientToken', () => {
  it('gives a new token after a failed job (the old one would only replay it)', () => {
    expect(isFailedJob(failedJob)).toBe(true);
    expect(retryClientToken(failedJob, () => 'fresh')).toBe('fresh');
    expect(retryClientToken(failedJob)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps the same token after anything else: the call may have reached the service', () => {
    for (const error of [lostReply, new Error('boom'), undefined]) {
      expect(isFailedJob(error)).toBe(false);
      expect(retryClientToken(error, () => 'fresh')).toBeUndefined();
    }
  });
});

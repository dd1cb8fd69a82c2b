// How the wizard (create and edit) takes a failed submit: a rolled-back job is sent again with a new
// ClientToken; any other failure keeps the token, retryable where the call may not have reached ALB.
import { describe, expect, it } from 'vitest';
import { AlbError } from '../../source/alb/errors.js';
import { submitFailure } from '../../source/ui/wizard/wizard-errors.js';

const message = { en: 'no', 'zh-CN': '不' };

describe('submitFailure', () => {
  it('a job ALB rolled back: submit-job-failed, with a fresh ClientToken for the retry', () => {
    const error = new AlbError({ kind: 'state', code: 'Listener.Conflict', message, failedJobId: 'job-1' });
    expect(submitFailure(error, () => 'token-2')).toEqual({
      type: 'submit-job-failed',
      code: 'Listener.Conflict',
      message,
      nextClientToken: 'token-2',
    });
  });

  it('a refusal: submit-failed with its code and parameter, not retryable', () => {
    const error = new AlbError({
      kind: 'invalid',
      code: 'IllegalParam.Port',
      message,
      parameter: 'ListenerPort',
    });
    expect(submitFailure(error, () => 'unused')).toEqual({
      type: 'submit-failed',
      code: 'IllegalParam.Port',
      message,
      parameter: 'ListenerPort',
      retryable: false,
    });
  });

  it('a timeout or a plain error: submit-failed, retryable with the same token', () => {
    const timeout = new AlbError({ kind: 'timeout', message });
    expect(submitFailure(timeout)).toMatchObject({ type: 'submit-failed', code: 'timeout', retryable: true });
    expect(submitFailure(new Error('boom'))).toEqual({
      type: 'submit-failed',
      code: 'Error',
      message: { en: 'boom', 'zh-CN': 'boom' },
      retryable: true,
    });
  });
});

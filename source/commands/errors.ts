// How an ALB client error is named to a script (`--json`'s `code`), and what a failed call means
// for the command: a refusal or failure of the service is exit 1, with the API's code and request.
import { describeError, isAlbError, type AlbError } from '../alb/errors.js';
import type { Lang, Localized } from '../domain/i18n.js';
import { failure, type CommandFailure } from './context.js';

/** The API's error code when the service answered with one, else what kind of failure it was. */
export function albErrorCode(error: AlbError): string {
  if (error.code) return error.code;
  if (error.networkCode) return error.networkCode;
  return error.kind.charAt(0).toUpperCase() + error.kind.slice(1);
}

/** A failed call as the command reports it: `say` words it, the error's code and request go along. */
export function callFailure(error: unknown, say: (reason: string) => Localized, lang: Lang): CommandFailure {
  const reason = describeError(error, lang);
  return failure(say(reason), {
    errorCode: isAlbError(error) ? albErrorCode(error) : 'Failed',
    requestId: isAlbError(error) ? error.requestId : undefined,
  });
}

/**
 * A wait that ended with an error: when the job itself ended `Failed` the outcome is known (the work
 * was not done) and `jobFailed` words it; otherwise only following it failed, and `waitFailed` does.
 */
export function waitFailure(
  error: unknown,
  words: { jobFailed: (reason: string) => Localized; waitFailed: (reason: string) => Localized },
  lang: Lang,
): CommandFailure {
  const failedJob = isAlbError(error) && error.failedJobId !== undefined;
  return callFailure(error, failedJob ? words.jobFailed : words.waitFailed, lang);
}

// API errors as the gateway answers them: a code, an HTTP status and an English message (the cloud's
// own messages are English; clients localize by code).

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    /** Extra response headers, e.g. `x-acs-retry-after` on throttling. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const missingParameter = (name: string): ApiError =>
  new ApiError(
    'MissingParameter',
    400,
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );

export const invalidParameter = (name: string, rule: string): ApiError =>
  new ApiError('InvalidParameter', 400, `The parameter "${name}" is invalid: ${rule}.`);

export const notFound = (
  kind: 'LoadBalancer' | 'Listener' | 'ServerGroup' | 'Certificate' | 'SecurityPolicy',
  id: string,
): ApiError => new ApiError(`ResourceNotFound.${kind}`, 404, `The specified resource ${id} is not found.`);

export const actionNotFound = (): ApiError =>
  new ApiError(
    'InvalidAction.NotFound',
    404,
    'Specified api is not found, please check your url and method.',
  );

export const internalError = (): ApiError =>
  new ApiError(
    'InternalError',
    500,
    'The request processing has failed due to some unknown error, exception or failure.',
  );

export const throttled = (retryAfterMs: number): ApiError =>
  new ApiError('Throttling.User', 400, 'Request was denied due to user flow control.', {
    'x-acs-retry-after': String(Math.max(0, Math.round(retryAfterMs))),
  });

export const dryRunPassed = (): ApiError =>
  new ApiError('DryRunOperation', 400, 'Request validation has been passed with DryRun flag set.');

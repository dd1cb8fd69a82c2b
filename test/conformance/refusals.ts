// Which refusals an action may answer: the codes and HTTP statuses its metadata lists, plus the few that
// Alibaba Cloud's API gateway answers for any action (each with the reason it is not in the action's list).
import type { ApiMetadata, Parameter } from './metadata.js';
import type { Query } from './replies.js';

export interface GlobalCode {
  status: number;
  /** Whether an action may answer it at all (e.g. only actions that take a ClientToken). */
  appliesTo: (api: ApiMetadata) => boolean;
  reason: string;
}

const always = (): boolean => true;
const takes = (name: string) => (api: ApiMetadata) => api.parameters.some((p) => p.name === name);

export const GLOBAL_CODES: Record<string, GlobalCode> = {
  MissingParameter: {
    status: 400,
    appliesTo: always,
    reason:
      "the gateway checks each request against the action's own metadata (required parameters) before the action runs; action error lists hold only the action's own codes",
  },
  InvalidParameter: {
    status: 400,
    appliesTo: always,
    reason: 'the gateway likewise checks types, enums, ranges and item counts of the metadata',
  },
  DryRunOperation: {
    status: 400,
    appliesTo: (api) =>
      api.parameters.some((p) => p.name === 'DryRun' && /DryRunOperation/.test(p.dryRunDescription ?? '')),
    reason: "the action's DryRun parameter documents it as the answer to a dry run that passed",
  },
  IdempotentParameterMismatch: {
    status: 400,
    appliesTo: takes('ClientToken'),
    reason:
      "ALB's ClientToken check is shared by every action that takes one (ReplaceServersInServerGroup lists it)",
  },
  IdempotenceProcessing: {
    status: 400,
    appliesTo: takes('ClientToken'),
    reason:
      "a second call with a ClientToken while the first is still at work; ALB answers it for any write that takes one (Terraform's provider retries it), though no action's list holds it",
  },
  'ResourceNotFound.Listener': {
    status: 404,
    appliesTo: (api) => takes('ResourceType')(api) && takes('ResourceId')(api),
    reason:
      "the tag actions take ResourceType listener since this metadata was published (Terraform's alicloud_alb_listener reads its tags so); an unknown listener is answered as every listener action answers it",
  },
  // Busy answers of the service as a whole, which Terraform's provider retries for any action. The local
  // ALB answers them, and the action-specific busy codes of FAULT_CODES, only when told to (--fault-codes).
  SystemBusy: { status: 503, appliesTo: always, reason: 'the service is busy (fault injection)' },
  ServiceUnavailable: {
    status: 503,
    appliesTo: always,
    reason: 'a temporary failure of the service (fault injection)',
  },
  'Conflict.Lock': {
    status: 400,
    appliesTo: always,
    reason: 'another request is changing the resource (fault injection)',
  },
  // Answered by the gateway before an action is known (server.ts, signature.ts): listed for the README.
  RequestTimeout: {
    status: 408,
    appliesTo: always,
    reason: "the HTTP server's header or request timeout: the request did not arrive in time",
  },
  'InvalidAction.NotFound': { status: 404, appliesTo: always, reason: 'no such action or version' },
  SignatureDoesNotMatch: { status: 400, appliesTo: always, reason: 'signature check' },
  'Throttling.User': { status: 400, appliesTo: always, reason: 'flow control (fault injection)' },
  InternalError: { status: 500, appliesTo: always, reason: 'unexpected failure (fault injection)' },
};

/** Whether `code` with HTTP `status` is a refusal the action may answer; the reason when it is not. */
export function refusalProblem(api: ApiMetadata, code: string, status: number): string | undefined {
  for (const [listedStatus, codes] of Object.entries(api.errorCodes)) {
    if (codes.includes(code)) {
      return Number(listedStatus) === status
        ? undefined
        : `${code}: HTTP ${status}, the metadata says ${listedStatus}`;
    }
  }
  const global = GLOBAL_CODES[code];
  if (global && global.appliesTo(api)) {
    return global.status === status ? undefined : `${code}: HTTP ${status}, expected ${global.status}`;
  }
  return `${code} (HTTP ${status}) is not a code this action lists`;
}

/**
 * Bad inputs derived from the metadata of each parameter (wrong type, outside an enum, too many items,
 * an object or list where a value goes, an unknown ID), each on top of a valid `base` call.
 */
export function badInputs(parameters: Parameter[], base: Query): Query[] {
  const out: Query[] = [{}];
  for (const { name, schema } of parameters) {
    const type = schema.type;
    if (type === 'integer') out.push({ [name]: 'abc' }, { [name]: '-5' }, { [name]: '99999999999' });
    if (type === 'boolean') out.push({ [name]: 'maybe' });
    if (type === 'string') {
      out.push({ [`${name}.1`]: 'x' });
      if (schema.enum) out.push({ [name]: 'NotOneOfThem' });
      if (/Id$/.test(name)) out.push({ [name]: `${name.slice(0, 3).toLowerCase()}-doesnotexist0000000` });
      if (name === 'NextToken') out.push({ [name]: 'not-a-token' });
    }
    if (type === 'array') {
      const count = (schema.maxItems ?? 50) + 1;
      out.push({ [name]: 'scalar' });
      if (schema.items?.type === 'object') {
        out.push({ [`${name}.1.Unknown`]: 'x' });
        for (const field of Object.keys(schema.items.properties ?? {}))
          out.push({ [`${name}.1.${field}`]: '' });
      } else {
        out.push(Object.fromEntries(Array.from({ length: count }, (_, i) => [`${name}.${i + 1}`, `v${i}`])));
      }
    }
    if (type === 'object') {
      for (const [field, inner] of Object.entries(schema.properties ?? {})) {
        out.push({
          [`${name}.${field}`]: inner.type === 'boolean' || inner.type === 'integer' ? 'garbage' : '',
        });
      }
    }
  }
  return out.map((bad) => (Object.keys(bad).length === 0 ? {} : { ...base, ...bad }));
}

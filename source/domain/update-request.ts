import type { CreateListenerRequest } from './create-request.js';

/**
 * The `UpdateListenerAttribute` request, field for field as the SDK model names it. Protocol and port
 * cannot change; only the fields being changed are set (an absent field is left as it is).
 */
export type UpdateListenerRequest = { listenerId: string } & Partial<
  Pick<
    CreateListenerRequest,
    | 'listenerDescription'
    | 'http2Enabled'
    | 'idleTimeout'
    | 'requestTimeout'
    | 'gzipEnabled'
    | 'securityPolicyId'
    | 'caEnabled'
    | 'caCertificates'
    | 'certificates'
    | 'defaultActions'
    | 'quicConfig'
    | 'XForwardedForConfig'
  >
>;

/** A field an update may carry, besides the listener's ID. */
export type UpdateField = Exclude<keyof UpdateListenerRequest, 'listenerId'>;

/** Every field `UpdateListenerAttribute` takes besides the listener's ID, as the SDK model names them. */
export const UPDATE_FIELDS: readonly UpdateField[] = [
  'listenerDescription',
  'http2Enabled',
  'idleTimeout',
  'requestTimeout',
  'gzipEnabled',
  'securityPolicyId',
  'caEnabled',
  'caCertificates',
  'certificates',
  'defaultActions',
  'quicConfig',
  'XForwardedForConfig',
];

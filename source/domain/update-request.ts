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

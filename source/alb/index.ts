// The ALB layer's public face: the port (AlbClient), its SDK implementation, and the error type.
export * from './client.js';
export {
  AlbError,
  CREDENTIALS_MISSING_MESSAGE,
  describeError,
  isAlbError,
  toAlbError,
  type AlbErrorKind,
} from './errors.js';
export {
  createSdkAlbClient,
  SdkAlbClient,
  type ClientStats,
  type CredentialsOption,
  type SdkClientOptions,
} from './sdk-client.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export {
  DEFAULT_MAX_IN_FLIGHT,
  listAcrossConnections,
  type ConnectionListingEvent,
  type ListingConnection,
  type MultiListing,
  type MultiListingOptions,
} from './multi-listing.js';
export { isReadOnlyRefusal, readOnlyClient, readOnlyRefusal } from './read-only-client.js';

// The numbers of listener-rules.md, in one place.
export const PORT = { min: 1, max: 65535 } as const;
export const DEFAULT_PORT = { HTTP: 80, HTTPS: 443, QUIC: 443 } as const;
export const NAME_LENGTH = { min: 2, max: 256 } as const;
export const IDLE_TIMEOUT = { min: 1, max: 60, default: 15 } as const;
export const REQUEST_TIMEOUT = { min: 1, max: 180, default: 60 } as const;
export const HEADER_ALIAS_LENGTH = { min: 1, max: 40 } as const;
export const DEFAULT_LISTENER_QUOTA = 50;
/** A certificate that expires within this many days is marked in the picker. */
export const CERTIFICATE_WARNING_DAYS = 30;
export const CLIENT_TOKEN_MAX_LENGTH = 64;
export const TAG = { maxCount: 20, maxKeyLength: 128, maxValueLength: 128 } as const;
export const DAY_MS = 86_400_000;

// The built-in connection's name and the default region, apart from the store's schemas (zod), so the
// start-up path that opens the local ALB need not load them.
export const LOCAL_CONNECTION_NAME = 'local';
export const DEFAULT_REGION = 'cn-hangzhou';

export function isStale(): boolean;
export function buildBundle(): Promise<void>;

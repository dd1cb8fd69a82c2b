/** Added to a listener port that cannot be bound (below 1024 without the right, or taken). */
export const DEFAULT_PORT_OFFSET = 10_000;

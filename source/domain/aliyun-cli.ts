// What every aliyun CLI command the app writes shares: the endpoint it names and how a value is quoted.
// Its own module so the operations log (loaded before the first frame) writes commands without pulling
// in the exporters' request rules and zod.

/** The aliyun CLI's endpoint of a connection: `host[:port]`, and whether it speaks plain HTTP. */
export function aliyunEndpoint(options: { region: string; endpoint?: string }): {
  host: string;
  http: boolean;
} {
  const given = options.endpoint?.trim();
  if (!given) return { host: `alb.${options.region}.aliyuncs.com`, http: false };
  const http = /^http:\/\//i.test(given);
  return { host: given.replace(/^https?:\/\//i, '').replace(/\/+$/, ''), http };
}

/** POSIX shell quoting: bare when safe, else single quotes with `'\''` for embedded quotes. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// Redirects that stay on the local ALB: a listener served on another port than its own (`--port-offset`,
// or a port that could not be bound) would otherwise send the client to the configured port, where
// nothing on loopback answers. A redirect to the same host whose port (explicit, `${port}`, or none:
// the protocol's default) is a listener of the same instance with the redirect's protocol goes to the
// port that listener is served on. Any other redirect (another host, a port no listener of the
// instance has, another protocol on that port) is left exactly as configured, as ALB sends it.
import type { RequestContext } from './request-context.js';

export function servedRedirect(url: string, requestHost: string, context: RequestContext): string {
  if (!context.servedPort) return url;
  const scheme = url.startsWith('https://') ? 'https' : url.startsWith('http://') ? 'http' : undefined;
  if (!scheme) return url;
  const afterScheme = url.slice(scheme.length + 3);
  const end = afterScheme.search(/[/?#]/);
  const authority = end < 0 ? afterScheme : afterScheme.slice(0, end);
  const rest = end < 0 ? '' : afterScheme.slice(end);
  const bracket = authority.lastIndexOf(']');
  const colon = authority.lastIndexOf(':');
  const hasPort = colon > bracket;
  const host = hasPort ? authority.slice(0, colon) : authority;
  if (host.toLowerCase() !== requestHost) return url;
  const port = hasPort ? Number(authority.slice(colon + 1)) : scheme === 'https' ? 443 : 80;
  const protocol = scheme === 'https' ? 'HTTPS' : 'HTTP';
  const served = context.servedPort(context.loadBalancer.loadBalancerId, port, protocol);
  if (served === undefined || served === port) return url;
  return `${scheme}://${host}:${served}${rest}`;
}

// A request handler that answers with what the data plane knows of the request: which listener and
// instance took it, on which address, over which TLS. The CLI serves with it until the request
// pipeline (rules, forwarding) is wired in, and the tests use it to see what reached the handler.
import type { RequestHandler } from './request-context.js';

export const echoHandler: RequestHandler = {
  handle(req, res, context) {
    const body = JSON.stringify({
      listenerId: context.listener.listenerId,
      listener: `${context.listener.listenerProtocol} ${context.listener.listenerPort}`,
      loadBalancerId: context.loadBalancer.loadBalancerId,
      localAddress: context.localAddress,
      localPort: context.localPort,
      remoteAddress: context.remoteAddress,
      remotePort: context.remotePort,
      method: req.method,
      path: req.url,
      httpVersion: req.httpVersion,
      tls: context.tls ?? null,
    });
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end(`${body}\n`);
  },
};

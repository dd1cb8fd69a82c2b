// A request handler for the data plane's tests: it answers with what the data plane knows of the
// request (which listener and instance took it, on which address, over which TLS), so a test sees
// what reached the handler without the request pipeline.
import type { RequestHandler } from '../../../source/emulator/traffic/request-context.js';

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

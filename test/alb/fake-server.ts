// A throw-away HTTP server that answers like the OpenAPI gateway, scripted per test: it records
// each request's action, query and headers, and lets a handler answer, fail, or drop the connection.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  action: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
}

export type Reply =
  | { status?: number; body: unknown; headers?: Record<string, string> }
  | { raw: string; status?: number }
  | { drop: true };

export type Handler = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface FakeServer {
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeServer(handler: Handler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const recorded: RecordedRequest = {
      action: String(req.headers['x-acs-action'] ?? ''),
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    requests.push(recorded);
    req.resume();
    req.on('end', () => {
      void Promise.resolve(handler(recorded, requests.length - 1)).then((reply) => {
        if ('drop' in reply) {
          res.socket?.destroy();
          return;
        }
        if ('raw' in reply) {
          res.writeHead(reply.status ?? 200, { 'content-type': 'text/html' });
          res.end(reply.raw);
          return;
        }
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function apiError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply {
  return {
    status,
    body: { Code: code, Message: message, RequestId: `req-${code}`, HostId: 'fake' },
    headers,
  };
}

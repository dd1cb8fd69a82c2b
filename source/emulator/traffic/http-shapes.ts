// The request and response shapes the pipeline serves: node's HTTP/1.1 ones and the HTTP/2
// compatibility API's (what dpnet's servers hand over).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

export type ClientRequestLike = IncomingMessage | Http2ServerRequest;
export type ClientResponseLike = ServerResponse | Http2ServerResponse;

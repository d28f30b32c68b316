import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'http';

/** What Fastify wraps Node's request and response in (the parts used here). */
interface FastifyRequestLike {
  raw: IncomingMessage;
}
interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): void;
  getHeaders(): OutgoingHttpHeaders;
}

/** Node's request and response under whatever the HTTP platform handed a route. */
export interface RawExchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** Makes the response the route's own: Fastify then neither sends nor ends it. */
  takeOver: () => void;
}

/** Express hands Node's objects themselves; Fastify wraps them. */
export function rawExchangeOf(request: unknown, response: unknown): RawExchange {
  if (isFastifyReply(response)) {
    return {
      request: (request as FastifyRequestLike).raw,
      response: response.raw,
      takeOver: () => {
        // Headers set through the reply (CORS hooks, say) are not sent by a hijacked reply.
        for (const [name, value] of Object.entries(response.getHeaders())) {
          if (value !== undefined) response.raw.setHeader(name, value);
        }
        response.hijack();
      },
    };
  }
  return {
    request: request as IncomingMessage,
    response: response as ServerResponse,
    takeOver: () => undefined,
  };
}

/** Sets a response header on either platform. */
export function setHeader(response: unknown, name: string, value: string): void {
  if (isFastifyReply(response))
    (response as unknown as { header(n: string, v: string): void }).header(name, value);
  else (response as ServerResponse).setHeader(name, value);
}

/** Node's response under either platform's. */
export function rawResponseOf(response: unknown): ServerResponse {
  return isFastifyReply(response) ? response.raw : (response as ServerResponse);
}

function isFastifyReply(response: unknown): response is FastifyReplyLike {
  return typeof (response as Partial<FastifyReplyLike>).hijack === 'function';
}

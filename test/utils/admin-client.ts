/** What the admin API answered: every answer is JSON, errors included. */
export interface AdminAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export interface AdminRequest {
  /** GET without a body, POST with one, unless named. */
  method?: 'GET' | 'POST';
  /** Sent as JSON, or as it is when a string (for malformed bodies). */
  body?: unknown;
  /** The Bearer token; ignored when `headers` are given. */
  token?: string;
  /** Replaces the Authorization header (none, a wrong one, an Idempotency-Key…). */
  headers?: Record<string, string>;
}

/** One request to the admin API under the default prefix, as another service would make it. */
export async function adminRequest(
  http: (path: string) => string,
  path: string,
  { method, body, token, headers }: AdminRequest = {},
): Promise<AdminAnswer> {
  const response = await fetch(http(`/api/v1/websocket${path}`), {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      'content-type': 'application/json',
      ...(headers ?? { authorization: `Bearer ${token}` }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), headers: response.headers };
}

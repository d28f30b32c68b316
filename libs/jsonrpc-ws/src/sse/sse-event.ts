import type { StreamPosition } from '../history/topic-history.interface';
import { PreparedText } from '../transport/prepared-text';

/** A push as an SSE stream writes it. */
export interface SsePush {
  /** `event: <method>` and `data: <params>`, ended by the blank line. */
  body: string;
  /**
   * When the push is a positioned `publication` notification: its topic and
   * position, and the event of the publication itself (its own method and params).
   */
  publication?: { topic: string; position: StreamPosition; body: string };
}

/** Each push's rendering, made once however many streams it goes to. */
const rendered = new WeakMap<PreparedText, SsePush>();

/**
 * The SSE form of a serialised JSON-RPC notification: `event: <method>` and
 * `data: <params JSON>` (`null` without params: an event with no data is never
 * dispatched by browsers). JSON text holds no line break, so one `data:` line
 * carries it whole.
 */
export function ssePushOf(message: string | Buffer | PreparedText): SsePush {
  if (!(message instanceof PreparedText)) return render(message.toString());
  let push = rendered.get(message);
  if (push === undefined) rendered.set(message, (push = render(message.payload.toString())));
  return push;
}

/** The event text of a notification (the `publication` wrapper left as it is). */
export function sseEventOf(message: string | Buffer | PreparedText): string {
  return ssePushOf(message).body;
}

/** An event of `method` with `params` as its data. */
export function sseEvent(method: unknown, params: unknown): string {
  // A line break in the name would end the field and start another.
  const event = String(method).replace(/[\r\n]/g, '');
  return `event: ${event}\ndata: ${params === undefined ? 'null' : JSON.stringify(params)}\n\n`;
}

function render(json: string): SsePush {
  const { method, params } = JSON.parse(json) as { method?: unknown; params?: unknown };
  const body = sseEvent(method, params);
  if (method !== 'publication') return { body };
  const inner = (params ?? {}) as Record<string, unknown>;
  const { topic, offset, epoch } = inner;
  if (typeof topic !== 'string' || typeof epoch !== 'string' || !Number.isSafeInteger(offset))
    return { body };
  return {
    body,
    publication: {
      topic,
      position: { epoch, offset: offset as number },
      body: sseEvent(inner.method, inner.params),
    },
  };
}

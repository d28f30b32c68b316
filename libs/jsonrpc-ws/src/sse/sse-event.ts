import { PreparedText } from '../transport/prepared-text';

/** Each push's event text, rendered once however many streams it goes to. */
const rendered = new WeakMap<PreparedText, string>();

/**
 * The SSE form of a serialised JSON-RPC notification: `event: <method>` and
 * `data: <params JSON>` (`null` without params: an event with no data is never
 * dispatched by browsers). JSON text holds no line break, so one `data:` line
 * carries it whole.
 */
export function sseEventOf(message: string | Buffer | PreparedText): string {
  if (!(message instanceof PreparedText)) return render(message.toString());
  let text = rendered.get(message);
  if (text === undefined) rendered.set(message, (text = render(message.payload.toString())));
  return text;
}

function render(json: string): string {
  const { method, params } = JSON.parse(json) as { method?: unknown; params?: unknown };
  // A line break in the name would end the field and start another.
  const event = String(method).replace(/[\r\n]/g, '');
  return `event: ${event}\ndata: ${params === undefined ? 'null' : JSON.stringify(params)}\n\n`;
}

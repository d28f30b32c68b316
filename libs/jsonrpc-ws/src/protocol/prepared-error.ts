import { errorResponse } from './jsonrpc.responses';
import type { JsonRpcErrorObject, JsonRpcId } from './jsonrpc.types';

/** Stands for what differs per answer while the text is made; JSON gives it as `"\u0000…"`. */
const HOLE = '\u0000prepared\u0000';
const HOLE_JSON = JSON.stringify(HOLE);

/**
 * An error answered often and alike but for the request's id (a refusal made before
 * any handler runs): its response text is serialised once, and each answer is a
 * concatenation with `JSON.stringify(id)`, byte for byte what serialising the whole
 * response would give. One number of `data` may differ per answer too (`retryAfterMs`);
 * the object itself then leaves it out. It is an ordinary error object as well (its
 * own enumerable members are `code`, `message`, `data`), for metrics and logs.
 */
export class PreparedError implements JsonRpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
  /** The response text before the first hole (the id, or the number), between them, and after. */
  readonly #head: string;
  readonly #middle: string;
  readonly #tail: string | undefined;

  constructor(error: JsonRpcErrorObject, numberKey?: string) {
    this.code = error.code;
    this.message = error.message;
    // Frozen: the text is made once, so the object must not change after it.
    if (error.data !== undefined) this.data = Object.freeze(error.data);
    const data =
      numberKey === undefined ? error.data : { ...(error.data as object), [numberKey]: HOLE };
    const text = JSON.stringify(errorResponse(HOLE, { ...error, data }));
    const [head = '', middle = '', tail] = text.split(HOLE_JSON);
    this.#head = head;
    this.#middle = middle;
    this.#tail = tail;
    Object.freeze(this);
  }

  /** The response to `id`, with `value` as the number when there is one. */
  responseTo(id: JsonRpcId, value = 0): string {
    if (this.#tail === undefined) return this.#head + JSON.stringify(id) + this.#middle;
    return this.#head + JSON.stringify(value) + this.#middle + JSON.stringify(id) + this.#tail;
  }
}

/** The text of an error response: prepared when the error is, else serialised. */
export function errorResponseText(id: JsonRpcId, error: JsonRpcErrorObject): string {
  return error instanceof PreparedError
    ? error.responseTo(id)
    : JSON.stringify(errorResponse(id, error));
}

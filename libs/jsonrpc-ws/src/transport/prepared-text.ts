import { payloadOf, textFrame, textFrameOf } from './ws-frame';

/**
 * A text message serialised once and framed on first use, then written as the
 * same buffer to every connection it goes to: a push to 10,000 clients costs
 * one `JSON.stringify` and one frame, not 10,000.
 */
export class PreparedText {
  private framed?: Buffer;

  constructor(
    /** The message as UTF-8 bytes. */
    readonly payload: Buffer,
  ) {}

  /** Encodes `text` once, straight into its frame; the payload is a view of it. */
  static fromText(text: string): PreparedText {
    const frame = textFrame(text);
    const prepared = new PreparedText(payloadOf(frame));
    prepared.framed = frame;
    return prepared;
  }

  /** The whole WebSocket frame: header and payload. */
  get frame(): Buffer {
    return (this.framed ??= textFrameOf(this.payload));
  }
}

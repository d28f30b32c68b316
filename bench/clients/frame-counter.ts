/**
 * Counts the messages a server sends on one TCP socket by reading WebSocket
 * frame headers (RFC 6455 §5.2) and skipping payloads, without decoding,
 * validating or copying them. A fan-out client does nothing else, so a few
 * processes on one core can keep up with a server on the other one; with
 * `ws`'s full parser in each client, the clients set the pace.
 */
export interface FrameEvents {
  /** A complete data message; `first` is its first payload byte (-1 when empty). */
  message(first: number): void;
  /** A ping and its payload, to be answered with a pong. */
  ping(payload: Buffer): void;
}

const OPCODE_PING = 0x9;
const CONTROL = 0x8;

export class FrameCounter {
  /** Header bytes gathered so far (a header can span reads). */
  private readonly header = Buffer.alloc(14);
  private headerBytes = 0;
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;
  private inPayload = false;
  /** This frame's opcode: a control frame can come between the frames of a message. */
  private opcode = 0;
  private fin = false;
  /** First payload byte of the current message, -1 until seen. */
  private first = -1;
  private control: Buffer[] = [];

  constructor(private readonly events: FrameEvents) {}

  feed(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (!this.inPayload) {
        at = this.readHeader(chunk, at);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      if (this.opcode & CONTROL) this.control.push(chunk.subarray(at, at + take));
      else if (this.first < 0 && take > 0) this.first = chunk[at]!;
      at += take;
      this.remaining -= take;
      if (this.remaining === 0) this.endFrame();
    }
  }

  /** Consumes header bytes from `chunk` at `at`; returns where it stopped. */
  private readHeader(chunk: Buffer, at: number): number {
    while (at < chunk.length) {
      this.header[this.headerBytes++] = chunk[at++]!;
      const needed = this.headerLength();
      if (needed === undefined || this.headerBytes < needed) continue;
      const b0 = this.header[0]!;
      this.fin = (b0 & 0x80) !== 0;
      this.opcode = b0 & 0x0f;
      const len7 = this.header[1]! & 0x7f;
      this.remaining =
        len7 < 126
          ? len7
          : len7 === 126
            ? this.header.readUInt16BE(2)
            : this.header.readUInt32BE(2) * 0x100000000 + this.header.readUInt32BE(6);
      this.headerBytes = 0;
      this.inPayload = true;
      if (this.remaining === 0) this.endFrame();
      return at;
    }
    return at;
  }

  /** The header's full length once its first two bytes are known. */
  private headerLength(): number | undefined {
    if (this.headerBytes < 2) return undefined;
    const len7 = this.header[1]! & 0x7f;
    const masked = (this.header[1]! & 0x80) !== 0;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (masked ? 4 : 0);
  }

  private endFrame(): void {
    this.inPayload = false;
    if (this.opcode & CONTROL) {
      if (this.opcode === OPCODE_PING) this.events.ping(Buffer.concat(this.control));
      this.control = [];
      return;
    }
    if (!this.fin) return;
    this.events.message(this.first);
    this.first = -1;
  }
}

/**
 * Server-to-client WebSocket text frames (RFC 6455 §5.2: FIN set, opcode 1,
 * unmasked), header and payload in one buffer. Built here rather than by `ws`
 * so that a push is framed once for all its recipients and each write is a
 * single buffer: `ws` frames per send and writes header and payload apart.
 */

const FIN_TEXT = 0x81;

function headerLength(payloadLength: number): number {
  if (payloadLength < 126) return 2;
  return payloadLength < 0x10000 ? 4 : 10;
}

function writeHeader(frame: Buffer, payloadLength: number): number {
  frame[0] = FIN_TEXT;
  if (payloadLength < 126) {
    frame[1] = payloadLength;
    return 2;
  }
  if (payloadLength < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(payloadLength, 2);
    return 4;
  }
  frame[1] = 127;
  // Lengths stay far below 2^53: the high half is written from the division.
  frame.writeUInt32BE(Math.floor(payloadLength / 0x100000000), 2);
  frame.writeUInt32BE(payloadLength >>> 0, 6);
  return 10;
}

/** Frames UTF-8 bytes already encoded. */
export function textFrameOf(payload: Buffer): Buffer {
  const frame = Buffer.allocUnsafe(headerLength(payload.length) + payload.length);
  payload.copy(frame, writeHeader(frame, payload.length));
  return frame;
}

/** The payload of a frame built here: a view, not a copy. */
export function payloadOf(frame: Buffer): Buffer {
  const length7 = frame[1]! & 0x7f;
  return frame.subarray(length7 < 126 ? 2 : length7 === 126 ? 4 : 10);
}

/** Encodes a string as UTF-8 straight into its frame (no intermediate buffer). */
export function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const frame = Buffer.allocUnsafe(headerLength(length) + length);
  frame.write(text, writeHeader(frame, length));
  return frame;
}

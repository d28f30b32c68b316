"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PreparedText = void 0;
const ws_frame_1 = require("./ws-frame");
/**
 * A text message serialised once and framed on first use, then written as the
 * same buffer to every connection it goes to: a push to 10,000 clients costs
 * one `JSON.stringify` and one frame, not 10,000.
 */
class PreparedText {
    constructor(
    /** The message as UTF-8 bytes. */
    payload) {
        this.payload = payload;
    }
    /** Encodes `text` once, straight into its frame; the payload is a view of it. */
    static fromText(text) {
        const frame = (0, ws_frame_1.textFrame)(text);
        const prepared = new PreparedText((0, ws_frame_1.payloadOf)(frame));
        prepared.framed = frame;
        return prepared;
    }
    /** The whole WebSocket frame: header and payload. */
    get frame() {
        return (this.framed ??= (0, ws_frame_1.textFrameOf)(this.payload));
    }
}
exports.PreparedText = PreparedText;
//# sourceMappingURL=prepared-text.js.map
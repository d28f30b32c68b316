"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboundGate = void 0;
const close_codes_1 = require("../protocol/close-codes");
/** How long a slow consumer gets to complete the close handshake before its TCP connection is cut. */
const SLOW_CONSUMER_GRACE_MS = 1000;
/**
 * Bounds what the server buffers for each client. `ws` queues writes in memory
 * when the peer does not read; once a socket holds more than `maxBufferedBytes`
 * the next message is refused, and the client is dropped or disconnected.
 */
class OutboundGate {
    constructor(maxBufferedBytes, policy, instrumentation) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.policy = policy;
        this.instrumentation = instrumentation;
        /** Messages not sent because a buffer was full (both policies). */
        this.droppedMessages = 0;
        /** Connections ended for not reading. */
        this.slowConsumerDisconnects = 0;
    }
    /** Whether a push may be written to this session's socket now. */
    admit(session) {
        if (session.socket.bufferedAmount <= this.maxBufferedBytes)
            return true;
        this.countDrop();
        if (this.policy === 'disconnect')
            this.disconnect(session);
        return false;
    }
    /**
     * Whether a reply may be written now. Replies are not dropped: under `drop`
     * the reply goes out and the client is not read from until it catches up,
     * which bounds what it can make the server buffer.
     */
    admitReply(session) {
        if (session.socket.bufferedAmount <= this.maxBufferedBytes)
            return true;
        if (this.policy === 'drop') {
            session.holdUntilDrained();
            return true;
        }
        this.countDrop();
        this.disconnect(session);
        return false;
    }
    countDrop() {
        this.droppedMessages++;
        this.instrumentation?.sink.dropped();
    }
    disconnect(session) {
        if (session.closeReason !== undefined)
            return;
        this.slowConsumerDisconnects++;
        session.end({
            code: close_codes_1.CloseCode.SlowConsumer,
            reason: 'slow-consumer',
            terminateAfterMs: SLOW_CONSUMER_GRACE_MS,
        });
    }
}
exports.OutboundGate = OutboundGate;
//# sourceMappingURL=outbound-gate.js.map
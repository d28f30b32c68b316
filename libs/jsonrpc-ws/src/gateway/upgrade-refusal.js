"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.refuseUpgrade = refuseUpgrade;
const http_1 = require("http");
/** Answers an upgrade request with a plain HTTP error instead of a 101, then closes the socket. */
function refuseUpgrade(socket, status, message) {
    if (socket.destroyed)
        return;
    const body = message ?? http_1.STATUS_CODES[status] ?? 'Error';
    const headers = [
        `HTTP/1.1 ${status} ${http_1.STATUS_CODES[status] ?? 'Error'}`,
        'Connection: close',
        'Content-Type: text/plain; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
    ];
    socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}
//# sourceMappingURL=upgrade-refusal.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=jsonrpc-ws-options.interface.js.map
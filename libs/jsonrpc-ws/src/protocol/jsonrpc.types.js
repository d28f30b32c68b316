"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=jsonrpc.types.js.map
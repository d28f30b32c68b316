"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=session-identity.js.map
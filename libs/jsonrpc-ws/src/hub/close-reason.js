"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=close-reason.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InjectJsonRpcWsOptions = void 0;
const common_1 = require("@nestjs/common");
const jsonrpc_ws_constants_1 = require("../jsonrpc-ws.constants");
/** Injects the options with defaults applied (`ResolvedJsonRpcWsOptions`). */
const InjectJsonRpcWsOptions = () => (0, common_1.Inject)(jsonrpc_ws_constants_1.RESOLVED_OPTIONS);
exports.InjectJsonRpcWsOptions = InjectJsonRpcWsOptions;
//# sourceMappingURL=inject-options.decorator.js.map
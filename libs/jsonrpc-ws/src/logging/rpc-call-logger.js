"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RpcCallLogger = void 0;
const common_1 = require("@nestjs/common");
const rpc_call_format_1 = require("./rpc-call-format");
/**
 * The dispatcher's own call log (option `logCalls`): the same line as
 * `RpcLoggingInterceptor`, for every call that reached a method — guard
 * refusals included — without the cost of an interceptor.
 */
class RpcCallLogger {
    constructor(successLevel) {
        this.successLevel = successLevel;
        this.logger = new common_1.Logger('JsonRpc');
    }
    /**
     * Whether a call with this outcome would be printed, so the line is not built
     * for nothing. Nest only knows levels set as a list (`logger: ['error', 'warn']`);
     * with a custom LoggerService it knows none (even 'fatal' reads as off), and the
     * line is written for that logger to filter.
     */
    enabled(code) {
        return (common_1.Logger.isLevelEnabled(code === 0 ? this.successLevel : 'warn') ||
            !common_1.Logger.isLevelEnabled('fatal'));
    }
    write(call) {
        const line = (0, rpc_call_format_1.formatRpcCall)(call);
        if (call.code !== 0)
            this.logger.warn(line);
        else if (this.successLevel === 'debug')
            this.logger.debug(line);
        else if (this.successLevel === 'verbose')
            this.logger.verbose(line);
        else
            this.logger.log(line);
    }
}
exports.RpcCallLogger = RpcCallLogger;
//# sourceMappingURL=rpc-call-logger.js.map
"use strict";
var _a;
Object.defineProperty(exports, "__esModule", { value: true });
exports.ASYNC_OPTIONS_TYPE = exports.OPTIONS_TYPE = exports.JSON_RPC_WS_MODULE_OPTIONS = exports.ConfigurableModuleClass = void 0;
const common_1 = require("@nestjs/common");
const with_metrics_1 = require("./metrics/with-metrics");
_a = new common_1.ConfigurableModuleBuilder({ moduleName: 'JsonRpcWs' })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createJsonRpcWsOptions')
    .setExtras({ isGlobal: true, metrics: false }, (definition, extras) => (0, with_metrics_1.withMetrics)({ ...definition, global: extras.isGlobal }, extras.metrics))
    .build(), exports.ConfigurableModuleClass = _a.ConfigurableModuleClass, exports.JSON_RPC_WS_MODULE_OPTIONS = _a.MODULE_OPTIONS_TOKEN, exports.OPTIONS_TYPE = _a.OPTIONS_TYPE, exports.ASYNC_OPTIONS_TYPE = _a.ASYNC_OPTIONS_TYPE;
//# sourceMappingURL=jsonrpc-ws.module-definition.js.map
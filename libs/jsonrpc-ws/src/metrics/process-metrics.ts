import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { promClient } from './prom-client';

/** The first series `collectDefaultMetrics()` registers: when it is there, they all are. */
const PROCESS_METRICS_MARKER = 'process_cpu_user_seconds_total';

/**
 * prom-client's default metrics describe the process, not an application, and
 * collecting them starts observers that are never stopped. So they are collected
 * once, in prom-client's default registry, which every app's exposition serves:
 * a second app (or one created after the first closed) finds them there.
 */
export function ensureProcessMetrics(): void {
  const { collectDefaultMetrics, register } = promClient();
  if (register.getSingleMetric(PROCESS_METRICS_MARKER)) return;
  try {
    collectDefaultMetrics();
  } catch (error) {
    throw new JsonRpcWsBootstrapError(
      JsonRpcWsMessages.defaultMetricsTaken(error instanceof Error ? error.message : String(error)),
    );
  }
}

import type { Metric, Registry } from 'prom-client';
import { JsonRpcWsBootstrapError } from '../errors/jsonrpc-ws-bootstrap.error';
import { JsonRpcWsMessages } from '../errors/jsonrpc-ws.messages';
import { promClient } from './prom-client';

/**
 * Registers an application's series. Every name is checked first, in the
 * registry and in prom-client's default one (which the exposition also serves),
 * so a clash stops the startup with advice and registers nothing.
 */
export function registerMetrics(registry: Registry, metrics: Metric[]): void {
  const shared = promClient().register;
  const taken = metrics
    .map(nameOf)
    .filter(
      (name) => (registry.getSingleMetric(name) ?? shared.getSingleMetric(name)) !== undefined,
    );
  const [first] = taken;
  if (first !== undefined)
    throw new JsonRpcWsBootstrapError(JsonRpcWsMessages.metricsTaken(first, taken.length));
  for (const metric of metrics) registry.registerMetric(metric);
}

/** Removes an application's series, and only them: after a `register.clear()`, another app may hold their names. */
export function unregisterMetrics(registry: Registry, metrics: Metric[]): void {
  for (const metric of metrics) {
    const name = nameOf(metric);
    if (registry.getSingleMetric(name) === metric) registry.removeSingleMetric(name);
  }
}

/** prom-client's types do not show a metric's name, which every metric has. */
function nameOf(metric: Metric): string {
  return (metric as unknown as { name: string }).name;
}

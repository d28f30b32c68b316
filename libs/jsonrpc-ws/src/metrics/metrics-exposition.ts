import type { Registry } from 'prom-client';
import { promClient } from './prom-client';

/**
 * The text an application's scrape answers: prom-client's default registry (the
 * process metrics, metrics made with `makeCounterProvider`, shared by the apps of
 * the process), then the application's own series. Those win over same-named
 * ones of the default registry, so the exposition never repeats a metric.
 */
export async function exposeMetrics(own: Registry): Promise<string> {
  const shared = promClient().register;
  const ownNames = new Set(own.getMetricsAsArray().map((metric) => metric.name));
  const sharedNames = shared
    .getMetricsAsArray()
    .map((metric) => metric.name)
    .filter((name) => !ownNames.has(name));
  const texts = await Promise.all([
    ...sharedNames.map((name) => shared.getSingleMetricAsString(name)),
    ...[...ownNames].map((name) => own.getSingleMetricAsString(name)),
  ]);
  // The layout of prom-client's own `metrics()`.
  return `${texts.join('\n\n')}\n`;
}

import { constantGauge, countOfSamples, shifted } from '../metrics/derive.ts';
import type { Datapoint, MetricRecorder } from '../metrics/recorder.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * The function's own AWS/Lambda metrics, whatever invokes it: Invocations (given, since each
 * run counts them its own way), Errors, Throttles, Duration and the concurrency gauges.
 */
export function functionMetrics(m: MetricRecorder, scenario: Scenario, invocations: Datapoint[]): Record<string, Datapoint[]> {
  const concurrency = m.gaugeDatapoints('ConcurrentExecutions');
  const reserved = scenario.function.ReservedConcurrentExecutions;
  const others = scenario.account.otherFunctionsConcurrency;
  return {
    Invocations: invocations,
    Errors: m.sampleSeries('Errors'),
    Throttles: m.sampleSeries('Throttles'),
    Duration: m.sampleSeries('Duration'),
    ConcurrentExecutions: concurrency,
    // The reservation is claimed whether used or not; without one, what the function uses.
    ClaimedAccountConcurrency: reserved === null ? shifted(concurrency, others) : constantGauge(concurrency, reserved + others),
  };
}

/**
 * The AWS/Lambda metrics every event source mapping reports alike: the function's own (see
 * `functionMetrics`; Invocations from InvokedEventCount) and the mapping's batch outcomes
 * (InvokedEventCount, FilteredOut…, FailedInvoke…, Dropped…, OnFailureDestinationDelivered…).
 * Each run adds the metrics of its source.
 */
export function lambdaMetrics(m: MetricRecorder, scenario: Scenario): Record<string, Datapoint[]> {
  const invoked = m.sampleSeries('InvokedEventCount');
  return {
    ...functionMetrics(m, scenario, countOfSamples(invoked)),
    InvokedEventCount: invoked,
    FilteredOutEventCount: m.sampleSeries('FilteredOutEventCount'),
    FailedInvokeEventCount: m.sampleSeries('FailedInvokeEventCount'),
    DroppedEventCount: m.sampleSeries('DroppedEventCount'),
    OnFailureDestinationDeliveredEventCount: m.sampleSeries('OnFailureDestinationDeliveredEventCount'),
  };
}

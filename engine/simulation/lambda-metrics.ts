import { constantGauge, countOfSamples, shifted } from '../metrics/derive.ts';
import type { Datapoint, MetricRecorder } from '../metrics/recorder.ts';
import type { Scenario } from '../scenario/schema.ts';

/**
 * The AWS/Lambda metrics every source reports alike: the function's own (Invocations,
 * Errors, Throttles, Duration, the concurrency gauges) and the mapping's batch outcomes
 * (InvokedEventCount, FilteredOut…, FailedInvoke…, Dropped…, OnFailureDestinationDelivered…).
 * Each run adds the metrics of its source.
 */
export function lambdaMetrics(m: MetricRecorder, scenario: Scenario): Record<string, Datapoint[]> {
  const invoked = m.sampleSeries('InvokedEventCount');
  const concurrency = m.gaugeDatapoints('ConcurrentExecutions');
  const reserved = scenario.function.ReservedConcurrentExecutions;
  const others = scenario.account.otherFunctionsConcurrency;
  return {
    Invocations: countOfSamples(invoked),
    Errors: m.sampleSeries('Errors'),
    Throttles: m.sampleSeries('Throttles'),
    Duration: m.sampleSeries('Duration'),
    ConcurrentExecutions: concurrency,
    // The reservation is claimed whether used or not; without one, what the function uses.
    ClaimedAccountConcurrency: reserved === null ? shifted(concurrency, others) : constantGauge(concurrency, reserved + others),
    InvokedEventCount: invoked,
    FilteredOutEventCount: m.sampleSeries('FilteredOutEventCount'),
    FailedInvokeEventCount: m.sampleSeries('FailedInvokeEventCount'),
    DroppedEventCount: m.sampleSeries('DroppedEventCount'),
    OnFailureDestinationDeliveredEventCount: m.sampleSeries('OnFailureDestinationDeliveredEventCount'),
  };
}

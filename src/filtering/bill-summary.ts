/**
 * What the filter playground shows of a bill, and the share filtering saves: apart from
 * bill.ts, which runs the engine, so that the playground's page code can read bills the
 * worker sends without loading the simulation.
 */

/** What the playground shows of one bill, in dollars per month. */
export interface BillSummary {
  requests: number;
  duration: number;
  /** Everything that is not Lambda (the stream), the same whichever way records are filtered. */
  other: number;
  total: number;
  invocations: number;
  /** Records the mapping filtered out over the run. */
  filteredOutRecords: number;
}

/** Share of the in-code bill that filtering in the mapping saves (negative if it costs more). */
export function savedShare(inCode: BillSummary, filtered: BillSummary): number {
  return inCode.total > 0 ? (inCode.total - filtered.total) / inCode.total : 0;
}

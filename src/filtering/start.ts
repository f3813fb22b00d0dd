/**
 * What the filter playground starts with, computed by the engine when the site is built:
 * the bill without a filter in the mapping (it never changes, so the browser never has to
 * simulate it) and the bill of the default pattern. Astro passes it to the island as a prop.
 */
import { billInCode, billWithPattern, type BillBasis, type BillSummary } from './bill.ts';
import { DEFAULT_PATTERN } from './examples.ts';
import { presetSampleSource, type SampleSource } from './sample.ts';

export interface PlaygroundStart {
  inCode: BillSummary;
  /** The bill with DEFAULT_PATTERN in the mapping. */
  initial: BillSummary;
  basis: BillBasis;
  /** What the sample the reader's pattern is tried on is drawn from. */
  sample: SampleSource;
}

export function playgroundStart(): PlaygroundStart {
  const { bill: inCode, basis } = billInCode();
  const initial = billWithPattern(DEFAULT_PATTERN);
  if (!initial.ok) throw new Error(`the default pattern must simulate: ${initial.messages.join('; ')}`);
  return { inCode, initial: initial.bill, basis, sample: presetSampleSource() };
}

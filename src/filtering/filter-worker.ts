/**
 * The Web Worker that simulates the filter playground's bill, so a long run never stalls
 * typing. It answers each request with the bill for its pattern; the client decides which
 * answers still matter.
 */
import { billWithPattern, type BillOutcome } from './bill.ts';

export interface BillRequest {
  id: number;
  patternText: string;
}

export interface BillResponse {
  id: number;
  outcome: BillOutcome;
}

// Typed loosely on purpose: the site's TypeScript setup has the DOM library, not the worker one.
const scope = self as unknown as { onmessage: ((event: MessageEvent<BillRequest>) => void) | null; postMessage(message: BillResponse): void };

scope.onmessage = (event) => {
  const { id, patternText } = event.data;
  let outcome: BillOutcome;
  try {
    outcome = billWithPattern(patternText);
  } catch (error) {
    // Anything unexpected still gets an answer, so the page never waits forever.
    outcome = { ok: false, messages: [`The simulation failed: ${error instanceof Error ? error.message : String(error)}`] };
  }
  scope.postMessage({ id, outcome });
};

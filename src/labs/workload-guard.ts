/**
 * A lab's answer may change the settings the lab opens (its knobs) and nothing else: the
 * traffic, its seed, the function's code and the metric period are the problem being solved.
 * Without this, "monthly cost under $40" could be met by sending fewer records, and a
 * scoreboard would rank the wrong thing.
 */
import { parseScenario, type ScenarioInput } from '../../engine/index.ts';
import { KNOBS, type KnobId } from '../workbench/knobs.ts';

/** Paths where two JSON values differ ("producer.rate[1].recordsPerSecond"), in document order. */
function differingPaths(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (Object.is(a, b)) return out;
  const bothArrays = Array.isArray(a) && Array.isArray(b);
  const bothObjects = !bothArrays && a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b);
  if (bothArrays) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) differingPaths(a[i], b[i], `${path}[${i}]`, out);
  } else if (bothObjects) {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) differingPaths(left[key], right[key], path === '' ? key : `${path}.${key}`, out);
  } else {
    out.push(path === '' ? '(the whole scenario)' : path);
  }
  return out;
}

export type GuardVerdict = { ok: true } | { ok: false; message: string };

/**
 * Whether `submitted` is `start` with only `knobs` changed. The knobs are set back to the
 * start's values and both are normalised by the engine's parser (defaults filled in), so
 * writing a default out, or leaving it out, is not a change.
 */
export function keepsWorkload(start: ScenarioInput, submitted: unknown, knobs: readonly KnobId[]): GuardVerdict {
  const parsed = parseScenario(submitted);
  if (!parsed.ok) return { ok: false, message: `the scenario is not valid: ${parsed.problems[0]?.message ?? 'unknown problem'}` };
  // Only knobs that read differently are set back, and in passes, because one knob can
  // write a field another reads (MinimumPollers creates the ProvisionedMode's settings).
  let aligned: ScenarioInput = parsed.value;
  for (let pass = 0; pass < 3; pass++) {
    for (const id of knobs) {
      const wanted = KNOBS[id].get(start);
      if (KNOBS[id].get(aligned) !== wanted) aligned = KNOBS[id].set(aligned, wanted);
    }
  }
  const a = parseScenario(aligned);
  const b = parseScenario(start);
  if (!a.ok || !b.ok) return { ok: false, message: 'the scenario is not valid with the lab’s knobs set back' };
  // The name and description are labels, not workload.
  const strip = (s: Record<string, unknown>) => ({ ...s, name: undefined, description: undefined });
  const paths = differingPaths(strip(b.value as Record<string, unknown>), strip(a.value as Record<string, unknown>));
  if (paths.length === 0) return { ok: true };
  const shown = paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  return {
    ok: false,
    message: `it changes ${shown}, which this lab keeps fixed; only these knobs may change: ${knobs.map((k) => KNOBS[k].label).join(', ')}`,
  };
}

/**
 * A scenario as the JSON editor shows it: only what differs from the engine's defaults. A
 * parsed scenario carries every default (dozens of assumptions and zero-valued settings),
 * which buries the few settings that matter and leaves field-name completion nothing to
 * offer; the short form means exactly the same scenario.
 */
import { parseScenario } from '../../engine/index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The JSON text of `scenario` without the fields the engine would fill in with the same
 * value anyway. Each field is tried: dropped if the scenario parses to the identical result
 * without it. A scenario the engine refuses is shown whole, so nothing the reader wrote is lost.
 */
export function scenarioText(scenario: unknown): string {
  const whole = parseScenario(scenario);
  if (!whole.ok) return `${JSON.stringify(scenario, null, 2)}\n`;
  const target = canonical(whole.value);
  const copy = JSON.parse(JSON.stringify(scenario)) as Json;
  const same = (): boolean => {
    const again = parseScenario(copy);
    return again.ok && canonical(again.value) === target;
  };
  prune(copy, same);
  return `${JSON.stringify(copy, null, 2)}\n`;
}

/** Drops, depth first, every key of every object in `value` whose absence `same()` accepts. */
function prune(value: Json, same: () => boolean): void {
  if (Array.isArray(value)) {
    for (const item of value) prune(item, same);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const kept = value[key] as Json;
    prune(kept, same);
    delete value[key];
    if (!same()) value[key] = kept;
  }
}

/** JSON with object keys sorted: two scenarios mean the same when these are equal (the engine fills some fields in after others). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

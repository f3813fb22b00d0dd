import { parseScenario, type Scenario } from '../../../engine/index.ts';

/**
 * The scenario as a JSON document to save or share. A parsed scenario holds every default,
 * so the text is complete: parseScenario reads it back to an equal scenario, and fields the
 * scenario leaves unset (undefined) are simply absent, as in a hand-written file.
 *
 * The scenario is parsed once more before it is written because parsing fills some
 * defaults after the others (ParallelizationFactor on Kinesis), so a scenario parsed from a
 * file that omits them has its keys in another order than one parsed from this text. With
 * the extra pass, exporting what was imported from an export gives the same text.
 */
export function scenarioJson(scenario: Scenario): string {
  const again = parseScenario(JSON.parse(JSON.stringify(scenario)));
  return `${JSON.stringify(again.ok ? again.value : scenario, null, 2)}\n`;
}

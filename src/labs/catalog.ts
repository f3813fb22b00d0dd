/**
 * Every lab of the site, validated once when this module loads. The labs and the broken
 * scenarios they start from are imported by name (not globbed) so the same module runs in the
 * browser (the scoreboard), in Astro's build and in Node (`npm run sim -- check`).
 * tests/unit/labs.test.ts fails when a file in labs/ is missing here.
 */
import diagnoseFromMetrics from '../../labs/diagnose-from-metrics.json' with { type: 'json' };
import iteratorAgeAllDay from '../../labs/iterator-age-all-day.json' with { type: 'json' };
import poisonPill from '../../labs/poison-pill.json' with { type: 'json' };
import surviveTheSpike from '../../labs/survive-the-spike.json' with { type: 'json' };
import labKafkaSpike from '../../scenarios/lab-kafka-spike.json' with { type: 'json' };
import labPoisonPill from '../../scenarios/lab-poison-pill.json' with { type: 'json' };
import labTelemetryFallingBehind from '../../scenarios/lab-telemetry-falling-behind.json' with { type: 'json' };
import labUnknownTopic from '../../scenarios/lab-unknown-topic.json' with { type: 'json' };
import type { Lab } from './lab-definition.ts';
import { parseLab } from './lab-parse.ts';

/** The labs' files, as written: the tests and the catalog check the same list. */
export const LAB_SOURCES: readonly unknown[] = [iteratorAgeAllDay, surviveTheSpike, poisonPill, diagnoseFromMetrics];

/** The scenarios the labs start from, by preset name. */
export const LAB_PRESETS: Readonly<Record<string, unknown>> = {
  'lab-telemetry-falling-behind': labTelemetryFallingBehind,
  'lab-kafka-spike': labKafkaSpike,
  'lab-poison-pill': labPoisonPill,
  'lab-unknown-topic': labUnknownTopic,
};

function load(): Lab[] {
  const labs = LAB_SOURCES.map((source) => {
    const parsed = parseLab(source, LAB_PRESETS);
    // A broken lab definition is an author's mistake: stop the build (and the tests) naming it.
    if (!parsed.ok) throw new Error(`A lab definition is not valid:\n${parsed.problems.join('\n')}`);
    return parsed.lab;
  });
  return labs.sort((a, b) => a.number - b.number);
}

/** The labs, in their numbered order. */
export const LABS: readonly Lab[] = load();

/** The lab with this id, or undefined. */
export function findLab(id: string): Lab | undefined {
  return LABS.find((lab) => lab.id === id);
}

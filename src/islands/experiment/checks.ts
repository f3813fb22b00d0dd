/**
 * What an experiment needs to read and check scenarios: the engine's schema (with zod, the
 * largest part), the permalink codec, saved edits and the editor's text. The workbench
 * imports this module when it first needs one of them (a link or saved edits to restore, a
 * run to start, the editor, a download), so a page that is only read never loads it.
 */
import { parseScenario } from '../../../engine/index.ts';
import { loadExperiment, type KeyValueStore, type StoredExperiment } from '../../workbench/stored-experiment.ts';

export { parseScenario };
export { decodePermalink, encodePermalink } from '../../workbench/permalink.ts';
export { checkScenarioText } from '../../workbench/scenario-check.ts';
export { scenarioText } from '../../workbench/scenario-text.ts';

/** The reader's saved edits of experiment `id`, validated as every scenario is. */
export function loadSavedEdits(store: KeyValueStore | undefined, id: string): StoredExperiment {
  return loadExperiment(store, id, parseScenario);
}

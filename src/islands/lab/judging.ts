/**
 * What the lab islands need to judge a run and make a result code: the lab definitions (read
 * with the schema library) and the rules. Imported when the first run is judged, so a lab page
 * loads none of it until the learner changes an experiment.
 */
export { findLab } from '../../labs/catalog.ts';
export { judgeLabRun, judgeSubmission, knobValues } from '../../labs/lab-check.ts';
export { encodeResult } from '../../labs/result-code.ts';

/**
 * Build time only: a task's props checked while the page builds. Conditions an author
 * mistyped (an unknown outcome or knob, a missing bound) would give readers a task nobody
 * can finish, so they stop the build with a message naming the task and the field.
 */
import { describeValue } from './problems.ts';
import type { Condition } from './task-conditions.ts';
import { parseConditions } from './task-conditions-parse.ts';
import { checkWidgetId } from './widget-id.ts';

export interface TaskProps {
  id: string;
  /** The id of the experiment whose runs are checked (its preset name unless the chapter gave one). */
  experiment: string;
  /** What the reader is asked to do, in a sentence. */
  goal: string;
  conditions: unknown;
}

export interface TaskStart {
  id: string;
  chapter: string;
  experiment: string;
  goal: string;
  conditions: Condition[];
}

/** The task's island props, or an error naming the problem. */
export function taskStart(props: TaskProps, chapter: string): TaskStart {
  const fail = (message: string): never => {
    throw new Error(`Task "${props.id}" in chapter "${chapter}": ${message}`);
  };
  checkWidgetId(props.id, fail);
  if (typeof props.goal !== 'string' || props.goal.trim() === '') fail(`goal: ${describeValue(props.goal)} must be text`);
  if (typeof props.experiment !== 'string' || props.experiment.trim() === '') fail(`experiment: ${describeValue(props.experiment)} must be an experiment's id`);
  const parsed = parseConditions(props.conditions);
  if (!parsed.ok) return fail(parsed.problems.join('; '));
  return { id: props.id, chapter, experiment: props.experiment, goal: props.goal.trim(), conditions: parsed.conditions };
}

import { describe, expect, it } from 'vitest';
import {
  betChoice,
  chapterFromPath,
  countProgress,
  createProgressStore,
  isTaskDone,
  LAB_CHALLENGE,
  labProgressSentence,
  parseProgress,
  PROGRESS_KEY,
  progressSentence,
  withBet,
  withTask,
  type Progress,
} from '../../src/chapters/progress.ts';
import type { KeyValueStore } from '../../src/workbench/stored-experiment.ts';

/** localStorage as a Map; `broken` makes every call throw, as with storage switched off. */
function memoryStorage(initial: Record<string, string> = {}, broken = false): KeyValueStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  const guard = () => {
    if (broken) throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {
    map,
    getItem: (k) => (guard(), map.get(k) ?? null),
    setItem: (k, v) => (guard(), void map.set(k, v)),
    removeItem: (k) => (guard(), void map.delete(k)),
  };
}

const items = { tasks: ['sixty-busy', 'burst-without-throttles'], bets: [{ id: 'slower-requests', correct: 2 }] };

describe('progress', () => {
  it('marks and unmarks tasks and bets without touching other chapters', () => {
    let p: Progress = { filtering: { tasks: { cheaper: true }, bets: {} } };
    p = withTask(p, 'concurrency', 'sixty-busy', true);
    p = withBet(p, 'concurrency', 'slower-requests', 1);
    expect(p).toEqual({ filtering: { tasks: { cheaper: true }, bets: {} }, concurrency: { tasks: { 'sixty-busy': true }, bets: { 'slower-requests': 1 } } });
    expect(isTaskDone(p, 'concurrency', 'sixty-busy')).toBe(true);
    expect(betChoice(p, 'concurrency', 'slower-requests')).toBe(1);
    p = withBet(withTask(p, 'concurrency', 'sixty-busy', false), 'concurrency', 'slower-requests', undefined);
    expect(p['concurrency']).toEqual({ tasks: {}, bets: {} });
    expect(isTaskDone(p, 'nowhere', 'x')).toBe(false);
  });

  it('counts only the items on the page, and the bets that were right', () => {
    const p = withBet(withTask(withTask({}, 'concurrency', 'sixty-busy', true), 'concurrency', 'removed-task', true), 'concurrency', 'slower-requests', 2);
    const counts = countProgress(p, 'concurrency', items);
    expect(counts).toEqual({ tasks: { done: 1, total: 2 }, bets: { placed: 1, right: 1, total: 1 } });
    expect(progressSentence(counts)).toBe('1 of 2 tasks done, 1 of 1 bet placed (1 right)');
    expect(progressSentence(countProgress({}, 'concurrency', items))).toBe('0 of 2 tasks done, 0 of 1 bet placed');
    expect(progressSentence(countProgress(withBet({}, 'concurrency', 'slower-requests', 0), 'concurrency', items))).toBe('0 of 2 tasks done, 1 of 1 bet placed (0 right)');
    // The same id twice on a page (an author's slip) counts once.
    expect(countProgress({}, 'concurrency', { tasks: ['a', 'a'], bets: [] }).tasks.total).toBe(1);
  });

  it('counts a lab as steps and its challenge, apart', () => {
    const lab = { tasks: ['shards', 'batch-size', 'memory', LAB_CHALLENGE], bets: [] };
    expect(labProgressSentence({}, 'poison-pill', lab)).toBe('0 of 3 steps done, challenge not met yet');
    let p = withTask(withTask({}, 'poison-pill', 'shards', true), 'poison-pill', 'memory', true);
    expect(labProgressSentence(p, 'poison-pill', lab)).toBe('2 of 3 steps done, challenge not met yet');
    p = withTask(p, 'poison-pill', LAB_CHALLENGE, true);
    expect(labProgressSentence(p, 'poison-pill', lab)).toBe('2 of 3 steps done, challenge met');
    // Another lab's progress is not this one's.
    expect(labProgressSentence(p, 'survive-the-spike', lab)).toBe('0 of 3 steps done, challenge not met yet');
    // A lab without a challenge, with one step and a cause to name.
    const one = { tasks: ['partitions'], bets: [], diagnoses: [{ id: 'cause', correct: 2 }] };
    expect(labProgressSentence(withTask({}, 'diagnose', 'partitions', true), 'diagnose', one)).toBe('1 of 1 step done, 0 of 1 mystery solved');
  });

  it('drops damaged, foreign or oversized data with a notice, and never throws', () => {
    expect(parseProgress(null)).toEqual({ progress: {} });
    for (const text of ['{"concurrency":', '[1,2]', '{"concurrency":{"tasks":{"a":false}}}', '{"concurrency":{"bets":{"b":-1}}}', 'x'.repeat(70_000)]) {
      const read = parseProgress(text);
      expect(read.progress, text.slice(0, 40)).toEqual({});
      expect(read.notice, text.slice(0, 40)).toMatch(/^Your saved progress could not be read \(.+\), so it starts again from nothing\.$/);
    }
    // Older data without bets is still good.
    expect(parseProgress('{"concurrency":{"tasks":{"a":true}}}')).toEqual({ progress: { concurrency: { tasks: { a: true }, bets: {} } } });
  });

  it('keeps progress in storage and announces each change', () => {
    const storage = memoryStorage();
    const heard: Progress[] = [];
    const store = createProgressStore(storage, (p) => heard.push(p));
    store.update((p) => withTask(p, 'concurrency', 'sixty-busy', true));
    expect(JSON.parse(storage.map.get(PROGRESS_KEY)!)).toEqual({ concurrency: { tasks: { 'sixty-busy': true }, bets: {} } });
    expect(heard).toHaveLength(1);
    // A second store (another island, or the page after a reload) reads the same.
    expect(isTaskDone(createProgressStore(storage).read().progress, 'concurrency', 'sixty-busy')).toBe(true);
  });

  it('drops damaged stored data once, and every reader on the page still gets the notice', () => {
    const storage = memoryStorage({ [PROGRESS_KEY]: '{oops' });
    const store = createProgressStore(storage);
    expect(store.read().notice).toMatch(/damaged/);
    expect(storage.map.has(PROGRESS_KEY)).toBe(false);
    expect(store.read().notice).toMatch(/damaged/);
    store.update((p) => withTask(p, 'concurrency', 'sixty-busy', true));
    expect(createProgressStore(storage).read()).toEqual({ progress: { concurrency: { tasks: { 'sixty-busy': true }, bets: {} } } });
  });

  it('works in memory when storage is switched off or missing', () => {
    for (const storage of [memoryStorage({}, true), undefined]) {
      const store = createProgressStore(storage);
      store.update((p) => withBet(p, 'concurrency', 'slower-requests', 2));
      expect(betChoice(store.read().progress, 'concurrency', 'slower-requests')).toBe(2);
    }
  });

  it('takes the chapter from the page’s path', () => {
    expect(chapterFromPath('/chapters/concurrency/')).toBe('concurrency');
    expect(chapterFromPath('/chapters/concurrency')).toBe('concurrency');
    expect(chapterFromPath('/chapters/concurrency/index.html')).toBe('concurrency');
    expect(chapterFromPath('/')).toBe('home');
  });
});

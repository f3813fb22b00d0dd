/**
 * Fuzzing what the site reads back from local storage (issue #9): 10,000 hostile values per
 * stored state, from arbitrary text to careful mutations of a genuine value. Each read must
 * not throw, must give a usable value (one the module accepts again) or drop the value (with
 * a notice where the page shows one), must leave the shared prototypes alone, and must take
 * at most 50 ms.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../engine/index.ts';
import { createProgressStore, parseProgress, PROGRESS_KEY, progressSentence, countProgress } from '../../src/chapters/progress.ts';
import { readStoredPattern, STORAGE_KEY, MAX_STORED_LENGTH, writeStoredPattern } from '../../src/filtering/stored-pattern.ts';
import { DEFAULT_PATTERN, TALK_PATTERN } from '../../src/filtering/examples.ts';
import { LABS } from '../../src/labs/catalog.ts';
import { knobValues } from '../../src/labs/lab-check.ts';
import { solutionScenario } from '../../src/labs/lab-definition.ts';
import { decodeResult, encodeResult, isValidName, keepName, readStoredName } from '../../src/labs/result-code.ts';
import { codeLines, keepCodes, MAX_CODES, prepare, readStoredCodes } from '../../src/labs/scoreboard.ts';
import { loadExperiment, saveExperiment, type KeyValueStore } from '../../src/workbench/stored-experiment.ts';
import { expectPrototypesClean, hostileTexts, timedDecode } from './support/mutations.ts';

const RUNS = { numRuns: 10_000 };

/** localStorage as a Map holding one stored text under every key asked for. */
function storeHolding(text: string): KeyValueStore & { removed: boolean } {
  const store = {
    removed: false,
    getItem: () => text,
    setItem: () => {},
    removeItem: () => void (store.removed = true),
  };
  return store;
}

/** localStorage as a Map, for writing a value and reading it back. */
function mapStore(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('stored experiments (lab.experiment.v1.*)', () => {
  const genuine = readFileSync(new URL('../../scenarios/kinesis-4-shards.json', import.meta.url), 'utf8');

  it('restore a valid scenario or discard the text with a notice, 10,000 times', () => {
    const load = timedDecode((text: string) => {
      const store = storeHolding(text);
      return { loaded: loadExperiment(store, 'shards', parseScenario), removed: store.removed };
    });
    load.run(genuine);
    let restored = 0;
    fc.assert(
      fc.property(hostileTexts(genuine), (text) => {
        const { loaded, removed } = load.run(text);
        expect(loaded.kind).not.toBe('none');
        if (loaded.kind === 'restored') {
          restored++;
          // What comes back is a scenario the engine accepts, and it survives another save and load.
          expect(parseScenario(loaded.scenario)).toEqual({ ok: true, value: loaded.scenario });
          const again = mapStore();
          saveExperiment(again, 'shards', loaded.scenario);
          // (as JSON text: -0 is written as 0, the same value to the engine)
          expect(JSON.stringify(loadExperiment(again, 'shards', parseScenario))).toBe(JSON.stringify(loaded));
        } else if (loaded.kind === 'discarded') {
          expect(loaded.notice).toMatch(/^Your saved changes to this experiment could not be read \(.+\), so it starts from its default\.$/s);
          expect(removed).toBe(true);
        }
      }),
      { ...RUNS, seed: 901 },
    );
    expect(restored).toBeGreaterThan(300);
  }, 60_000);
});

describe('chapter progress (lab:progress:v1)', () => {
  const genuine = JSON.stringify({
    concurrency: { tasks: { 'sixty-busy': true, 'burst-without-throttles': true }, bets: { 'slower-requests': 2 } },
    observability: { tasks: {}, bets: {}, diagnoses: { 'mystery-orders': 1, 'mystery-logs': 0 } },
  });
  const items = { tasks: ['sixty-busy', 'burst-without-throttles'], bets: [{ id: 'slower-requests', correct: 2 }], diagnoses: [{ id: 'mystery-orders', correct: 1 }] };

  it('read as progress the counter can count, or dropped with a notice, 10,000 times', () => {
    const read = timedDecode((text: string) => parseProgress(text));
    read.run(genuine);
    let kept = 0;
    fc.assert(
      fc.property(hostileTexts(genuine), (text) => {
        const { progress, notice } = read.run(text);
        if (notice !== undefined) {
          expect(notice).toMatch(/^Your saved progress could not be read \(.+\), so it starts again from nothing\.$/);
          expect(progress).toEqual({});
          return;
        }
        kept++;
        // Kept progress is plain data that reads back the same, and every chapter in it counts without throwing.
        // (compared as JSON text: -0 is written as 0, the same choice)
        expect(JSON.stringify(parseProgress(JSON.stringify(progress)))).toBe(JSON.stringify({ progress }));
        for (const chapter of [...Object.keys(progress), 'concurrency', 'toString', '__proto__', 'constructor']) {
          const counts = countProgress(progress, chapter, items);
          expect(counts.tasks.done).toBeLessThanOrEqual(counts.tasks.total);
          expect(counts.bets.right).toBeLessThanOrEqual(counts.bets.placed);
          expect(progressSentence(counts)).not.toBe('');
        }
      }),
      { ...RUNS, seed: 902 },
    );
    expect(kept).toBeGreaterThan(500);
  }, 60_000);

  it('through the page’s store: a dropped value is removed and the notice stays', () => {
    fc.assert(
      fc.property(hostileTexts(genuine), (text) => {
        const storage = mapStore();
        storage.setItem(PROGRESS_KEY, text);
        const store = createProgressStore(storage);
        const first = store.read();
        if (first.notice) expect(storage.getItem(PROGRESS_KEY)).toBeNull();
        expect(store.read().notice).toBe(first.notice);
        expectPrototypesClean();
      }),
      { numRuns: 1_000, seed: 903 },
    );
  }, 60_000);
});

describe('the filter playground’s draft pattern', () => {
  const genuine = JSON.stringify({ version: 1, text: TALK_PATTERN });

  it('comes back as text the page wrote, or is ignored (the default pattern shows), 10,000 times', () => {
    const read = timedDecode((text: string) => readStoredPattern(storeHolding(text)));
    expect(read.run(genuine)).toBe(TALK_PATTERN);
    fc.assert(
      fc.property(hostileTexts(genuine), (text) => {
        const draft = read.run(text);
        if (draft === undefined) return;
        // A kept draft is a string the page could have written: writing it again reads back the same.
        expect(typeof draft).toBe('string');
        expect(draft.length).toBeLessThanOrEqual(MAX_STORED_LENGTH);
        const again = mapStore();
        writeStoredPattern(again, draft);
        expect(again.getItem(STORAGE_KEY)).not.toBeNull();
        expect(readStoredPattern(again)).toBe(draft);
      }),
      { ...RUNS, seed: 904 },
    );
    expect(readStoredPattern(storeHolding(JSON.stringify({ version: 1, text: DEFAULT_PATTERN })))).toBe(DEFAULT_PATTERN);
  }, 60_000);
});

describe('the scoreboard’s pasted codes (lab:scoreboard:v1)', () => {
  // A genuine paste: one code per lab, made from its documented solution.
  const codes = LABS.map((lab) => encodeResult({ lab: lab.id, name: 'Ada', knobs: knobValues(lab, solutionScenario(lab)), claim: 1 }));
  // The paste as JSON (line number → code), so the structural mutations apply; stored, it is the lines.
  const genuine = JSON.stringify(Object.fromEntries(codes.map((code, i) => [`line${i + 1}`, code])));
  /** The stored text a mutated paste stands for: its values as lines when it is still a JSON object or list, else the text itself. */
  const pasted = (json: string): string => {
    try {
      const value: unknown = JSON.parse(json);
      if (value === null || typeof value !== 'object') return json;
      return Object.values(value).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
    } catch {
      return json;
    }
  };

  it('every line is prepared for a re-run or rejected with a reason, 10,000 times', () => {
    const read = timedDecode((text: string) => {
      const kept = readStoredCodes(storeHolding(text));
      const { lines, leftOver } = codeLines(kept);
      return { kept, lines, leftOver, prepared: lines.map(({ line, code }) => prepare(line, code)) };
    });
    // The stored text is lines; the mutations edit both the lines and the JSON around them.
    const first = read.run(pasted(genuine));
    expect(first.prepared.every((p) => p.ok)).toBe(true);
    let accepted = 0;
    fc.assert(
      fc.property(hostileTexts(genuine).map(pasted), (text) => {
        const { kept, lines, leftOver, prepared } = read.run(text);
        expect(kept === text || kept === '').toBe(true);
        expect(lines.length).toBeLessThanOrEqual(MAX_CODES);
        expect(leftOver).toBeGreaterThanOrEqual(0);
        for (const p of prepared) {
          if (!p.ok) {
            expect(p.rejected.reason.trim().length).toBeGreaterThan(0);
            continue;
          }
          accepted++;
          // A prepared code decodes to the same payload again, and its scenario is one the engine accepts.
          expect(decodeResult(encodeResult(p.payload))).toEqual({ ok: true, payload: p.payload });
          expect(parseScenario(p.scenario).ok).toBe(true);
        }
      }),
      { ...RUNS, seed: 905 },
    );
    expect(accepted).toBeGreaterThan(500);
  }, 60_000);

  it('are kept only when short enough, and never throw with storage off', () => {
    const store = mapStore();
    keepCodes(store, codes.join('\n'));
    expect(readStoredCodes(store)).toBe(codes.join('\n'));
    keepCodes(store, 'x'.repeat(200_001));
    expect(readStoredCodes(store)).toBe(codes.join('\n'));
    const off: KeyValueStore = { getItem: () => { throw new Error('off'); }, setItem: () => { throw new Error('off'); }, removeItem: () => { throw new Error('off'); } };
    expect(readStoredCodes(off)).toBe('');
    expect(() => keepCodes(off, 'SSL1.x.y')).not.toThrow();
    expect(readStoredCodes(storeHolding('x'.repeat(200_001)))).toBe('');
  });
});

describe('the learner’s name for result codes (lab:learner-name:v1)', () => {
  it('comes back only as a name a code may carry, 10,000 times', () => {
    const genuine = JSON.stringify({ name: 'Ada Lovelace' });
    // The name is stored as plain text: the mutations edit it, and the JSON around it.
    const stored = (json: string) => (json.startsWith('{"name":"') ? json.slice(9, -2) : json);
    const read = timedDecode((text: string) => readStoredName(storeHolding(text)));
    expect(read.run(stored(genuine))).toBe('Ada Lovelace');
    fc.assert(
      fc.property(hostileTexts(genuine).map(stored), (text) => {
        const name = read.run(text);
        expect(name === '' || name === text).toBe(true);
        if (name !== '') expect(isValidName(name)).toBe(true);
      }),
      { ...RUNS, seed: 906 },
    );
    const off: KeyValueStore = { getItem: () => { throw new Error('off'); }, setItem: () => { throw new Error('off'); }, removeItem: () => {} };
    expect(readStoredName(off)).toBe('');
    expect(() => keepName(off, 'Ada')).not.toThrow();
    const store = mapStore();
    keepName(store, ' not valid because of the space first');
    expect(readStoredName(store)).toBe('');
    keepName(store, 'Grace');
    expect(readStoredName(store)).toBe('Grace');
  }, 60_000);
});

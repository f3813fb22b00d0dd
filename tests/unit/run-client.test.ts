import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RunCache, runKey } from '../../src/workbench/run-cache.ts';
import { createRunClient } from '../../src/workbench/run-client.ts';
import type { RunOutcome, RunRequest } from '../../src/workbench/run-job.ts';

// Node has no Worker, so these clients run on the page's path (runJob in this thread): the
// caching and running ahead are the client's own, whichever thread simulates.
const preset = JSON.parse(readFileSync('scenarios/kinesis-4-shards.json', 'utf8'));
const withShards = (shards: number): RunRequest => ({ scenario: { ...preset, durationSeconds: 120, source: { ...preset.source, ShardCount: shards } } });

describe('run cache', () => {
  const ok = (n: number) => ({ ok: true, result: { n } }) as unknown as RunOutcome;

  it('keeps the most recently used runs, up to its capacity', () => {
    const cache = new RunCache(2);
    cache.set('a', ok(1));
    cache.set('b', ok(2));
    expect(cache.get('a')).toEqual(ok(1)); // a is now the most recent
    cache.set('c', ok(3));
    expect(cache.has('b')).toBe(false);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(true);
  });

  it('does not keep a refused scenario', () => {
    const cache = new RunCache(2);
    cache.set('bad', { ok: false, problems: [] });
    expect(cache.size).toBe(0);
  });

  it('tells requests apart by their JSON', () => {
    expect(runKey(withShards(2))).toBe(runKey(withShards(2)));
    expect(runKey(withShards(2))).not.toBe(runKey(withShards(3)));
  });
});

describe('run client', () => {
  it('answers a request made again from the runs it kept, with the same answer', async () => {
    const client = createRunClient();
    const first = await client.request(withShards(2));
    expect(first?.ok).toBe(true);
    const again = await client.request(withShards(2));
    expect(again).toBe(first);
    const other = await client.request(withShards(3));
    expect(other).not.toBe(first);
    client.dispose();
  });

  it('runs ahead of the reader: the next request finds its run made, equal to a run made fresh', async () => {
    const cache = new RunCache(6);
    const client = createRunClient(undefined, cache);
    await client.runAhead([withShards(5), withShards(3)]);
    expect(cache.has(runKey(withShards(5)))).toBe(true);
    expect(cache.has(runKey(withShards(3)))).toBe(true);
    const kept = cache.get(runKey(withShards(5)));
    expect(await client.request(withShards(5))).toBe(kept);
    const fresh = await createRunClient().request(withShards(5));
    expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh));
    client.dispose();
  });

  it('a newer list of runs ahead replaces an older one', async () => {
    const cache = new RunCache(6);
    const client = createRunClient(undefined, cache);
    const older = client.runAhead([withShards(6), withShards(7), withShards(8)]);
    const newer = client.runAhead([withShards(2)]);
    await Promise.all([older, newer]);
    expect(cache.has(runKey(withShards(2)))).toBe(true);
    expect(cache.has(runKey(withShards(8)))).toBe(false);
    client.dispose();
  });

  it('the newest request wins: an older one resolves as undefined', async () => {
    const client = createRunClient();
    const older = client.request(withShards(4));
    const newer = client.request(withShards(6));
    expect(await older).toBeUndefined();
    expect((await newer)?.ok).toBe(true);
    client.dispose();
  });
});

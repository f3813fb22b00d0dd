import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deferSearchScript } from '../../src/integrations/deferred-search.ts';

const SCHEDULER = 'const onIdle = window.requestIdleCallback || ((cb) => setTimeout(cb, 1));';

describe('deferSearchScript', () => {
  it('hands the build of the installed Starlight search script to buildSearchWhenWanted', () => {
    const file = createRequire(import.meta.url).resolve('@astrojs/starlight/components/Search.astro');
    const source = readFileSync(file, 'utf8');
    const out = deferSearchScript(source);
    if (out instanceof Error) throw out;
    expect(out).not.toContain('requestIdleCallback');
    expect(out).toContain('const onIdle = (build) => buildSearchWhenWanted(this, build);');
    expect(out.split('\n')[0]).toMatch(/^import \{ buildSearchWhenWanted \} from ".*src[\\/]+components[\\/]+deferred-search\.ts";$/);
  });

  it('refuses a script without the line, naming it', () => {
    const out = deferSearchScript('window.addEventListener("DOMContentLoaded", () => {});');
    expect(out).toBeInstanceOf(Error);
    expect((out as Error).message).toContain(SCHEDULER);
  });

  it('refuses a script with the line twice, since which one to replace is then unclear', () => {
    expect(deferSearchScript(`${SCHEDULER}\n${SCHEDULER}`)).toBeInstanceOf(Error);
  });
});

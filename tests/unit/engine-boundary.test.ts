import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine must run unchanged in Node, the browser and a Web Worker, so it may not depend
// on the site, the UI frameworks or the DOM.
const ENGINE = join(import.meta.dirname, '../../engine');
// Node's own modules are forbidden too: the engine must also run in a browser and a Web Worker.
const FORBIDDEN = [
  /^astro(:|\/|$)/,
  /^@astrojs\//,
  /^svelte(\/|$)/,
  /^chart\.js(\/|$)/,
  /(^|\/)src\//,
  /^\.\.\/(\.\.\/)*src(\/|$)/,
  /^node:/,
  /^(fs|path|os|child_process|worker_threads|process)(\/|$)/,
];
// Used as objects or called: "window" alone is also a word of this domain (the batching window).
const DOM_GLOBALS = /\b(document|window|localStorage|sessionStorage|navigator|requestAnimationFrame)\s*[.([]|\bHTMLElement\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier in a file: static imports, re-exports and dynamic imports. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(pattern)) found.push((m[1] ?? m[2] ?? m[3]) as string);
  return found;
}

describe('engine boundary', () => {
  const files = sourceFiles(ENGINE);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(3);
    expect(files.some((f) => f.endsWith('index.ts'))).toBe(true);
  });

  it('recognises DOM use but not the word "window" in a string', () => {
    expect(DOM_GLOBALS.test('const w = window.innerWidth;')).toBe(true);
    expect(DOM_GLOBALS.test('requestAnimationFrame(() => {})')).toBe(true);
    expect(DOM_GLOBALS.test("trigger: 'window'")).toBe(false);
  });

  it('has a specifier parser that catches the imports it must forbid', () => {
    const sample = `import { x } from 'astro:content';\nexport * from "../src/x";\nconst c = await import('chart.js');\nimport 'svelte/store';\nimport { readFileSync } from 'node:fs';`;
    const found = specifiers(sample);
    expect(found.sort()).toEqual(['../src/x', 'astro:content', 'chart.js', 'node:fs', 'svelte/store']);
    expect(found.filter((s) => FORBIDDEN.some((re) => re.test(s)))).toHaveLength(5);
    expect(['zod', '../core/random.ts'].filter((s) => FORBIDDEN.some((re) => re.test(s)))).toEqual([]);
  });

  for (const file of sourceFiles(ENGINE)) {
    const name = relative(ENGINE, file);
    it(`${name} imports nothing from the site, Astro, Svelte, Chart.js or Node`, () => {
      const code = readFileSync(file, 'utf8');
      const bad = specifiers(code).filter((s) => FORBIDDEN.some((re) => re.test(s)));
      expect(bad, `${name} imports ${bad.join(', ')}`).toEqual([]);
    });
    it(`${name} uses no DOM globals`, () => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code.match(DOM_GLOBALS)?.[0]).toBeUndefined();
    });
  }
});

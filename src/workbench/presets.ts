/**
 * The preset scenarios of scenarios/, by file name: what chapters' experiments start from
 * and what their figures quote. Bundled with `import.meta.glob`, so Astro, Vitest and the
 * build read the same files.
 */
const PRESETS = import.meta.glob<{ default: unknown }>('../../scenarios/*.json', { eager: true });

/** The preset named `name` (a file in scenarios/, without .json) as written, not yet checked. */
export function presetInput(name: string): unknown {
  const module = PRESETS[`../../scenarios/${name}.json`];
  if (!module) throw new Error(`no preset named "${name}" in scenarios/`);
  return module.default;
}

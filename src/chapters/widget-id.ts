/** Ids of tasks and bets: they key the reader's stored progress, so they must be stable, plain slugs. */
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Calls `fail` with a message when `id` is not a lowercase slug ("more-environments"). */
export function checkWidgetId(id: unknown, fail: (message: string) => never): void {
  if (typeof id !== 'string' || !ID.test(id)) fail(`id: ${JSON.stringify(id)} must be a lowercase slug such as "more-environments"`);
}

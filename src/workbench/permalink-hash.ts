/**
 * Where a permalink sits in a URL: `#x=<value>`, possibly among other fragment keys. Apart
 * from the codec (permalink.ts) so that a page can tell whether it was opened from a link
 * without loading the codec and the scenario schema it validates with.
 */

/** The fragment's key: `#x=v1.<base64url of the JSON document>`. */
export const PERMALINK_KEY = 'x';

/** Reads the permalink value from a URL fragment (`#x=…`, possibly among other keys); undefined when there is none. */
export function permalinkFromHash(hash: string): string | undefined {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    if (part.startsWith(`${PERMALINK_KEY}=`)) return part.slice(PERMALINK_KEY.length + 1);
  }
  return undefined;
}

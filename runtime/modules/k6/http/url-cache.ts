/** Parsed URLs by text: scripts request the same few URLs over and over (parsing is a hot-path cost). */
const cache = new Map<string, URL | null>();
const MAX_ENTRIES = 1000;

/** The parsed URL, or null when `text` is not a valid absolute URL. Treat the result as read-only. */
export function parseURL(text: string): URL | null {
  let url = cache.get(text);
  if (url === undefined) {
    try {
      url = new URL(text);
    } catch {
      url = null;
    }
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(text, url);
  }
  return url;
}

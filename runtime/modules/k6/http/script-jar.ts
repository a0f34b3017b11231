/** k6's CookieJar object as the script sees it (`http.cookieJar()`, `new http.CookieJar()`). */
import { cookiesFor, deleteCookies, emptyJar, setCookie, type CookieAttributes, type CookieJarData } from './cookie-jar.ts';

function parseURL(url: unknown, what: string): URL {
  try {
    return new URL(String(url));
  } catch {
    throw new TypeError(`${what}: invalid URL ${JSON.stringify(url)}`);
  }
}

export class CookieJar {
  /** plain data: travels with each request that uses this jar */
  data: CookieJarData = emptyJar();

  /** name ⇒ values of the cookies a request to `url` would send */
  cookiesForURL(url: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of cookiesFor(this.data, parseURL(url, 'cookiesForURL'))) (out[c.name] ??= []).push(c.value);
    return out;
  }

  set(url: string, name: string, value: string, options?: CookieAttributes): void {
    setCookie(this.data, parseURL(url, 'CookieJar.set'), String(name), String(value), options ?? {});
  }

  clear(url: string): void {
    deleteCookies(this.data, parseURL(url, 'CookieJar.clear'));
  }

  delete(url: string, name: string): void {
    deleteCookies(this.data, parseURL(url, 'CookieJar.delete'), String(name));
  }
}

/**
 * A browser's cookie jar over `fetch`, redirects followed by hand, for tests that walk the
 * sign-in through the identity provider and back without a browser.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(readonly origin: string) {}

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** One request with the jar's cookies; the response's cookies go into the jar. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(path, this.origin);
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects (GET) until a page answers; the last response and the path it came from. */
  async follow(path: string, init: RequestInit = {}): Promise<{ response: Response; path: string }> {
    let response = await this.request(path, init);
    let at = path;
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location')!, new URL(at, this.origin));
      at = location.pathname + location.search;
      response = await this.request(location.href);
    }
    return { response, path: at };
  }
}

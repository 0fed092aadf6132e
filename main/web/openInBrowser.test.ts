/** The access token never goes on a command line: the browser gets a private redirect page. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRedirectPage } from './openInBrowser';

describe('writeRedirectPage', () => {
  it('writes a page only this user can read, which sends the browser to the address', () => {
    const url = 'http://127.0.0.1:4567/#token=abc</script><b>"&';
    const page = writeRedirectPage(url);
    try {
      expect(statSync(page.file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(page.file)).mode & 0o777).toBe(0o700);
      const html = readFileSync(page.file, 'utf8');
      expect(html).toContain('location.replace("http://127.0.0.1:4567/#token=abc\\u003c/script>');
      expect(html).not.toContain('</script><b>');
      expect(html).toContain('content="0;url=http://127.0.0.1:4567/#token=abc&lt;/script>');
    } finally {
      page.remove();
    }
    expect(() => statSync(page.file)).toThrow();
  });
});

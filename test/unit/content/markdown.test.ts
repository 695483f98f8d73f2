import { describe, expect, it } from 'vitest';
import { MAX_MARKDOWN_CHARS, renderMarkdown } from '../../../src/lib/content/markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**Let op**: gebruik [het formulier](https://example.org/f).')).toBe(
      '<p><strong>Let op</strong>: gebruik <a href="https://example.org/f">het formulier</a>.</p>',
    );
  });

  it('shows a script tag as text instead of running it', () => {
    const html = renderMarkdown('<script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('escapes raw HTML with an event handler attribute', () => {
    const html = renderMarkdown('Hallo <img src=x onerror="alert(1)"> daar');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;img');
  });

  it.each([
    ['[klik](javascript:alert(1))'],
    ['[klik](JaVaScRiPt:alert(1))'],
    ['[klik](  javascript:alert(1) )'],
    ['<javascript:alert(1)>'],
    ['[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['[klik](vbscript:msgbox(1))'],
    ['![x](javascript:alert(1))'],
    ['[klik][r]\n\n[r]: javascript:alert(1)'],
  ])('neutralises the dangerous URL in %s', (md) => {
    const html = renderMarkdown(md);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):/i);
  });

  it('keeps safe link schemes', () => {
    expect(renderMarkdown('[mail](mailto:helpdesk@farmaflux.be)')).toContain('href="mailto:helpdesk@farmaflux.be"');
  });

  it('cuts huge input instead of stalling the build', () => {
    const html = renderMarkdown('*'.repeat(MAX_MARKDOWN_CHARS * 4) + 'TAIL');
    expect(html).not.toContain('TAIL');
    expect(html.endsWith('<p>…</p>')).toBe(true);
  });

  it('renders deeply nested quotes and brackets without throwing', () => {
    expect(() => renderMarkdown('>'.repeat(5000) + ' x')).not.toThrow();
    expect(renderMarkdown('['.repeat(20000))).toContain('[[[');
  });
});

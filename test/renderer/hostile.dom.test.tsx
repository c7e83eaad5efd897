import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { baseSnapshot, conversation, message } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.test"></iframe>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '<b>x</b>',
  '<a href="javascript:alert(1)">click</a>',
];

async function openWith(texts: string[], name = 'Ada') {
  const s = baseSnapshot({ seq: 1 });
  s.session.conversations = [conversation({ consumerName: name, lastMessagePreview: texts[0] })];
  s.session.messages = { c1: texts.map((text, i) => message({ sequence: i, text })) };
  const r = await renderApp(s);
  act(() => r.store.dispatch({ type: 'select', conversationId: 'c1' }));
  const log = await screen.findByRole('log', { name: 'Messages' });
  await within(log).findAllByTestId('message');
  return { ...r, log };
}

function assertNoActiveContent(): void {
  expect(document.querySelectorAll('script, img, svg, iframe, object, embed, b')).toHaveLength(0);
  for (const a of Array.from(document.querySelectorAll('a'))) {
    expect(a.getAttribute('href') ?? '').toMatch(/^https?:\/\//);
  }
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) expect(attr.name.startsWith('on'), `${el.tagName} ${attr.name}`).toBe(false);
  }
}

describe('hostile consumer text is inert', () => {
  it('markup and script-y URLs appear as text, never as elements or links', async () => {
    const { log } = await openWith(HOSTILE);
    const texts = within(log).getAllByTestId('message').map((m) => m.querySelector('.msg-text')?.textContent);
    expect(texts).toEqual(HOSTILE);
    assertNoActiveContent();
    // The only link is the plain https URL inside the iframe markup, shown as text around it.
    expect(Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://evil.test/']);
  });

  it('http(s) links open only through shellOpenExternal', async () => {
    const { lp, log } = await openWith(['see https://example.com/x?y=1 and http://test.example. javascript:alert(1) https://ok.example/javascript:x']);
    const links = within(log).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/x?y=1', 'http://test.example/', 'https://ok.example/javascript:x']);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    links[0]?.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(lp.callsTo('shellOpenExternal')).toEqual([{ url: 'https://example.com/x?y=1' }]);
    assertNoActiveContent();
  });

  it('bidi override characters are neutralised and made visible', async () => {
    const { log } = await openWith(['invoice\u202Egnp.exe', 'a\u2066b\u2069c'], 'Eve\u202Etxt.exe');
    const first = within(log).getAllByTestId('message')[0]?.querySelector('.msg-text') as HTMLElement;
    expect(first.getAttribute('dir')).toBe('auto');
    expect(first.textContent).toBe('invoice[U+202E]gnp.exe');
    expect(first.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(within(log).getByText('[U+2066]').className).toBe('bidi-mark');
    // Names and previews in the list carry visible markers too.
    const option = screen.getByRole('option', { name: /Eve/ });
    expect(option.textContent).toContain('Eve[U+202E]txt.exe');
    expect(option.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });

  it('a 100 KB message renders clamped as inert text with "show more"', async () => {
    const big = `<script>${'A'.repeat(100 * 1024)}</script>`;
    const { log } = await openWith([big]);
    const text = within(log).getByTestId('message').querySelector('.msg-text') as HTMLElement;
    expect(text.textContent?.length).toBeLessThan(3_000);
    expect(text.textContent?.startsWith('<script>AAAA')).toBe(true);
    const more = within(log).getByRole('button', { name: /Show more \(100 kB\)/i });
    fireEvent.click(more);
    expect(text.textContent).toContain(big);
    expect(within(log).getByRole('button', { name: 'Show less' })).toBeTruthy();
    assertNoActiveContent();
  });
});

describe('UI defects (#12 item 8)', () => {
  it('a "link not opened" banner goes when a later link opens, and refusals do not stack', async () => {
    const { lp, log } = await openWith(['bad https://refused.example/x then good https://ok.example/y']);
    let allow = false;
    lp.handle('shellOpenExternal', () => (allow ? { opened: true } : { opened: false, reason: 'not allowed' }));
    const [bad, good] = within(log).getAllByRole('link');
    await act(async () => { fireEvent.click(bad!); });
    await act(async () => { fireEvent.click(bad!); });
    expect(screen.getAllByText('Link not opened: not allowed')).toHaveLength(1);
    allow = true;
    await act(async () => { fireEvent.click(good!); });
    expect(screen.queryByText(/Link not opened/)).toBeNull();
  });

  it('control characters in text and names are named marks, never raw', async () => {
    const { log } = await openWith(['bell\u0007 esc\u001B[31m red'], 'Ann\u0000Lee');
    const text = within(log).getAllByTestId('message')[0]?.querySelector('.msg-text') as HTMLElement;
    expect(text.textContent).toBe('bell[U+0007] esc[U+001B][31m red');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(document.body.textContent).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
    expect(screen.getByRole('option', { name: /Ann\[U\+0000\]Lee/ })).toBeTruthy();
  });
});

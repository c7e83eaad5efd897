import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeLp, signedOutSnapshot } from './fake-lp';
import { renderApp } from './render';
import { CSDS_FORMS } from '../lp/helpers/csds-forms';
import { normaliseCsdsUrl } from '../../src-renderer/lib/csds-url';

afterEach(cleanup);

async function fill(accountId = '123', username = 'ann', password = 's3cret!') {
  await userEvent.type(screen.getByLabelText('Account id'), accountId);
  await userEvent.type(screen.getByLabelText('Username'), username);
  await userEvent.type(screen.getByLabelText('Password'), password);
}

describe('sign in', () => {
  it('shows the form when signed out and logs in; password cleared after submit', async () => {
    const r = await renderApp(signedOutSnapshot());
    await fill();
    await userEvent.click(screen.getByLabelText('Remember me on this computer'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(r.lp.callsTo('sessionLogin')).toEqual([{ accountId: '123', username: 'ann', password: 's3cret!', remember: true }]);
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Password') as HTMLInputElement).type).toBe('password');
    expect(document.body.textContent).not.toContain('s3cret!');
  });

  it.each([
    ['401|Login#REST|Unauthorized', /wrong username or password/i],
    ['404|Csds#REST|account not found', /account not found/i],
    ['0|Csds#REST|getaddrinfo ENOTFOUND adminlogin.liveperson.net', /cannot reach liveperson/i],
    ['502|Login#REST|bad gateway', /LivePerson had a problem \(502\)/],
    // code 0 is not always the network: an unusable domain-service answer says what it was
    ['0|Csds#REST|Domain service has no agentVep for account 123', /^Sign in failed: Domain service has no agentVep for account 123$/],
    // a certificate or a TLS/plain mix-up is not "your network"
    ["0|Domains#CSDS|Domains#CSDS 0: the server's certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): it is self-signed or issued by an authority this computer does not trust", /^Cannot connect securely: the server's certificate is not trusted/],
    ['0|Domains#CSDS|Domains#CSDS 0: the server does not speak TLS (EPROTO): it answers plain HTTP (an http:// address, or the wrong port)', /^Cannot connect securely: the server does not speak TLS/],
  ])('maps %s to a clear error, and clears the password', async (serialised, expected) => {
    const lp = createFakeLp(signedOutSnapshot());
    lp.handle('sessionLogin', () => Promise.reject(new Error(serialised)));
    await renderApp(undefined, lp);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByText(expected);
    expect(alert.getAttribute('role')).toBe('alert');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('passes the CSDS URL from Advanced and validates the account id locally', async () => {
    const r = await renderApp(signedOutSnapshot());
    await fill('bad id!');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toMatch(/letters, digits/);
    expect(r.lp.callsTo('sessionLogin')).toEqual([]);
    await userEvent.clear(screen.getByLabelText('Account id'));
    await userEvent.type(screen.getByLabelText('Account id'), 'acc_1');
    await userEvent.type(screen.getByLabelText('Password'), 'pw');
    await userEvent.click(screen.getByText('Advanced'));
    await userEvent.type(screen.getByLabelText('CSDS URL (domain service)'), 'http://127.0.0.1:4443');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(r.lp.callsTo('sessionLogin')).toEqual([{ accountId: 'acc_1', username: 'ann', password: 'pw', remember: false, csdsUrl: 'http://127.0.0.1:4443' }]);
  });

  it('accepts the same CSDS address forms as headless mode (a bare host:port means https) and refuses the rest', async () => {
    for (const { typed, url } of CSDS_FORMS) {
      const r = await renderApp(signedOutSnapshot());
      await fill('acc_1', 'ann', 'pw');
      await userEvent.click(screen.getByText('Advanced'));
      await userEvent.click(screen.getByLabelText('CSDS URL (domain service)'));
      await userEvent.paste(typed);
      await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      if (url === undefined) {
        expect(screen.getByRole('alert').textContent, typed).toContain('host[:port] alone (which means https://)');
        expect(r.lp.callsTo('sessionLogin'), typed).toEqual([]);
      } else {
        expect(r.lp.callsTo('sessionLogin'), typed).toEqual([expect.objectContaining({ csdsUrl: url })]);
      }
      cleanup();
    }
    expect(normaliseCsdsUrl('127.0.0.1:8080')).toBe('https://127.0.0.1:8080');
  });

  it('asks consent before storing secrets where the OS offers no encryption', async () => {
    const snap = signedOutSnapshot();
    snap.app.secretStorage = 'weak';
    const r = await renderApp(snap);
    r.lp.handle('sessionLogin', () => ({ remembered: false, note: 'Kept in memory only.' }));
    await fill();
    expect(screen.queryByText(/no keyring/i)).toBeNull();
    await userEvent.click(screen.getByLabelText('Remember me on this computer'));
    expect(screen.getByText(/no keyring/i)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(r.lp.callsTo('sessionLogin')[0]).toMatchObject({ remember: true, allowWeakStorage: false });
    expect(await screen.findByText('Kept in memory only.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Password'), 'again');
    await userEvent.click(screen.getByLabelText('Store it anyway (not encrypted)'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(r.lp.callsTo('sessionLogin')[1]).toMatchObject({ remember: true, allowWeakStorage: true, password: 'again' });
  });

  it('"Try the demo" starts the demo, then the workspace appears on app/state', async () => {
    const r = await renderApp(signedOutSnapshot());
    await userEvent.click(screen.getByRole('button', { name: 'Try the demo' }));
    expect(r.lp.callsTo('sessionStartDemo')).toHaveLength(1);
    act(() => void r.lp.emit('app/state', { mode: 'demo', secretStorage: 'os-encrypted', secretsPersisted: false, version: '1', platform: 'linux', language: 'en' }));
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it("a failed attempt's error stays when main's 'signed-out' comes after the failure itself (the session was live meanwhile)", async () => {
    // Main switches the mode as soon as the session exists, before the login's outcome; the
    // outcome (an invoke's rejection) can reach the page before the mode's way back to signed-out.
    const lp = createFakeLp(signedOutSnapshot());
    const state = (mode: 'live' | 'signed-out') => ({ mode, secretStorage: 'os-encrypted' as const, secretsPersisted: false, version: '1', platform: 'linux' as const, language: 'en' as const });
    let failNow: (err: Error) => void = () => undefined;
    lp.handle('sessionLogin', () => new Promise((_resolve, reject) => { failNow = reject; }));
    await renderApp(undefined, lp);
    await fill();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await act(async () => { lp.emit('app/state', state('live')); await new Promise((r) => setTimeout(r, 50)); });
    await act(async () => { failNow(new Error('404|Csds#REST|account not found')); await new Promise((r) => setTimeout(r, 50)); });
    expect(screen.getByRole('alert').textContent).toMatch(/account not found/i); // not the workspace in between
    await act(async () => { lp.emit('app/state', state('signed-out')); await new Promise((r) => setTimeout(r, 50)); });
    expect(screen.getByRole('alert').textContent).toMatch(/account not found/i);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('offers to continue with a saved account', async () => {
    const snap = signedOutSnapshot();
    snap.app.savedAccount = { accountId: '42', username: 'bo', hasSecret: true };
    const r = await renderApp(snap);
    await userEvent.click(screen.getByRole('button', { name: 'Continue as bo (42)' }));
    expect(r.lp.callsTo('sessionResume')).toHaveLength(1);
  });
});

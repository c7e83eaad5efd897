// Settings → Network in the window (src-renderer/components/NetworkSettings.tsx) on the fake bridge:
// main's refusals shown as they come, certificates listed (expired marked), the policy's keys locked.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkView } from '../../src-preload/api';
import { baseSnapshot } from './fake-lp';
import { renderApp } from './render';

afterEach(cleanup);

const FP = Array.from({ length: 32 }, () => 'AB').join(':');
const view = (over: Partial<NetworkView> = {}): NetworkView => ({ proxy: { mode: 'system', url: '', bypass: '' }, proxyLocked: false, certificates: [], certificateErrors: [], ...over });

async function open(initial: NetworkView) {
  const r = await renderApp(baseSnapshot({ seq: 1 }));
  r.lp.handle('networkGet', () => initial);
  await userEvent.click(screen.getByRole('button', { name: 'Settings' }));
  const network = within(await screen.findByRole('dialog', { name: 'Settings' })).getByRole('group', { name: 'Network' });
  await within(network).findByLabelText('Use the system proxy settings (default)');
  return { ...r, network };
}

describe('network settings', () => {
  it('sends a manual proxy to main and shows its refusal in words', async () => {
    const { lp, network } = await open(view());
    lp.handle('networkSetProxy', () => { throw new Error('400|Network#Proxy|Proxy not changed: the proxy URL is empty.'); });
    await userEvent.click(within(network).getByLabelText('Manual proxy'));
    await userEvent.type(within(network).getByLabelText('Bypass list (comma-separated: hosts, *.domains, IP ranges, <local>)'), '*.corp');
    await userEvent.click(within(network).getByRole('button', { name: 'Apply proxy' }));
    expect(lp.callsTo('networkSetProxy')).toEqual([{ mode: 'manual', url: '', bypass: '*.corp' }]);
    expect(await within(network).findByRole('alert')).toHaveProperty('textContent', 'Proxy not changed: the proxy URL is empty.');
  });

  it('lists certificates with issuer and expiry, marks the expired one, removes a user one', async () => {
    const certs = view({ certificates: [
      { fingerprint: FP, subject: 'Corp Root, Corp', issuer: 'Corp Root, Corp', validTo: '2036-01-02T00:00:00.000Z', expired: false, source: 'user' },
      { fingerprint: FP.replace(/^AB/, 'CD'), subject: 'Old, Corp', issuer: 'Corp Root, Corp', validTo: '2020-01-02T00:00:00.000Z', expired: true, source: 'user' },
    ] });
    const { lp, network } = await open(certs);
    const items = within(network).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'Corp Root, Corp issued by Corp Root, Corp; expires 2036-01-02Remove',
      'Old, Corp issued by Corp Root, Corp; expired 2020-01-02Remove',
    ]);
    lp.handle('networkRemoveCertificate', () => view({ certificates: [certs.certificates[1]!] }));
    await userEvent.click(within(network).getByRole('button', { name: 'Remove Corp Root, Corp' }));
    expect(lp.callsTo('networkRemoveCertificate')).toEqual([{ fingerprint: FP }]);
    expect(within(network).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows what the policy sets as locked', async () => {
    const { network } = await open(view({
      proxy: { mode: 'manual', url: 'http://proxy.corp:3128', bypass: '' }, proxyLocked: true,
      certificates: [{ fingerprint: FP, subject: 'Policy Root', issuer: 'Policy Root', validTo: '2036-01-02T00:00:00.000Z', expired: false, source: 'organisation', file: 'root.pem' }],
      certificateErrors: ['IT policy certificate file /etc/x.pem was not loaded: x.pem cannot be read (ENOENT)'],
    }));
    const proxy = within(network).getByRole('group', { name: 'Proxy' });
    expect(proxy).toHaveProperty('disabled', true);
    expect(within(proxy).getByText('Set by your organisation')).toBeTruthy();
    expect(within(proxy).queryByRole('button', { name: 'Apply proxy' })).toBeNull();
    expect(within(network).getByRole('listitem').textContent).toBe('Policy Root issued by Policy Root; expires 2036-01-02 — Set by your organisation (root.pem)');
    expect(within(network).getByRole('alert').textContent).toContain('/etc/x.pem was not loaded');
  });
});

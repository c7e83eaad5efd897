/**
 * Proxy settings applied to the app's session at start-up and again, at once, when they change —
 * then the current session reconnects so REST and the socket both use the new route. A setting
 * that cannot be applied is logged and changes nothing.
 */
import type { SettingsService } from '../settings';
import type { ModeManager } from '../modes';
import { networkChanged, type NetworkPhase } from '../network/network-phase';

export async function applyNetworkSettings(deps: {
  network: Pick<NetworkPhase, 'apply'>;
  settings: Pick<SettingsService, 'get' | 'onChange'>;
  modes: Pick<ModeManager, 'current'>;
  log(message: string): void;
}): Promise<() => void> {
  const apply = async (why: string): Promise<boolean> => {
    try {
      await deps.network.apply(deps.settings.get());
      return true;
    } catch (err) {
      deps.log(`proxy settings not applied (${why}): ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  };
  await apply('start-up');
  return deps.settings.onChange((next, previous) => {
    if (!networkChanged(next, previous)) return;
    void apply('changed').then((ok) => {
      if (ok) deps.modes.current().session?.reconnectNow('proxy settings changed');
    });
  });
}

/** The production StoreFactory: electron-store (ESM-only; bundled into main by esbuild), file under userData. */
import ElectronStore from 'electron-store';
import type { KeyValueStore, StoreFactory } from './settings';

export const electronStoreFactory: StoreFactory = (options) =>
  new ElectronStore<Record<string, unknown>>({
    name: options.name,
    schema: options.schema,
    defaults: options.defaults,
    clearInvalidConfig: options.clearInvalidConfig,
  }) as KeyValueStore;

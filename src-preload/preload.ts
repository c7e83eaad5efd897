/**
 * The preload: exposes exactly the contract as window.lp (bridge.ts) and nothing else.
 * Bundled to one CommonJS file (dist/preload/preload.cjs) that requires only 'electron' and holds
 * no zod (api.ts imports it for types only), so it runs sandboxed and small.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './bridge';

contextBridge.exposeInMainWorld('lp', buildApi(ipcRenderer));

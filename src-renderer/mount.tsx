/** Entry used by main.tsx: mount the app (and its stylesheet) into a root element. */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App';
import './styles.css';

export function mount(root: HTMLElement): Root {
  const r = createRoot(root);
  r.render(<StrictMode><App /></StrictMode>);
  return r;
}

/** Entry used by main.tsx: mount the app (and its stylesheet) into a root element, under the error boundary. */
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import './styles.css';

export function mount(root: HTMLElement): Root {
  const r = createRoot(root);
  r.render(<StrictMode><ErrorBoundary><App /></ErrorBoundary></StrictMode>);
  return r;
}

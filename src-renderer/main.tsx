/** Renderer entry: mounts the agent workspace (mount.tsx) into #root. */
import { mount } from './mount';

const root = document.getElementById('root');
if (root) mount(root);

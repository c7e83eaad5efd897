/**
 * The application menu adapter: menu-model.ts's data → an Electron Menu (roles kept as roles with our catalogue's label, our
 * items with ids and a click that calls `onAction`), set as the application menu, replacing
 * Electron's default (Reload, DevTools, Electron's help links).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { ElectronDeps } from './electron-deps';
import type { MenuAction, MenuNode } from './menu-model';

export function menuTemplate(model: readonly MenuNode[], onAction: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  return model.map((node): MenuItemConstructorOptions => {
    switch (node.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'role':
        return { role: node.role, label: node.label };
      case 'action':
        return { id: node.id, label: node.label, ...(node.accelerator ? { accelerator: node.accelerator } : {}), click: () => onAction(node.id) };
      case 'submenu':
        // appMenu is a role whose own submenu replaces Electron's; the others are plain labelled submenus.
        return { label: node.label, ...(node.role === 'appMenu' || node.role === 'help' ? { role: node.role } : {}), submenu: menuTemplate(node.items, onAction) };
    }
  });
}

export function setApplicationMenu(Menu: ElectronDeps['Menu'], model: readonly MenuNode[], onAction: (action: MenuAction) => void): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(model, onAction)));
}

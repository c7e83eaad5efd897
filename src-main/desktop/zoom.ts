/**
 * Zoom of the window's page (Electron zoom levels: 0 = 100 %, each step ×1.2), changed from the View
 * menu and kept in the settings file so the next start opens at the same size.
 */
export const ZOOM_STEP = 0.5;
export const ZOOM_MIN = -3;
export const ZOOM_MAX = 4.5;

export type ZoomChange = 'in' | 'out' | 'reset';

/** The level after a change, clamped and on the step grid (a hand-edited odd value snaps). */
export function nextZoomLevel(current: number, change: ZoomChange): number {
  if (change === 'reset') return 0;
  const base = Number.isFinite(current) ? Math.round(current / ZOOM_STEP) * ZOOM_STEP : 0;
  return clampZoomLevel(base + (change === 'in' ? ZOOM_STEP : -ZOOM_STEP));
}

export function clampZoomLevel(level: number): number {
  if (!Number.isFinite(level)) return 0;
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, level));
}

export interface ZoomTarget {
  setZoomLevel(level: number): void;
}

/** Applies a change to the window's page and remembers it; returns the new level. */
export function createZoom(deps: { get(): number; set(level: number): void; target(): ZoomTarget | null }): {
  change(change: ZoomChange): number;
  /** Re-applies the remembered level (a page that loaded starts at 100 %). */
  apply(): void;
} {
  return {
    change(change) {
      const level = nextZoomLevel(deps.get(), change);
      deps.set(level);
      deps.target()?.setZoomLevel(level);
      return level;
    },
    apply() {
      deps.target()?.setZoomLevel(clampZoomLevel(deps.get()));
    },
  };
}

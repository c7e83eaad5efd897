/** `powerMonitor` and `screen`: one display, idle state and battery driven by child.ts. */
import { EventEmitter } from 'node:events';

class StandinPowerMonitor extends EventEmitter implements Pick<Electron.PowerMonitor, 'getSystemIdleState' | 'getSystemIdleTime' | 'isOnBatteryPower' | 'onBatteryPower' | 'getCurrentThermalState'> {
  idleState: 'active' | 'idle' | 'locked' | 'unknown' = 'active';
  onBatteryPower = false;
  getSystemIdleState(): 'active' | 'idle' | 'locked' | 'unknown' {
    return this.idleState;
  }
  getSystemIdleTime(): number {
    return 0;
  }
  isOnBatteryPower(): boolean {
    return this.onBatteryPower;
  }
  getCurrentThermalState(): 'unknown' {
    return 'unknown';
  }
}
export const powerMonitor = new StandinPowerMonitor();

const primaryDisplay: Electron.Display = {
  id: 1, label: 'stand-in', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 },
  size: { width: 1920, height: 1080 }, workAreaSize: { width: 1920, height: 1050 }, scaleFactor: 1, rotation: 0,
  accelerometerSupport: 'unknown', colorDepth: 24, colorSpace: 'srgb', depthPerComponent: 8, detected: true,
  displayFrequency: 60, internal: false, maximumCursorSize: { width: 0, height: 0 }, monochrome: false, nativeOrigin: { x: 0, y: 0 },
  touchSupport: 'unknown',
};
class StandinScreen extends EventEmitter implements Pick<Electron.Screen, 'getPrimaryDisplay' | 'getAllDisplays' | 'getDisplayMatching' | 'getDisplayNearestPoint' | 'getCursorScreenPoint'> {
  getPrimaryDisplay(): Electron.Display {
    return primaryDisplay;
  }
  getAllDisplays(): Electron.Display[] {
    return [primaryDisplay];
  }
  getDisplayMatching(): Electron.Display {
    return primaryDisplay;
  }
  getDisplayNearestPoint(): Electron.Display {
    return primaryDisplay;
  }
  getCursorScreenPoint(): Electron.Point {
    return { x: 0, y: 0 };
  }
}
export const screen = new StandinScreen();

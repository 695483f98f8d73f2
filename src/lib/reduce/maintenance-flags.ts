/**
 * Maintenance as per-minute flags of a service on the grid (the engine shows those minutes blue).
 * Pure; the window test is content/maintenance.ts's `maintenanceAt`.
 */
import type { ServiceConfig } from '../config/schema';
import { maintenanceAt, type MaintenanceWindow } from '../content/maintenance';
import { rowTime, type Grid } from '../health/grid';

/** Flags (1 = in a window) per minute of `grid` for a service, or undefined when it has no window. */
export function maintenanceFlags(windows: readonly MaintenanceWindow[], grid: Grid): (service: ServiceConfig) => Uint8Array | undefined {
  return (service) => {
    const mine = windows.filter((w) => w.service_ids.includes(service.id));
    if (mine.length === 0) return undefined;
    const flags = new Uint8Array(grid.length);
    // A row stamped t covers the minute (t - 60, t]: it is in maintenance when that minute starts in a window.
    for (let i = 0; i < grid.length; i++) if (maintenanceAt(mine, service.id, rowTime(grid, i) - 60) !== undefined) flags[i] = 1;
    return flags;
  };
}

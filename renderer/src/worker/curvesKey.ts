import type { StudioConfig } from '../../../core/config/schema';
import { familyKey } from './analysis';

/** Curves depend on everything but the rates, so a rate drag re-uses them and only moves the marker. */
export function curvesKey(config: StudioConfig, scope: string, stage: number): string {
  return JSON.stringify([familyKey(config), scope, stage]);
}

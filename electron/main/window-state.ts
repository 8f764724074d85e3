/**
 * The window's size and place, restored on the next start. Saved atomically (a crash never leaves a
 * broken file); a saved place that is no longer on any display (a monitor was unplugged) is dropped.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/model/session';

const boundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(800).max(20000),
  height: z.number().int().min(600).max(20000),
  maximized: z.boolean(),
});

export type WindowState = z.infer<typeof boundsSchema>;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function loadWindowState(file: string, displays: Area[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const parsed = boundsSchema.safeParse(raw);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const state = parsed.data;
  if (state.x === undefined || state.y === undefined) return state;
  const visible = displays.some(
    (area) =>
      state.x! < area.x + area.width - 100 &&
      state.x! + state.width > area.x + 100 &&
      state.y! >= area.y - 10 &&
      state.y! < area.y + area.height - 100,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, JSON.stringify(state));
}

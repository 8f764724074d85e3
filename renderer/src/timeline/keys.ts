/**
 * The timeline's keys, as in Perfetto and chrome://tracing, in one table: the handler and the `?` help
 * both read it.
 */
export type TimelineAction =
  | 'zoom-in'
  | 'zoom-out'
  | 'pan-left'
  | 'pan-right'
  | 'fit'
  | 'clear'
  | 'help'
  | 'search'
  | 'next-match'
  | 'previous-match';

export interface KeyBinding {
  keys: string[];
  action: TimelineAction;
  description: string;
}

export const KEY_BINDINGS: KeyBinding[] = [
  { keys: ['w'], action: 'zoom-in', description: 'zoom in (at the mouse)' },
  { keys: ['s'], action: 'zoom-out', description: 'zoom out' },
  { keys: ['a'], action: 'pan-left', description: 'pan left' },
  { keys: ['d'], action: 'pan-right', description: 'pan right' },
  { keys: ['f'], action: 'fit', description: 'fit the selection (or the whole trace)' },
  { keys: ['/'], action: 'search', description: 'search by name' },
  { keys: ['enter'], action: 'next-match', description: 'next match (in the search box)' },
  { keys: ['shift+enter'], action: 'previous-match', description: 'previous match' },
  { keys: ['escape'], action: 'clear', description: 'clear the selection' },
  { keys: ['?'], action: 'help', description: 'show or hide these keys' },
];

/** Mouse gestures, shown with the keys. */
export const MOUSE_BINDINGS: { gesture: string; description: string }[] = [
  { gesture: 'Ctrl + wheel', description: 'zoom at the mouse' },
  { gesture: 'Shift + wheel', description: 'pan' },
  { gesture: 'Wheel', description: 'scroll the tracks' },
  { gesture: 'Drag', description: 'pan' },
  { gesture: 'Shift + drag, or drag on the time axis', description: 'select an area (aggregate per name)' },
  { gesture: 'Click', description: 'select a span (details, flows)' },
];

/** The action of a key event, if any (keys typed into a text field are not the timeline's). */
export function actionOf(event: {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): TimelineAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = event.key.toLowerCase();
  const name = event.shiftKey && key === 'enter' ? 'shift+enter' : key;
  return KEY_BINDINGS.find((binding) => binding.keys.includes(name))?.action;
}

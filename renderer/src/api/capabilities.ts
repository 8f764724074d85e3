/**
 * What the machine behind this page offers (backends and why one is missing, known devices, the
 * sample model, folders to pick data from), asked once per page and shared by every view.
 */
import { useSyncExternalStore } from 'react';
import type { OperationResponse } from '../../../electron/core/api/operations';
import { client } from './client';

export type Capabilities = OperationResponse<'capabilities'>;

let capabilities: Capabilities | null = null;
let asked = false;
const listeners = new Set<() => void>();

function ask(): void {
  if (asked) return;
  asked = true;
  client()
    .call('capabilities', {})
    .then((answer) => {
      capabilities = answer;
      for (const listener of listeners) listener();
    })
    .catch(() => {
      asked = false; // asked again by the next view that needs them
    });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  ask();
  return () => listeners.delete(listener);
}

/** The capabilities, or null until they arrive. */
export function useCapabilities(): Capabilities | null {
  return useSyncExternalStore(subscribe, () => capabilities);
}

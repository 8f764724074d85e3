/**
 * The level-of-detail data of one trace for the current view: loaded by window (core's lodWindow: the
 * bucket is a pixel rounded to a power of two, the range widened around the view), so pans and zooms
 * that stay inside the loaded window cost no request; while a new window loads, the last one is drawn.
 */
import { lodWindow, windowServes, type LodWindow } from '../../../electron/core/model/trace-lod';
import type { TraceWindow } from '../../../electron/core/model/timeline-data';
import type { Viewport } from './viewport';

export interface WindowRequest {
  tracks: number[];
  startNs: number;
  endNs: number;
  bucketNs: number;
}

export type WindowFetcher = (request: WindowRequest) => Promise<TraceWindow>;

export class WindowCache {
  private loaded?: { window: LodWindow; tracks: string; data: TraceWindow };
  private pendingKey?: string;
  /** Requests sent so far (the benchmark and tests read it). */
  requests = 0;

  constructor(
    private readonly fetch: WindowFetcher,
    private readonly onLoaded: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The data to draw `view` (trace time) now; asks for a new window when the view left the loaded one. */
  get(view: Viewport, pixels: number, tracks: number[]): TraceWindow | undefined {
    const trackList = tracks.join(',');
    const loaded = this.loaded;
    if (
      loaded &&
      loaded.tracks === trackList &&
      windowServes(loaded.window, view.startNs, view.endNs, pixels)
    )
      return loaded.data;
    const window = lodWindow(view.startNs, view.endNs, pixels);
    const key = `${window.key}|${trackList}`;
    if (this.pendingKey !== key) {
      this.pendingKey = key;
      this.requests++;
      this.fetch({ tracks, startNs: window.startNs, endNs: window.endNs, bucketNs: window.bucketNs }).then(
        (data) => {
          if (this.pendingKey !== key) return;
          this.pendingKey = undefined;
          this.loaded = { window, tracks: trackList, data };
          this.onLoaded();
        },
        (error: unknown) => {
          if (this.pendingKey === key) this.pendingKey = undefined;
          this.onError(error);
        },
      );
    }
    return loaded?.data;
  }

  /** Whether the view is drawn from data loaded for it (not a stale window). */
  isCurrent(view: Viewport, pixels: number): boolean {
    return Boolean(this.loaded && windowServes(this.loaded.window, view.startNs, view.endNs, pixels));
  }
}

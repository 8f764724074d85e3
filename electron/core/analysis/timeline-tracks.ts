/**
 * The timeline's tracks in groups, as a user reads a trace: the pipeline first, then each process with
 * its CPU threads and NVTX tracks, then each GPU with its streams (in stream order), then anything else.
 * Tracks with no spans are left out. Each track says how many nesting levels (rows) it needs.
 */
import type { Trace, Track } from '../model/trace';
import type { TraceLod } from '../model/trace-lod';
import type { TimelineTrack, TrackGroup } from '../model/timeline-data';

export type { TimelineTrack, TrackGroup };

/** "GPU 0 (NVIDIA H200) stream 7" -> "GPU 0 (NVIDIA H200)". */
const GPU_OF_STREAM = /^(GPU \d+(?: \([^)]*\))?) stream /;

/** How a process without a name is called, by the trace's source. */
const UNNAMED_PROCESS: Record<string, string> = {
  onnxruntime: 'ONNX Runtime',
  kineto: 'PyTorch',
  pipeline: 'ONNX Runtime',
};

function groupOf(track: Track, source: string): { key: string; label: string; order: number } {
  const unnamed = UNNAMED_PROCESS[source] ?? (track.pid !== undefined ? `process ${track.pid}` : 'process');
  const process = track.processName ?? unnamed;
  switch (track.kind) {
    case 'pipeline':
      return { key: 'pipeline', label: 'Pipeline', order: 0 };
    case 'gpu-stream': {
      const device = track.deviceId !== undefined ? `GPU ${track.deviceId}` : process;
      const label = GPU_OF_STREAM.exec(track.name)?.[1] ?? device;
      return { key: `gpu:${device}`, label, order: 2 };
    }
    case 'cpu-thread':
    case 'nvtx': {
      const pid = track.pid !== undefined ? ` (pid ${track.pid})` : '';
      return { key: `process:${track.pid ?? process}`, label: `${process}${pid}`, order: 1 };
    }
    default:
      return { key: 'other', label: 'Other', order: 3 };
  }
}

export function timelineTrackGroups(trace: Trace, lod: TraceLod): TrackGroup[] {
  const groups = new Map<string, TrackGroup & { order: number; first: number }>();
  for (const track of trace.tracks) {
    const summary = lod.tracks[track.id];
    if (!summary || summary.spanCount === 0) continue;
    const { key, label, order } = groupOf(track, trace.source);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label, tracks: [], order, first: track.id }));
    const entry: TimelineTrack = {
      track: track.id,
      kind: track.kind,
      name: track.name,
      label:
        track.kind === 'gpu-stream' && track.streamId !== undefined ? `stream ${track.streamId}` : track.name,
      lanes: summary.lanes.length,
      spanCount: summary.spanCount,
      startNs: summary.startNs,
      endNs: summary.endNs,
    };
    for (const field of ['pid', 'tid', 'deviceId', 'streamId'] as const)
      if (track[field] !== undefined) entry[field] = track[field];
    group.tracks.push(entry);
  }
  return [...groups.values()]
    .sort((a, b) => a.order - b.order || a.first - b.first)
    .map(({ key, label, tracks }) => ({
      key,
      label,
      tracks: tracks.sort(
        (a, b) =>
          (a.streamId ?? 0) - (b.streamId ?? 0) || (a.kind === 'nvtx' ? 1 : 0) - (b.kind === 'nvtx' ? 1 : 0),
      ),
    }));
}

/**
 * A job's progress as a list of stages (done, running, waiting, failed) with an estimate of the time
 * left. The stages a profile job will pass through are known from its request (per precision: make
 * the variant, load and profile it; then accuracy), so the estimate weighs what is done against what is
 * still to come; stages that were not planned (input checks, calibration inside "int8:make") show up
 * where they happen. Pure: the renderer calls it on each event and on a clock tick.
 */
import type { Job } from './jobs';
import type { JobRecord } from './operations';

export interface StageProgress {
  stage: string;
  state: 'done' | 'running' | 'waiting' | 'failed' | 'cancelled';
  /** 0..1 within the stage, null when the stage does not say. */
  fraction: number | null;
  /** The stage's last message (e.g. "calibrate 40%: 000123.jpg"). */
  message?: string;
}

export interface JobProgress {
  stages: StageProgress[];
  /** Share of the planned work done, 0..1 (null when the job has no plan). */
  fraction: number | null;
  elapsedMs: number;
  /** Estimated time left, null until enough is done to tell (or when the job is over). */
  timeLeftMs: number | null;
}

/** Relative weight of a planned stage in the estimate: timing runs take longest, loading least. */
function weightOf(stage: string): number {
  if (stage.endsWith(':profile')) return 3;
  if (stage.endsWith(':make') || stage === 'accuracy') return 2;
  return 1;
}

/** The stages a job will report, in order. */
export function plannedStages(job: Job): string[] {
  switch (job.kind) {
    case 'profile': {
      const lower = job.precisions.filter((precision) => precision !== 'fp32');
      // FP32 is the source model itself: nothing to make. Each precision is made, loaded and
      // profiled before the next (profile-session.ts), so a late failure keeps the earlier ones.
      return [
        'fp32:load',
        'fp32:profile',
        ...lower.flatMap((precision) => [`${precision}:make`, `${precision}:load`, `${precision}:profile`]),
        'accuracy',
      ];
    }
    case 'inspect':
      return ['inspect'];
    case 'accuracy':
      return ['accuracy'];
    case 'self-test':
      return ['self-test'];
  }
}

/** Below this share done, or this much time spent, an estimate would be noise. */
const MIN_FRACTION = 0.05;
const MIN_ELAPSED_MS = 1000;

/** One line for a sub-stage's event, shown on the planned stage it belongs to. */
function subStageLine(event: JobRecord['progress'][number]): string {
  const percent = event.fraction !== null ? ` ${Math.round(event.fraction * 100)}%` : '';
  return `${event.stage}${percent}${event.message ? `: ${event.message}` : ''}`;
}

/**
 * `elapsedMs`: how long the job has run, by the caller's clock for a running job (the server's may
 * differ from the page's); a finished job's own start and end times are used instead.
 */
export function jobProgress(record: JobRecord, elapsedMs: number): JobProgress {
  const plan = plannedStages(record.job);
  const stages: StageProgress[] = plan.map((stage) => ({ stage, state: 'waiting', fraction: null }));
  let current: StageProgress | undefined;
  for (const event of record.progress) {
    let entry = stages.find((item) => item.stage === event.stage);
    if (!entry && current) {
      // A sub-stage of the planned stage under way (calibrate within int8:make): said there.
      current.message = subStageLine(event);
      continue;
    }
    if (!entry) {
      // Before any planned stage (checking the inputs): a stage of its own, in front.
      entry = { stage: event.stage, state: 'waiting', fraction: null };
      const firstWaiting = stages.findIndex((item) => item.state === 'waiting');
      stages.splice(firstWaiting < 0 ? stages.length : firstWaiting, 0, entry);
    }
    for (const earlier of stages.slice(0, stages.indexOf(entry))) earlier.state = 'done';
    entry.state = 'running';
    entry.fraction = event.fraction;
    entry.message = event.message;
    current = entry;
  }
  const over = record.state !== 'running';
  if (record.state === 'succeeded') for (const item of stages) item.state = 'done';
  else if (over && current) current.state = record.state === 'cancelled' ? 'cancelled' : 'failed';

  const ran = record.finishedAt ? Date.parse(record.finishedAt) - Date.parse(record.startedAt) : elapsedMs;
  const planned = stages.filter((item) => plan.includes(item.stage));
  const total = planned.reduce((sum, item) => sum + weightOf(item.stage), 0);
  const done = planned.reduce((sum, item) => {
    if (item.state === 'done') return sum + weightOf(item.stage);
    if (item.state === 'running') return sum + weightOf(item.stage) * (item.fraction ?? 0);
    return sum;
  }, 0);
  const fraction = total > 0 ? Math.min(1, done / total) : null;
  const timeLeftMs =
    !over && fraction !== null && fraction >= MIN_FRACTION && ran >= MIN_ELAPSED_MS
      ? (ran * (1 - fraction)) / fraction
      : null;
  return { stages, fraction, elapsedMs: Math.max(0, ran), timeLeftMs };
}

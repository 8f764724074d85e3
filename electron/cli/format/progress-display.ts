/**
 * Job progress on the terminal: one cli-progress bar per stage on a TTY, plain "stage 40% message"
 * lines otherwise (logs, CI, pipes), at most one line per stage and tenth.
 */
import cliProgress from 'cli-progress';
import type { ProgressMessage } from '../../core/api';

export interface ProgressDisplay {
  update(event: ProgressMessage): void;
  stop(): void;
}

export function progressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  return stream.isTTY ? barDisplay(stream) : lineDisplay(stream);
}

function barDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{stage} [{bar}] {percentage}% {message}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let stage = '';
  return {
    update(event) {
      const value = Math.round((event.fraction ?? 0) * 100);
      const payload = { stage: event.stage.padEnd(16), message: (event.message ?? '').slice(0, 50) };
      if (event.stage !== stage) {
        if (stage) bar.stop();
        stage = event.stage;
        bar.start(100, value, payload);
      } else bar.update(value, payload);
    },
    stop() {
      if (stage) bar.stop();
    },
  };
}

function lineDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const last = new Map<string, number>();
  return {
    update(event) {
      const tenth = event.fraction === null ? -1 : Math.floor(event.fraction * 10);
      if (last.get(event.stage) === tenth) return;
      last.set(event.stage, tenth);
      const percent = event.fraction === null ? '' : ` ${Math.round(event.fraction * 100)}%`;
      stream.write(`${event.stage}${percent}${event.message ? ` ${event.message}` : ''}\n`);
    },
    stop() {},
  };
}

/**
 * Crash recovery: while the app runs, userData/recovery.json says so and names the last session saved
 * (a run's session, an autosave, a Save). A clean quit clears the flag; on the next start after a
 * crash the flag is still set, and the app offers to reopen that session.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../core/model/session';

const recoverySchema = z.object({ running: z.boolean(), sessionPath: z.string().nullable() });
type Recovery = z.infer<typeof recoverySchema>;

export class RecoveryFile {
  private state: Recovery = { running: false, sessionPath: null };

  constructor(private readonly file: string) {}

  /** The session to offer after a crash (null after a clean quit, or when it is gone), then marks this run. */
  start(): string | null {
    let previous: Recovery | null = null;
    try {
      const parsed = recoverySchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (parsed.success) previous = parsed.data;
    } catch {
      previous = null;
    }
    const offer =
      previous?.running && previous.sessionPath && fs.existsSync(previous.sessionPath)
        ? previous.sessionPath
        : null;
    this.state = { running: true, sessionPath: previous?.sessionPath ?? null };
    this.write();
    return offer;
  }

  sessionSaved(sessionPath: string): void {
    this.state.sessionPath = sessionPath;
    this.write();
  }

  cleanExit(): void {
    this.state.running = false;
    this.write();
  }

  private write(): void {
    writeFileAtomic(this.file, JSON.stringify(this.state));
  }
}

/**
 * The files the renderer may ask the main process to read: only those the user chose in a dialog or
 * dropped on the window. A renderer that names any other path is refused, so a compromised page
 * cannot read the disk through the IPC handlers.
 */
import path from 'node:path';
import { StudioError } from '../core/errors';

export class GrantedPaths {
  private readonly paths = new Set<string>();

  grant(file: string): string {
    const absolute = path.resolve(file);
    this.paths.add(absolute);
    return absolute;
  }

  isGranted(file: string): boolean {
    return this.paths.has(path.resolve(file));
  }

  /** Throws the one-line refusal the user sees when `file` was not granted. */
  assertGranted(file: string): void {
    if (!this.isGranted(file)) {
      throw new StudioError(file, 'not opened through the Open dialog or a drop on the window; refused');
    }
  }
}

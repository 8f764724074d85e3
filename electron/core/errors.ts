/**
 * StudioError: an error the user can act on. It names the file and says what is wrong in one line;
 * the CLI, the main process and the server print `file: problem` and keep the stack for --debug.
 */
export class StudioError extends Error {
  readonly file: string | undefined;
  readonly problem: string;

  constructor(file: string | undefined, problem: string, options?: { cause?: unknown }) {
    super(file ? `${file}: ${problem}` : problem, options);
    this.name = 'StudioError';
    this.file = file;
    this.problem = problem;
  }
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
};

/** What a failed file operation means, in words ("no such file or folder"), from Node's error code. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && FILE_PROBLEMS[code]) return FILE_PROBLEMS[code];
  return code ? `cannot be read or written (${code})` : String(error);
}

/** A failed file operation as a StudioError naming the file: `run.log: is a folder, not a file`. */
export function fileError(file: string, error: unknown, doing?: string): StudioError {
  return new StudioError(file, doing ? `${doing}: ${fileProblem(error)}` : fileProblem(error), {
    cause: error,
  });
}

function isSystemFileError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === 'string' && typeof e.path === 'string';
}

/** One line for the user: StudioError as is, anything else with its kind so bugs stay visible. */
export function describeError(error: unknown): string {
  if (error instanceof StudioError) return error.message;
  // A file error that escaped its reader still names its file, not "ENOENT: no such file, open '...'".
  if (isSystemFileError(error)) return `${error.path}: ${fileProblem(error)}`;
  if (error instanceof Error) return `${error.name === 'Error' ? 'error' : error.name}: ${error.message}`;
  return String(error);
}

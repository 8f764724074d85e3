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

/** One line for the user: StudioError as is, anything else with its kind so bugs stay visible. */
export function describeError(error: unknown): string {
  if (error instanceof StudioError) return error.message;
  if (error instanceof Error) return `${error.name === 'Error' ? 'error' : error.name}: ${error.message}`;
  return String(error);
}

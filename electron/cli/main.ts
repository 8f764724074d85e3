/**
 * The command-line face of core/: `trt-studio <command>`. Each command lives in commands/<name>.ts and
 * only parses options, calls core/ and prints; no profiling logic lives here.
 *
 * Exit codes: 0 done, 1 the work failed (a file, the model, the machine), 2 the command line is wrong.
 * Every failure is one line on stderr starting "trt-studio: ".
 */
import { Command, CommanderError } from 'commander';
import { describeError } from '../core/errors';
import { APP_VERSION } from '../core/model/app-info';
import { registerCommands } from './commands';
import { helpSettings, UsageError } from './options';

const PREFIX = 'trt-studio: ';

/** The whole command tree (exported so tests can walk every command's --help). */
export function buildProgram(): Command {
  const program = new Command('trt-studio')
    .description('TensorRT Profiling Studio: per-layer cost of FP32, FP16 and INT8 for ONNX models')
    .version(APP_VERSION)
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureHelp(helpSettings)
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(`${PREFIX}${text}`),
    });
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; usage errors were already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${PREFIX}error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${PREFIX}${describeError(error)}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

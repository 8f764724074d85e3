/** Every CLI command, registered in the order `--help` lists them. */
import type { Command } from 'commander';
import { registerInspect } from './inspect';
import { registerProfile } from './profile';
import { registerImport } from './import';
import { registerCompare } from './compare';
import { registerDoctor } from './doctor';
import { registerReport } from './report';
import { registerServe } from './serve';

type Register = (program: Command) => void;

const commands: Register[] = [
  registerInspect,
  registerProfile,
  registerImport,
  registerCompare,
  registerReport,
  registerDoctor,
  registerServe,
];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}

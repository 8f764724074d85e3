/** Every CLI command, registered in the order `--help` lists them. */
import type { Command } from 'commander';
import { registerInspect } from './inspect';

type Register = (program: Command) => void;

const commands: Register[] = [registerInspect];

export function registerCommands(program: Command): void {
  for (const register of commands) register(program);
}

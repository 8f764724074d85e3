/** Every CLI command documents itself: --help works and describes the command and each option. */
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../electron/cli/main';
import { runCli } from '../helpers/cli';

describe('CLI help', () => {
  const program = buildProgram();

  it('lists the commands of the studio', () => {
    const names = program.commands.map((c) => c.name());
    expect(names).toContain('inspect');
    expect(names.length).toBeGreaterThanOrEqual(1);
  });

  for (const command of buildProgram().commands) {
    it(`${command.name()} has a description and described options`, () => {
      expect(command.description().length).toBeGreaterThan(10);
      for (const option of command.options)
        expect(option.description.length, option.flags).toBeGreaterThan(3);
      expect(command.helpInformation()).toContain(`Usage: trt-studio ${command.name()}`);
    });
  }

  it('--help exits 0 through the real binary', () => {
    const result = runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of program.commands) expect(result.stdout).toContain(command.name());
  });

  it('an unknown command is a usage error (exit 2)', () => {
    const result = runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});

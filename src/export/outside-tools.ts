/**
 * For the tests that check exports with the tools researchers open them in
 * (LibreOffice, xmllint): whether a tool is here, and what to do when it is not.
 * Locally a missing tool skips its test with a message saying how to install it;
 * in CI (`CI` set) the test runs anyway and fails, so a check never silently
 * stops checking. Test support only: no extension code imports this.
 */
import { spawnSync } from 'node:child_process';

export interface OutsideTool {
  /** True when the test should run: the tool is here, or CI demands it. */
  run: boolean;
  /** The test's title: what it checks, or why it was skipped. */
  title: string;
}

/** `command --version` answers; `install` says how to get it (`apt-get install …`). */
export function outsideTool(command: string, check: string, install: string, environment: NodeJS.ProcessEnv = process.env): OutsideTool {
  const present = spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
  if (present || environment.CI) return { run: true, title: present ? check : `${check} (${command} is missing, which CI does not allow: ${install})` };
  return { run: false, title: `SKIPPED ${check}: ${command} is missing (${install}; CI runs it)` };
}

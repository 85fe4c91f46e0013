import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('colour tokens (src/ui/base.css)', () => {
  it('keep text at 4.5:1 and control borders at 3:1 in the light and the dark scheme', () => {
    // scripts/contrast.mjs exits 1 (and execFileSync throws) when a pair falls short.
    const report = execFileSync(process.execPath, ['scripts/contrast.mjs'], { encoding: 'utf8' });
    expect(report).toContain('light --warn');
    expect(report).not.toContain('UNDER');
  });
});

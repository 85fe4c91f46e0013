import { describe, expect, it } from 'vitest';
import { outsideTool } from './outside-tools';

describe('outsideTool', () => {
  it('skips with a message saying how to install a missing tool, outside CI only', () => {
    const local = outsideTool('intervju-no-such-tool', 'checks a file', 'apt-get install x', {});
    expect(local).toEqual({ run: false, title: 'SKIPPED checks a file: intervju-no-such-tool is missing (apt-get install x; CI runs it)' });
    const ci = outsideTool('intervju-no-such-tool', 'checks a file', 'apt-get install x', { CI: 'true' });
    expect(ci.run).toBe(true);
    expect(ci.title).toContain('missing, which CI does not allow');
  });

  it('runs when the tool answers', () => {
    expect(outsideTool('node', 'checks a file', 'apt-get install nodejs', {})).toEqual({ run: true, title: 'checks a file' });
  });
});

import type { CoverageCommand } from '../../src/coverage';
import type { PanelScope } from '../../src/messages';

/** The setting that names a scope's running session: the live interview, or the practice page's pilot. */
export function scopeSessionSetting(scope: PanelScope | undefined): 'activeSessionId' | 'practiceSessionId' {
  return scope === 'practice' ? 'practiceSessionId' : 'activeSessionId';
}

/** `coverage.command`'s request: a bare command (the live interview, as before) or one with its scope. */
export function scopedCommand(request: CoverageCommand | { command: CoverageCommand; scope: PanelScope }): { command: CoverageCommand; scope: PanelScope } {
  return typeof request === 'string' ? { command: request, scope: 'call' } : request;
}

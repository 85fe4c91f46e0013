import { describe, expect, it } from 'vitest';
import { sessionExportId } from './SessionExportRoute';

describe('sessionExportId', () => {
  it('reads the session id from #/sessions/<id>/export only', () => {
    expect(sessionExportId('#/sessions/abc-123/export')).toBe('abc-123');
    expect(sessionExportId('#/sessions/a%2Fb/export')).toBe('a/b');
    expect(sessionExportId('#/sessions')).toBeNull();
    expect(sessionExportId('#/sessions/abc-123')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { GuidMap, uuidV5 } from './guid';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (DNS namespace, www.example.com)', async () => {
    expect(await uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ED6657D-E927-568B-95E1-2665A8AEA6A2');
  });

  it('gives the same GUID for the same record and different ones for different kinds', async () => {
    const guids = new GuidMap();
    const first = await guids.of('session', 'abc');
    expect(await new GuidMap().of('session', 'abc')).toBe(first);
    expect(await guids.of('note', 'abc')).not.toBe(first);
    expect(first).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/u);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Frame, Page } from '@playwright/test';

/** axe-core's own bundle, read once from the installed package. */
const AXE_SOURCE = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in one document (a page, or the panel's frame). The extension's pages
 * forbid inline scripts (`script-src 'self'`), so the bundle is evaluated through the
 * DevTools protocol, which the page's content security policy does not govern. Only
 * this document is checked: axe does not descend into frames from here.
 */
export async function runAxe(target: Page | Frame): Promise<AxeFinding[]> {
  const loaded = await target.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate(AXE_SOURCE);
  return target.evaluate(async () => {
    const axe = (globalThis as unknown as {
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
      };
    }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      iframes: false,
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
}

/** The findings a researcher relying on a screen reader or low vision would be stopped by. */
export function blocking(findings: readonly AxeFinding[]): AxeFinding[] {
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}

/** One line per finding, for the test log. */
export function describeFindings(where: string, findings: readonly AxeFinding[]): string {
  if (findings.length === 0) return `${where}: no findings`;
  return findings
    .map((finding) => `${where}: [${finding.impact}] ${finding.id} — ${finding.help}\n    ${finding.targets.slice(0, 5).join('\n    ')}${finding.targets.length > 5 ? `\n    … ${finding.targets.length - 5} more` : ''}`)
    .join('\n');
}

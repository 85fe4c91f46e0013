/**
 * The processes and threads of a Chromium started by the tests, read from /proc
 * (Linux only). CDP's Performance domain sees one JavaScript isolate at a time and
 * reports script time, not CPU; audio, worklet and encoder threads are invisible
 * to it. /proc/<pid>/task/<tid>/stat has each thread's utime+stime, and
 * /proc/<pid>/status the resident memory of the whole process.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: string;
  parent: string;
  args: string;
}

export interface ThreadSnapshot {
  threads: Map<string, { name: string; ticks: number }>;
  total: number;
}

/** Clock ticks per second of /proc's CPU figures. */
export const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** The browser's processes for this profile: the browser itself (first) and everything below it. */
export function processesOf(profileFolder: string): ProcessEntry[] {
  const all: ProcessEntry[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      all.push({ pid, parent: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // ended while we looked
    }
  }
  const browser = all.find((entry) => entry.args.includes(`--user-data-dir=${profileFolder}`) && !entry.args.includes('--type='));
  if (!browser) return [];
  const ours = new Set([browser.pid]);
  const below = (entry: ProcessEntry) => !ours.has(entry.pid) && ours.has(entry.parent);
  while (all.some(below)) for (const entry of all.filter(below)) ours.add(entry.pid);
  return [browser, ...all.filter((entry) => entry !== browser && ours.has(entry.pid))];
}

/** The extension renderer that runs audio and worker threads: the one hosting the offscreen document. */
export function offscreenRenderer(profileFolder: string): string | null {
  const renderers = processesOf(profileFolder).filter((entry) => entry.args.includes('--type=renderer') && entry.args.includes('--extension-process'));
  const scored = renderers.map(({ pid }) => {
    const names = [...threadSnapshot(pid).threads.values()].map((thread) => thread.name);
    return { pid, score: names.filter((name) => /audio|worklet|DedicatedWorker/i.test(name)).length };
  });
  return scored.sort((a, b) => b.score - a.score).find((entry) => entry.score > 0)?.pid ?? null;
}

/** Ticks of each live thread of `pid` (names from comm, cut to 15 characters), and of the whole process. */
export function threadSnapshot(pid: string, previous: ThreadSnapshot | null = null): ThreadSnapshot {
  const threads = new Map(previous?.threads ?? []);
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      threads.set(tid, { name, ticks: ticksOf(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')) });
    } catch {
      // the thread ended: keep its last reading
    }
  }
  return { threads, total: processTicks(pid) };
}

export function processTicks(pid: string): number {
  return ticksOf(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** Resident memory of a process in MB (VmRSS; with `peak`, the most it has held since it started: VmHWM), or null once it has ended. */
export function residentMegabytes(pid: string, peak = false): number | null {
  const field = peak ? 'VmHWM:' : 'VmRSS:';
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(field));
    return line ? Number(line.split(/\s+/)[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** utime + stime: fields 14 and 15 of a stat line, counted after the parenthesised name. */
function ticksOf(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The transcription worker's thread (Whisper in WASM): comm 'DedicatedWorker thread', cut to 15 characters. */
export const isTranscriptionThread = (name: string): boolean => /^DedicatedWorker/.test(name);

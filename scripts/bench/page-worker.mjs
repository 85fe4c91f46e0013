/**
 * The built transcription worker, started from inside an extension page by the
 * bench scripts (browser-run.mjs, profile-utterance.mjs, final-pass.mjs,
 * memory.mjs). Their drivers run in the page (`page.evaluate`), so they cannot
 * import this: `installWorkerStarter(page)` defines `startBenchWorker` there.
 */

/**
 * Runs in the page. The worker at `workerPath` (relative to the extension) and
 * `next(status, id?)`: the worker's next event of that status (and id), or a
 * rejection with its next error.
 */
function startBenchWorker(workerPath) {
  const worker = new Worker(chrome.runtime.getURL(workerPath), { type: 'module' });
  const next = (status, id) =>
    new Promise((resolve, reject) => {
      const listener = (event) => {
        const data = event.data;
        if (data.status === 'error') {
          worker.removeEventListener('message', listener);
          reject(new Error(data.message));
          return;
        }
        if (data.status !== status || (id !== undefined && data.id !== id)) return;
        worker.removeEventListener('message', listener);
        resolve(data);
      };
      worker.addEventListener('message', listener);
    });
  return { worker, next };
}

/** Defines `startBenchWorker` in `page` (call after each navigation). */
export function installWorkerStarter(page) {
  return page.evaluate(`globalThis.startBenchWorker = ${startBenchWorker.toString()}`);
}

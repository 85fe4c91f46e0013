/** Saves data as a file through the browser's own download (nothing leaves the machine). */
export function downloadFile(name: string, data: BlobPart, type: string): void {
  downloadBlob(name, data instanceof Blob && data.type === type ? data : new Blob([data], { type }));
}

/**
 * Saves a Blob as a file. A Blob built from many parts (a streamed backup or
 * export) stays in the browser's blob store; the download reads it from there,
 * so a file of hours of audio is never one buffer in this page.
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download holds the Blob once it has started; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

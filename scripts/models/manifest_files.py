"""The `files` list of a model's manifest.json: every file under the model's
folder but the manifest itself, with its sha256 and size, sorted by path (what
the extension verifies a model against, src/transcribe/model-registry.ts)."""

import hashlib
import os


def manifest_files(folder):
    files = []
    for directory, _, names in os.walk(folder):
        for name in names:
            full = os.path.join(directory, name)
            relative = os.path.relpath(full, folder).replace(os.sep, '/')
            if relative == 'manifest.json':
                continue
            with open(full, 'rb') as handle:
                data = handle.read()
            files.append({'path': relative, 'sha256': hashlib.sha256(data).hexdigest(), 'bytes': len(data)})
    files.sort(key=lambda entry: entry['path'])
    return files

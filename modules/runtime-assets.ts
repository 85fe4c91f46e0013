/**
 * Puts into the build what the transcription worker loads from the extension
 * itself (WXT copies only `public/` verbatim, so this hooks `build:publicAssets`):
 *
 * - every `models/<name>/` that has a valid `manifest.json`, as `models/<name>/…`
 *   (only the files the manifest lists, so stray downloads do not ship; the
 *   weights' `.onnx_data` files among them), plus
 *   `models/index.json` listing them for the UI;
 * - onnxruntime-web's wasm runtime, from the very copy transformers.js imports
 *   (it pins its own version; another package may bring a second copy), as `ort/…`.
 *
 * A model folder whose files do not match its manifest's list is left out with a
 * warning: a half-fetched model must not ship and then transcribe badly.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineWxtModule } from 'wxt/modules';
import { externalDataFiles, parseModelManifest, type ModelManifest } from '../src/transcribe/model-registry';
import { MODELS_FOLDER, ORT_FOLDER, ORT_RUNTIME_FILES } from '../src/transcribe/worker/runtime-assets';

interface PublicFile {
  relativeDest: string;
  absoluteSrc?: string;
  contents?: string;
}

/** The folder of the onnxruntime-web that @huggingface/transformers itself resolves. */
export function onnxRuntimeWebFolder(root: string): { folder: string; version: string } {
  const fromProject = createRequire(path.join(root, 'package.json'));
  const transformersEntry = fromProject.resolve('@huggingface/transformers');
  const fromTransformers = createRequire(transformersEntry);
  const runtimeEntry = fromTransformers.resolve('onnxruntime-web');
  const packageFolder = path.resolve(path.dirname(runtimeEntry), '..');
  const version = JSON.parse(readFileSync(path.join(packageFolder, 'package.json'), 'utf8')).version as string;
  const transformersPackage = JSON.parse(
    readFileSync(path.join(path.dirname(transformersEntry), '..', 'package.json'), 'utf8'),
  ) as { dependencies?: Record<string, string> };
  const wanted = transformersPackage.dependencies?.['onnxruntime-web'];
  if (wanted && wanted !== version) {
    throw new Error(`runtime-assets: transformers.js wants onnxruntime-web ${wanted} but resolves ${version}`);
  }
  return { folder: path.join(packageFolder, 'dist'), version };
}

/** The model folders under `modelsRoot` that can ship, with the files to copy; warns about the others. */
export function bundledModels(
  modelsRoot: string,
  warn: (message: string) => void,
): { manifest: ModelManifest; folder: string }[] {
  if (!existsSync(modelsRoot)) return [];
  const models: { manifest: ModelManifest; folder: string }[] = [];
  for (const name of readdirSync(modelsRoot).sort()) {
    const folder = path.join(modelsRoot, name);
    const manifestPath = path.join(folder, 'manifest.json');
    if (!statSync(folder).isDirectory() || !existsSync(manifestPath)) continue;
    try {
      const manifest = parseModelManifest(JSON.parse(readFileSync(manifestPath, 'utf8')));
      if (manifest.name !== name) throw new Error(`manifest names "${manifest.name}", folder is "${name}"`);
      for (const file of manifest.files) {
        const absolute = path.join(folder, file.path);
        if (!existsSync(absolute)) throw new Error(`${file.path} is missing`);
        const bytes = statSync(absolute).size;
        if (bytes !== file.bytes) throw new Error(`${file.path} has ${bytes} bytes, the manifest says ${file.bytes}`);
      }
      // transformers.js fetches the weights' `.onnx_data` files when config.json says so: they must ship too.
      const listed = new Set(manifest.files.map((file) => file.path));
      const config: unknown = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8'));
      for (const needed of externalDataFiles(config, manifest.dtype)) {
        if (!listed.has(needed)) throw new Error(`config.json asks for ${needed} (use_external_data_format), which the manifest does not list`);
      }
      models.push({ manifest, folder });
    } catch (error) {
      warn(`models/${name} left out of the build: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return models;
}

/** Entrypoint types that run as scripts without a page, where `import.meta.url` is not usable. */
const SCRIPT_ENTRYPOINT_TYPES = new Set(['background', 'content-script', 'unlisted-script']);

/**
 * onnxruntime-web's bundle names its own wasm with `new URL('….wasm', import.meta.url)`,
 * which Vite would emit as a second, hashed 27 MB copy. We always set wasmPaths to
 * the copy in ort/ (below), so that code never runs: hide it from Vite. In a bundled
 * worker or page, self.location.href stands in harmlessly for import.meta.url.
 */
function onnxruntimeOwnWasm() {
  return {
    name: 'intervju:onnxruntime-own-wasm',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/[\\/]onnxruntime-web[\\/]dist[\\/].*\.m?js$/.test(id.split('?')[0] ?? '')) return null;
      return { code: code.replaceAll('import.meta.url', 'self.location.href'), map: null };
    },
  };
}

export default defineWxtModule({
  name: 'intervju:runtime-assets',
  setup(wxt) {
    // WXT defines `import.meta.url` as `self.location.href` for every build (for the
    // service worker: https://github.com/wxt-dev/wxt/issues/392). That hides Vite's
    // `new Worker(new URL('…', import.meta.url), { type: 'module' })` pattern, so the
    // transcription worker was never bundled (https://github.com/wxt-dev/wxt/issues/2032).
    // Extension pages are ES modules where import.meta.url is real: drop the define there.
    wxt.hooks.hook('vite:build:extendConfig', (entrypoints, config) => {
      if (entrypoints.some((entrypoint) => SCRIPT_ENTRYPOINT_TYPES.has(entrypoint.type))) return;
      config.worker = {
        ...config.worker,
        format: 'es',
        plugins: () => [onnxruntimeOwnWasm()],
      };
      config.plugins = [
        ...(config.plugins ?? []),
        // The offscreen document runs onnxruntime too (Silero VAD), so pages need it as well.
        onnxruntimeOwnWasm(),
        {
          name: 'intervju:real-import-meta-url',
          enforce: 'post',
          config(resolved: { define?: Record<string, unknown> }) {
            if (resolved.define) delete resolved.define['import.meta.url'];
          },
        },
      ];
    });

    wxt.hooks.hook('build:publicAssets', (_wxt, files: PublicFile[]) => {
      const root = wxt.config.root;
      const models = bundledModels(path.join(root, MODELS_FOLDER), (message) => wxt.logger.warn(message));
      for (const { manifest, folder } of models) {
        for (const relative of ['manifest.json', ...manifest.files.map((file) => file.path)]) {
          files.push({ absoluteSrc: path.join(folder, relative), relativeDest: `${MODELS_FOLDER}/${manifest.name}/${relative}` });
        }
      }
      const index = models.map(({ manifest }) => ({
        name: manifest.name,
        displayName: manifest.displayName,
        kind: manifest.kind,
        dtype: manifest.dtype,
        sizeBytes: manifest.sizeBytes,
        languages: manifest.languages,
        wordTimestamps: manifest.wordTimestamps,
      }));
      files.push({ relativeDest: `${MODELS_FOLDER}/index.json`, contents: `${JSON.stringify(index, null, 2)}\n` });

      const runtime = onnxRuntimeWebFolder(root);
      for (const file of Object.values(ORT_RUNTIME_FILES)) {
        const absolute = path.join(runtime.folder, file);
        if (!existsSync(absolute)) throw new Error(`runtime-assets: onnxruntime-web ${runtime.version} has no ${file}`);
        files.push({ absoluteSrc: absolute, relativeDest: `${ORT_FOLDER}/${file}` });
      }
      wxt.logger.info(
        `runtime-assets: ${models.length} model(s) [${models.map(({ manifest }) => manifest.name).join(', ')}], onnxruntime-web ${runtime.version}`,
      );
    });
  },
});

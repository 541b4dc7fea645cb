import * as tf from '@tensorflow/tfjs';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: Promise<TfBackendName> | undefined;

async function tryLoad(moduleName: string): Promise<boolean> {
  try {
    // A runtime name keeps bundlers and the type checker from requiring the optional package.
    await import(moduleName);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the fastest available tfjs backend once per process: tfjs-node if it is installed
 * (optional, native), else WebAssembly (single-threaded in Node), else the pure-JS cpu backend.
 */
export function ensureBackend(
  preference: 'auto' | TfBackendName = 'auto',
): Promise<TfBackendName> {
  if (!chosen) chosen = pick(preference);
  return chosen;
}

async function pick(
  preference: 'auto' | TfBackendName,
): Promise<TfBackendName> {
  const order: TfBackendName[] =
    preference === 'auto'
      ? ['tensorflow', 'wasm', 'cpu']
      : [preference, 'wasm', 'cpu'];
  for (const name of order) {
    if (name === 'tensorflow' && !(await tryLoad('@tensorflow/tfjs-node')))
      continue;
    if (name === 'wasm' && !(await tryLoad('@tensorflow/tfjs-backend-wasm')))
      continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // fall through to the next backend
    }
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}

import * as tf from '@tensorflow/tfjs';
import type { FeatureSpec } from './features';

/** The global model as plain data: topology + weight specs (JSON) and the weights (ArrayBuffer). */
export interface NeuralArtifact {
  spec: FeatureSpec;
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

export async function saveNeural(
  model: tf.LayersModel,
  spec: FeatureSpec,
): Promise<NeuralArtifact> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
        },
      };
    }),
  );
  if (
    !saved ||
    !saved.modelTopology ||
    !saved.weightSpecs ||
    !saved.weightData
  ) {
    throw new Error('model save produced no artifacts');
  }
  const data = saved.weightData;
  const weightData =
    data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data);
  return {
    spec,
    modelTopology: saved.modelTopology as object,
    weightSpecs: saved.weightSpecs,
    weightData,
  };
}

export async function loadNeural(a: NeuralArtifact): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: a.modelTopology,
      weightSpecs: a.weightSpecs,
      weightData: a.weightData,
    }),
  );
}

/** Tensors across the TensorRT addon boundary: NamedTensor <-> the addon's {dtype, dims, data}. */
import { StudioError } from '../errors';
import type { NativeTensorIn, NativeTensorOut } from '../../../native/index';
import type { NamedTensor } from '../model/tensor';

export function toNativeTensor(tensor: NamedTensor): NativeTensorIn {
  return { dtype: tensor.dtype, dims: [...tensor.dims], data: tensor.data };
}

/** Copies the addon's output bytes into the typed array of its dtype. */
export function fromNativeTensor(tensor: NativeTensorOut, file: string): NamedTensor {
  const dims = [...tensor.dims];
  switch (tensor.dtype) {
    case 'float32':
      return { dtype: 'float32', dims, data: new Float32Array(tensor.data) };
    case 'float16':
      return { dtype: 'float16', dims, data: new Uint16Array(tensor.data) };
    case 'int8':
      return { dtype: 'int8', dims, data: new Int8Array(tensor.data) };
    case 'uint8':
      return { dtype: 'uint8', dims, data: new Uint8Array(tensor.data) };
    case 'bool':
      return { dtype: 'bool', dims, data: new Uint8Array(tensor.data) };
    case 'int32':
      return { dtype: 'int32', dims, data: new Int32Array(tensor.data) };
    case 'int64':
      return { dtype: 'int64', dims, data: new BigInt64Array(tensor.data) };
    default:
      throw new StudioError(
        file,
        `output '${tensor.name}' is ${tensor.dtype}, which the studio does not read back`,
      );
  }
}

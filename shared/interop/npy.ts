/**
 * NumPy `.npy` files (format version 1.0) written from typed arrays: the compact sidecar of an
 * exported network (weights, connection lists, spike trains), read in the script with
 * `numpy.load(path, allow_pickle=False)`. Little-endian float64 or int32, C order.
 */

export type NpyArray = Float64Array | Int32Array;

export function encodeNpy(data: NpyArray, shape: readonly number[] = [data.length]): Uint8Array {
  const descr = data instanceof Float64Array ? '<f8' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length * data.BYTES_PER_ELEMENT);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  if (data instanceof Float64Array) {
    for (let i = 0; i < data.length; i++) view.setFloat64(total + i * 8, data[i]!, true);
  } else {
    for (let i = 0; i < data.length; i++) view.setInt32(total + i * 4, data[i]!, true);
  }
  return out;
}

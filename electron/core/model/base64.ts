/**
 * Base64 of bytes, the same in Node and in the browser: session files and the contract's JSON carry
 * trace columns as base64, and the renderer decodes them without Node's Buffer.
 */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  if (typeof Buffer !== 'undefined')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

/** Decodes into a fresh, aligned buffer (a typed array of any element size can view it). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer !== 'undefined') {
    const decoded = Buffer.from(base64, 'base64');
    const aligned = new Uint8Array(decoded.byteLength);
    aligned.set(decoded);
    return aligned;
  }
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
